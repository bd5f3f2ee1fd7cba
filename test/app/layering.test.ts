import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => ({ file: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
const imports = (text: string) => [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('the application layer', () => {
  it('has route files that import no other route file, so each stays parse → use case → answer', () => {
    const crossing = sources('server/http/endpoints').flatMap(({ file, text }) => imports(text).filter((i) => i.endsWith('.endpoints.ts')).map((i) => `${file} → ${i}`));
    expect(crossing).toEqual([]);
  });

  it('has route files that open no transaction themselves: every write with its audit is a use case in server/app', () => {
    const orchestrating = sources('server/http/endpoints').flatMap(({ file, text }) => [...text.matchAll(/\.transaction\(|\btx\./g)].map((m) => `${file}: ${m[0]}`));
    expect(orchestrating).toEqual([]);
  });

  it('has use cases that know nothing of HTTP, so a worker can run them with plain data', () => {
    const http = sources('server/app').flatMap(({ file, text }) => imports(text).filter((i) => i === 'express' || i.includes('/http/')).map((i) => `${file} → ${i}`));
    expect(http).toEqual([]);
  });
});
