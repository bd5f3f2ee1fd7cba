import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { Router, type Request } from 'express';
import { type RunImportResult, runImport } from '../../app/run-import.ts';
import { LAYERS, type LayerName, isLayerName } from '../../domain/assets/layers.ts';
import { importFailureStatus } from '../../imports/types.ts';
import type { Store } from '../../store/index.ts';
import { forbidden, principalOf, requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';
import { AppError, badRequest, problemOf } from '../problem.ts';

export interface ImportRouteOptions {
  /** Largest upload in bytes. */
  uploadLimit: number;
}

/** Upload a KLIC delivery, a tree register or road parts; it is stored whole or not at all. */
export function importsRouter(store: Store, doc: ApiDoc, { uploadLimit }: ImportRouteOptions): Router {
  const router = Router();
  const api = doc.on(router, '/api/imports');

  api.post('/', {
    summary: 'Import a KLIC delivery (zip or IMKL XML), a tree register or road parts (GeoJSON)',
    tags: ['imports'],
    query: { layer: 'import only these layers (comma-separated)' },
    body: { 'multipart/form-data': 'field "file": the delivery or register' },
    responses: {
      201: 'import report with counts per layer, skipped objects and warnings',
      400: 'not a supported or readable file; nothing stored',
      403: 'role may not import (answered before the upload is read), an owner you may not import for, or stored features of another organisation (ids listed); nothing stored',
      413: 'upload too large',
    },
  }, requires('imports:run'), async (req, res) => {
    const layers = layerFilter(req.query.layer);
    const dir = await mkdtemp(join(tmpdir(), 'ondergrond-upload-'));
    try {
      const { path, name } = await receiveFile(req, dir, uploadLimit);
      const result = await runImport(store, principalOf(res), { path, name, ...(layers ? { layers } : {}) });
      if (!result.ok) throw refused(req, result, name);
      res.status(201).json({ file: name, ...result.report, stored: result.stored });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  return router;
}

/** The problem an import refusal answers as. */
function refused(req: Request, result: Exclude<RunImportResult, { ok: true }>, name: string): AppError {
  switch (result.reason) {
    case 'forbidden':
    case 'forbidden-owner':
      return forbidden(req, result.refusal);
    case 'forbidden-features': {
      const listed = result.ids.map((f) => `${f.layer}/${f.id} (${f.owner})`).join(', ');
      const more = result.count > result.ids.length ? ` and ${result.count - result.ids.length} more` : '';
      return new AppError(403, 'Forbidden', `${name} would change ${result.count} stored feature${result.count === 1 ? '' : 's'} of organisations you may not import for: ${listed}${more}; nothing was stored. Leave them out or ask their owner or the municipality to import them`, {
        ids: result.ids,
        count: result.count,
      });
    }
    case 'invalid-file': {
      // A limit on what the file makes the server read (inflated bytes, objects) is 413; the reason names the file.
      const status = importFailureStatus(result.failure.code);
      return new AppError(status, status === 413 ? 'Content too large' : 'Bad request', `${result.failure.reason}; nothing was stored`, { code: result.failure.code });
    }
  }
}

function layerFilter(value: unknown): LayerName[] | undefined {
  if (value === undefined) return undefined;
  const names = String(value).split(',').map((s) => s.trim());
  const bad = names.filter((n) => !isLayerName(n));
  if (bad.length) throw badRequest(`layer ${bad.join(', ')} does not exist; the layers are ${LAYERS.join(', ')}`);
  return names as LayerName[];
}

/** Streams the multipart field `file` to disk, so a 20 MB delivery is never held in memory whole. */
function receiveFile(req: Request, dir: string, limit: number): Promise<{ path: string; name: string }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: limit } });
    } catch {
      reject(problemOf(400, { code: 'problem.upload-not-multipart' }));
      return;
    }
    let received: Promise<{ path: string; name: string }> | undefined;
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        return;
      }
      const name = info.filename || 'upload';
      // The extension tells a damaged zip from unknown bytes, so it is kept (and only it, never the client's path).
      const extension = /\.(zip|xml|gml|geojson|json)$/i.exec(name)?.[0].toLowerCase() ?? '';
      const path = join(dir, `upload${extension}`);
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      received = pipeline(stream, createWriteStream(path)).then(() => {
        if (truncated) throw problemOf(413, { code: 'problem.upload-too-large', params: { name, limit: String(limit) } });
        return { path, name };
      });
    });
    parser.on('error', () => reject(problemOf(400, { code: 'problem.upload-unreadable' })));
    parser.on('close', () => {
      if (!received) reject(problemOf(400, { code: 'problem.upload-no-file' }));
      else received.then(resolve, reject);
    });
    req.pipe(parser);
  });
}
