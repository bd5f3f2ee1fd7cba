import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Runs `script` as an ES module in a child node with tsx, as main.ts runs, with the log at info. */
function child(script: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, ONDERGROND_LOG_LEVEL: 'info' };
  delete env.VITEST;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env, timeout: 30_000 });
}

const lines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a fatal error in the server process', () => {
  it('when a promise rejection is unhandled, logs it as fatal, closes and exits with 1', () => {
    const result = child(`
      import { exitOnFatal, log } from './server/log.ts';
      exitOnFatal(log, async () => { process.stdout.write('closed\\n'); });
      Promise.reject(new Error('the store went away'));
      setInterval(() => {}, 1000);
    `);
    expect(result.status).toBe(1);
    const [fatal, ...rest] = lines(result.stdout);
    expect(fatal).toMatchObject({ level: 60, msg: 'unhandled promise rejection; exiting', err: { type: 'Error', message: 'the store went away' } });
    expect(rest).toEqual([]);
    expect(result.stdout).toContain('closed');
  });

  it('when closing hangs, exits with 1 after the timeout instead of staying up', () => {
    const result = child(`
      import { exitOnFatal, log } from './server/log.ts';
      exitOnFatal(log, () => new Promise(() => {}), { timeoutMs: 200 });
      setTimeout(() => { throw new Error('a bug in a timer'); }, 10);
      setInterval(() => {}, 1000);
    `);
    expect(result.status).toBe(1);
    expect(lines(result.stdout)[0]).toMatchObject({ level: 60, msg: 'uncaught exception; exiting', err: { message: 'a bug in a timer' } });
  });
});
