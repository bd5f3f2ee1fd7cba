import { Router } from 'express';
import { z } from 'zod';
import type { AuditEntry } from '../../store/access-store.ts';
import type { Store } from '../../store/index.ts';
import { requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';
import { parse } from '../schemas.ts';

const MAX_LIMIT = 1_000;

const auditQuery = z.object({
  objectType: z.string().trim().min(1).max(200).optional(),
  objectId: z.string().trim().min(1).max(500).optional(),
  organisation: z.string().trim().min(1).max(200).optional(),
  since: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'since must be an ISO 8601 time, e.g. 2026-01-31T12:00:00Z' })
    .optional(),
  limit: z.coerce
    .number({ message: `limit must be a whole number from 1 to ${MAX_LIMIT}` })
    .int()
    .min(1)
    .max(MAX_LIMIT, { message: `limit is at most ${MAX_LIMIT}; page with ?since= for more` })
    .default(100),
});

/** The audit log for reviewers: every write with who, when, what and the versions before and after. */
export function auditRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/audit');

  api.get('/', {
    summary: 'Audit entries, newest first',
    tags: ['access'],
    query: {
      objectType: 'only this kind of object (a layer name, token, route, work, plan, import)',
      objectId: 'only this object',
      organisation: 'only writes by this organisation',
      since: 'only entries at or after this ISO 8601 time',
      limit: `at most this many entries (default 100, at most ${MAX_LIMIT})`,
    },
    responses: { 200: '{ entries: [{ seq, at, who, action, object, beforeVersion, afterVersion, detail }] }', 400: 'bad filter', 403: 'not an engineer or administrator' },
  }, requires('audit:read'), async (req, res) => {
    const { since, ...filters } = parse(auditQuery, req.query, 'query');
    const rows = await store.access.auditLog({ ...filters, ...(since ? { since: new Date(since).toISOString() } : {}) });
    res.json({ entries: rows.map(present) });
  });

  return router;
}

function present(entry: AuditEntry) {
  return {
    seq: entry.seq,
    at: isoTime(entry.at),
    who: { organisation: entry.organisation, tokenId: entry.token_id, role: entry.role },
    action: entry.action,
    object: { type: entry.object_type, id: entry.object_id },
    beforeVersion: entry.before_version,
    afterVersion: entry.after_version,
    detail: entry.detail,
  };
}

/** PostgreSQL's `2026-01-31 12:00:00.123+00` as ISO 8601, the form ?since= takes back. */
function isoTime(text: string): string {
  const time = new Date(text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(time.getTime()) ? text : time.toISOString();
}
