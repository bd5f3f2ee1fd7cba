import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Problems the interface shows come from the catalogue (`problemOf`), so the Dutch interface reads them in Dutch.
 * This finds the English sentences still written into a problem at the HTTP edge: the string or template handed to
 * `badRequest`, `notFound`, `conflict` or `new AppError`. The ones listed are for API clients only (a hand-made
 * request, a limit a script hits, a layer edit the interface does not make); a new one fails here until it goes
 * through the catalogue or is listed with why.
 */
const HTTP = 'server/http';
const MAKERS = new Set(['badRequest', 'notFound', 'conflict', 'AppError']);
const SENTENCE = /\p{L}+(?:[ ,;:]+\p{L}+){2,}/u;

const API_ONLY: ReadonlySet<string> = new Set([
  'auth.ts: send an API token as "Authorization: Bearer <token>"; npm run token -- create makes one', // no token: the interface never sends none
  'crs-params.ts: crs x is not supported; use one of x', // the interface always asks RD New
  'crs-params.ts: crs member names x, which is not supported; use one of x',
  'body-limits.ts: request body nests arrays and objects deeper than x levels (at byte x); GeoJSON needs fewer than 10, so flatten the structure',
  'body-limits.ts: a JSON body in charset x cannot be read here; send UTF-8',
  'body-limits.ts: x holds a NUL character (\\u0000), which no text may contain; remove it',
  'problem.ts: no route x xx; see /api/openapi.json for the routes',
  'problem.ts: request body is not valid JSON (x); send a JSON document',
  'problem.ts: the request could not be read',
  'endpoints/proposals.endpoints.ts: crs x is not supported; use one of x',
  'endpoints/plan-exports.endpoints.ts: there is no plan x; POST /api/plans computes one and answers its id',
  'endpoints/tokens.endpoints.ts: no live token x',
  'endpoints/reservations.endpoints.ts: x street segments asked for, more than the limit of x per request; ask in parts',
  'endpoints/layers.endpoints.ts: x has no feature x',
  'endpoints/layers.endpoints.ts: there is no layer x; the layers are x',
  'endpoints/layers.endpoints.ts: ids already exist in x: x; nothing was stored. Use PUT to change a feature',
  'endpoints/layers.endpoints.ts: x/x is at version x, not x: someone changed it since you read it. Read it again and reapply your change',
  'endpoints/imports.endpoints.ts: x would change x stored featurex of organisations you may not import for: xx; nothing was stored. Leave them out or ask their owner or the municipality to import them',
  'endpoints/imports.endpoints.ts: x; nothing was stored',
  'endpoints/imports.endpoints.ts: layer x does not exist; the layers are x',
  'endpoints/works.endpoints.ts: there is no work x',
  'endpoints/works.endpoints.ts: works already exist: x; nothing was stored. Use PUT to change a work',
  'endpoints/works.endpoints.ts: work x is at version x, not x: someone changed it since you read it. Read it again and reapply your change',
]);

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x');
  return undefined;
}

/** The detail sentences handed to a problem maker in one source. */
function problemSentences(source: string, name = 'x.ts'): string[] {
  const file = ts.createSourceFile(name, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && MAKERS.has(node.expression.text)) {
      // The detail: the first argument of a maker, the third of `new AppError(status, title, detail)` (titles are
      // rendered by status in the reader's language).
      const detail = node.arguments?.[node.expression.text === 'AppError' ? 2 : 0];
      const text = detail && literalText(detail);
      if (text !== undefined && SENTENCE.test(text)) found.push(text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function httpFiles(dir = HTTP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? httpFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('problems at the HTTP edge speak through the catalogue', () => {
  it('finds an English sentence handed to a problem maker, and not one through problemOf', () => {
    const source = [
      "throw notFound(`there is no route ${id}; list yours`);",
      "throw problemOf(404, { code: 'problem.route-not-found' });",
      "throw new AppError(409, 'Conflict', 'someone changed it since');",
    ].join('\n');
    expect(problemSentences(source)).toEqual(['there is no route x; list yours', 'someone changed it since']);
  });

  it('writes no new English problem sentence beyond those for API clients only', () => {
    const found = httpFiles()
      .map((f) => relative(HTTP, f).split('\\').join('/'))
      .flatMap((path) => problemSentences(readFileSync(join(HTTP, path), 'utf8'), path).map((text) => `${path}: ${text}`))
      .filter((line) => !API_ONLY.has(line));
    expect(found).toEqual([]);
  });
});
