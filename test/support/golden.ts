import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** True when this run rewrites golden files (`REGEN=1 npx vitest run …`). */
export const REGEN = process.env.REGEN === '1';

/**
 * The expected value stored in the golden file `path`, to compare `actual` against. With `regen` (default:
 * `REGEN=1` in the environment) the file is first (re)written from `actual`. Without it, a missing file is an
 * error: a test that writes its own expectation cannot fail, so a new case must be generated on purpose.
 *
 * @example expect(actual).toEqual(expectedGolden('test/fixtures/check/clean-trench.out.json', actual))
 */
export function expectedGolden(path: string, actual: unknown, { regen = REGEN }: { regen?: boolean } = {}): unknown {
  if (regen) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(actual, null, 2) + '\n');
  } else if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing; run the test with REGEN=1 to write it, then review and commit it`);
  }
  return JSON.parse(readFileSync(path, 'utf8'));
}
