import { spawn } from 'node:child_process';
import { type CliIo, type CliProgram, exitCodeOf } from '../../scripts/cli/program.ts';
import type { Store } from '../../server/store/index.ts';

/** What a program answered: its exit code and everything it wrote, as a spawned process would give it. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI script as `npm run` would, in its own process, through this Node with tsx's loader rather than `npx
 * tsx` (npx resolves its package every time). Asynchronous, so the test worker keeps answering vitest meanwhile.
 * Each file keeps one such run to prove the script starts, reads its configuration and exits with its code; the
 * rest of its tests run the program in-process with {@link runProgram}.
 *
 * @example (await runScript('scripts/check.ts', ['route.geojson', '--lang', 'de'])).status // 2
 */
export function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Runs a CLI program in this process on a store the test opened once (the program's own store handling is left
 * out: the store stays open for the next run), with `env` over this process's environment.
 *
 * @example (await runProgram(check, ['route.geojson'], { store })).status // 1
 */
export async function runProgram(program: CliProgram, argv: readonly string[], options: { store?: Store; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env: { ...process.env, ...options.env },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    interactive: false,
    withStore: (work) => {
      if (!options.store) throw new Error('this run needs a store: pass { store } to runProgram');
      return work(options.store);
    },
  };
  const status = await exitCodeOf(program, [...argv], io);
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  return { status, stdout: text(out), stderr: text(err) };
}
