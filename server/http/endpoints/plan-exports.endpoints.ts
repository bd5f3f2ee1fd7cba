import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Plan, PlanOptions } from '../../domain/plan/plan.types.ts';
import { planToCsv } from '../../exports/plan-csv.ts';
import { shortId, type PlanExportMeta } from '../../exports/plan-format.ts';
import { planToGeoJson } from '../../exports/plan-geojson.ts';
import { planToIcs } from '../../exports/plan-ics.ts';
import { planToXlsx } from '../../exports/plan-xlsx.ts';
import { type LetterOptions, lettersToText, planToLetters } from '../../exports/resident-letters.ts';
import type { Language } from '../../messages/language.ts';
import type { PlanRecord } from '../../store/plan-store.ts';
import type { Store } from '../../store/index.ts';
import { requires } from '../auth.ts';
import { outputCrs } from '../crs-params.ts';
import { answerLanguage } from '../language.ts';
import type { ApiDoc } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { parse } from '../schemas.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csvQuery = z.object({
  delimiter: z.enum(['comma', 'semicolon'], { message: 'delimiter must be "comma" (RFC 4180, the default) or "semicolon" (Dutch Excel)' }).default('comma'),
});
const letterQuery = z.object({
  municipality: z.string().trim().min(1).max(200).optional(),
  contact: z.string().trim().min(1).max(200).optional(),
});

/**
 * Downloads of a stored plan: XLSX, CSV, iCalendar, GeoJSON and the resident letters. Each export is computed from
 * the plan exactly as it was stored, so every file matches what was proposed. Mounted at /api/plans next to the
 * planner's own router; these paths all have a second segment, so the two never claim the same request. Headers,
 * labels, explanations and letters are Dutch unless `?lang=en` or Accept-Language asks for English.
 */
export function planExportsRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/plans');
  const tags = ['plans'];
  const missing = { 404: 'no plan with this id' };
  const lang = { lang: 'nl (default) or en; else Accept-Language' };

  api.get('/:id/export.xlsx', {
    summary: 'The plan as an Excel workbook: summary, openings, works, a timeline per street',
    tags,
    query: lang,
    responses: { 200: XLSX_TYPE, ...missing },
  }, requires('plans:read'), async (req, res) => {
    const { record, meta } = await planOf(req, store);
    send(res, await planToXlsx(record.plan, meta), XLSX_TYPE, fileName(meta, 'xlsx'));
  });

  api.get('/:id/export.csv', {
    summary: 'One row per scheduled work, RFC 4180',
    tags,
    query: { delimiter: 'comma (default, RFC 4180) or semicolon (with a UTF-8 byte order mark, for Excel under a Dutch locale)', ...lang },
    responses: { 200: 'text/csv', 400: 'unknown delimiter', ...missing },
  }, requires('plans:read'), async (req, res) => {
    const { delimiter } = parse(csvQuery, req.query, 'query');
    const { record, meta } = await planOf(req, store);
    const csv = planToCsv(record.plan, { ...(delimiter === 'semicolon' ? { delimiter: ';', bom: true } : {}), language: meta.language });
    send(res, csv, 'text/csv; charset=utf-8; header=present', fileName(meta, 'csv'));
  });

  api.get('/:id/export.ics', {
    summary: 'One all-day calendar event per opening (UID <openingId>@ondergrond)',
    tags,
    query: lang,
    responses: { 200: 'text/calendar', ...missing },
  }, requires('plans:read'), async (req, res) => {
    const { record, meta } = await planOf(req, store);
    send(res, planToIcs(record.plan, meta), 'text/calendar; charset=utf-8', fileName(meta, 'ics'));
  });

  api.get('/:id/export.geojson', {
    summary: 'The openings with geometry, dates and works',
    tags,
    query: { crs: 'EPSG:4326 (default) or EPSG:28992', ...lang },
    responses: { 200: 'application/geo+json FeatureCollection', 400: 'unsupported crs', ...missing },
  }, requires('plans:read'), async (req, res) => {
    const crs = outputCrs(req);
    const { record, meta } = await planOf(req, store);
    send(res, JSON.stringify(planToGeoJson(record.plan, crs, meta.language)), 'application/geo+json', fileName(meta, 'geojson'));
  });

  const municipalityQuery = {
    municipality: 'who signs and answers questions; default the organisation that computed the plan',
    contact: 'one line where residents reach the sender (phone, e-mail); none when absent',
    ...lang,
  };

  api.get('/:id/letters', {
    summary: 'One plain-language letter per street (Dutch, or English with ?lang=en) telling every opening of it, for its residents',
    tags,
    query: municipalityQuery,
    responses: { 200: '{ letters: [{ street, openingIds, text }] }', ...missing },
  }, requires('plans:read'), async (req, res) => {
    const query = parse(letterQuery, req.query, 'query');
    const { record, meta } = await planOf(req, store);
    res.json({ letters: planToLetters(record.plan, letterOptions(query, record, meta.language)) });
  });

  api.get('/:id/letters.txt', {
    summary: 'Every resident letter in one text file, one per page',
    tags,
    query: municipalityQuery,
    responses: { 200: 'text/plain', ...missing },
  }, requires('plans:read'), async (req, res) => {
    const query = parse(letterQuery, req.query, 'query');
    const { record, meta } = await planOf(req, store);
    const letters = planToLetters(record.plan, letterOptions(query, record, meta.language));
    send(res, lettersToText(letters), 'text/plain; charset=utf-8', `ondergrond-plan-${shortId(meta.id)}-brieven.txt`);
  });

  return router;
}

/** The stored plan and what its exports say about it, in the request's language. */
async function planOf(req: Request, store: Store): Promise<{ record: PlanRecord<Plan, PlanOptions>; meta: PlanExportMeta & { language: Language } }> {
  const id = String(req.params.id);
  const record = await store.plans.get<Plan, PlanOptions>(id);
  if (!record) throw notFound(`there is no plan ${JSON.stringify(id)}; POST /api/plans computes one and answers its id`);
  const language = answerLanguage(req);
  return { record, meta: { id: record.id, createdAt: record.created_at, organisation: record.organisation, language } };
}

/** The letters' sender, contact line and language from the query, and the moratorium the plan was computed with. */
function letterOptions({ municipality, contact }: z.infer<typeof letterQuery>, record: PlanRecord<Plan, PlanOptions>, language: Language): LetterOptions {
  const sender = municipality ?? record.organisation;
  return { language, moratoriumYears: record.options.moratoriumYears, ...(sender ? { municipality: sender } : {}), ...(contact ? { contact } : {}) };
}

function fileName(meta: PlanExportMeta, extension: string): string {
  return `ondergrond-plan-${shortId(meta.id)}.${extension}`;
}

function send(res: Response, body: string | Buffer, type: string, filename: string): void {
  res.set('Content-Type', type);
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}
