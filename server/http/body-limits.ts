import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { AppError, badRequest } from './problem.ts';

/**
 * Deepest nesting of arrays and objects a JSON body may have. A FeatureCollection of MultiPolygons needs 7; the
 * limit leaves room for nested extra properties and stays far below the ≈5 000 levels where JSON.stringify
 * overflows the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Requests whose raw body holds a `\u0000` escape, noted by the scan so the parsed body is searched only then. */
const holdsNul = new WeakSet<IncomingMessage>();

// Byte values compared directly: a Set lookup per byte made the scan cost as much as the parse it guards.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * express.json's `verify`: one pass over the raw bytes before they are parsed, refusing nesting deeper than
 * `maxDepth` with 400. On the bytes, because parsing is the cost to avoid (JSON.parse takes ≈1 µs per level, 10 s
 * for a 20 MB body of brackets) and a check on the parsed value would need the recursion that overflows.
 */
export function scanJsonBody(maxDepth = MAX_JSON_DEPTH) {
  return (req: IncomingMessage, _res: ServerResponse, raw: Buffer, encoding: string): void => {
    const bytes = /^utf-?8$/i.test(encoding) ? raw : utf8(raw, encoding);
    let depth = 0;
    let inString = false;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (inString) {
        if (c === BACKSLASH) {
          if (bytes[i + 1] === 0x75 && bytes[i + 2] === 0x30 && bytes[i + 3] === 0x30 && bytes[i + 4] === 0x30 && bytes[i + 5] === 0x30) holdsNul.add(req);
          i++;
        } else if (c === QUOTE) inString = false;
      } else if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
        if (++depth > maxDepth) {
          throw badRequest(`request body nests arrays and objects deeper than ${maxDepth} levels (at byte ${i}); GeoJSON needs fewer than 10, so flatten the structure`);
        }
      } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
    }
  };
}

/** UTF-16 bodies (body-parser accepts any `utf-*` charset) as UTF-8, so the scan sees every bracket and quote once. */
function utf8(raw: Buffer, encoding: string): Buffer {
  try {
    return Buffer.from(new TextDecoder(encoding, { fatal: true }).decode(raw), 'utf8');
  } catch {
    throw new AppError(415, 'Unsupported media type', `a JSON body in charset ${JSON.stringify(encoding)} cannot be read here; send UTF-8`);
  }
}

/**
 * Refuses a NUL character in any text a request carries — a path segment, a query parameter, a JSON string or key
 * — with 400 naming where it is. PostgreSQL text cannot hold NUL, so without this such a value fails deep in the
 * store as a 500. Runs after express.json and before every route.
 */
export const refuseNul: RequestHandler = (req, _res, next) => {
  const where = nulInPath(req) ?? nulIn(req.query, 'query') ?? (holdsNul.has(req) ? nulIn(req.body, 'body') : undefined);
  if (where) throw badRequest(`${where} holds a NUL character (\\u0000), which no text may contain; remove it`, { errors: [`${where}: NUL character`] });
  next();
};

function nulInPath(req: Request): string | undefined {
  if (!/%00/i.test(req.path)) return undefined;
  const segments = req.path.split('/');
  for (const [index, segment] of segments.entries()) {
    try {
      if (decodeURIComponent(segment).includes('\0')) return `path segment ${index} (${JSON.stringify(segment.slice(0, 60))})`;
    } catch {
      // A malformed escape is the router's to refuse.
    }
  }
  return undefined;
}

/** The first place under `root` holding a NUL, as `body.features.0.properties.name`; a walk with its own stack. */
function nulIn(root: unknown, name: string): string | undefined {
  const stack: [unknown, string][] = [[root, name]];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return path;
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\0')) return `a key of ${path} (${JSON.stringify(key.slice(0, 60))})`;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}
