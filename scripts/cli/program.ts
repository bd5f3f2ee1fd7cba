/**
 * What every command-line program here shares: it is a function from its arguments and an `io` to an exit code,
 * so the same code runs as `npm run check` (in its own process, on the configured store) and in the tests (in the
 * test's process, on a store the test opened once — a CLI test then costs its work, not a process start and a
 * store open per assertion).
 */
import { readConfig } from '../../server/config.ts';
import { type Store, openStore } from '../../server/store/index.ts';
import { StoreInUse } from '../../server/store/pglite.ts';

export interface CliIo {
  /** The environment the program reads its configuration from. */
  readonly env: NodeJS.ProcessEnv;
  /** Writes one line of the program's answer (stdout). */
  readonly out: (line: string) => void;
  /** Writes one line of diagnostics (stderr). */
  readonly err: (line: string) => void;
  /** Whether a person watches stderr, so a progress bar may be drawn there. */
  readonly interactive: boolean;
  /** Runs `work` on the configured store; the store is closed (or handed back) afterwards, also on failure. */
  readonly withStore: <T>(work: (store: Store) => Promise<T>) => Promise<T>;
}

/** A command-line program: its arguments (without node and the script) in, its exit code out. */
export type CliProgram = (argv: string[], io: CliIo) => Promise<number>;

/** Ends a program early with an exit code; thrown by {@link failer}, caught where the program is run. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Refuses the input: a `never` function, annotated where it is held so TypeScript narrows after each call. */
export type Fail = (message: string) => never;

/**
 * The program's way to refuse its input: one line on stderr prefixed with its name, exit code 2.
 *
 * @example const fail: Fail = failer('check', io); if (!file) fail('a trench file is required');
 */
export function failer(name: string, io: CliIo): Fail {
  return (message) => {
    io.err(`${name}: ${message}`);
    throw new CliExit(2);
  };
}

/**
 * What `read` gives, or the program refuses with the message it threw, followed by `usage` when given: the way to
 * read a rule file, a configuration or the arguments, whose errors already say what to fix.
 *
 * @example const rules = orFail(() => readRuleSetFile(file), fail);
 */
export function orFail<T>(read: () => T, fail: Fail, usage?: string): T {
  try {
    return read();
  } catch (error) {
    return fail(usage === undefined ? (error as Error).message : `${(error as Error).message}\n${usage}`);
  }
}

/** Runs a program to its exit code, turning an early {@link CliExit} into its code. */
export async function exitCodeOf(program: CliProgram, argv: string[], io: CliIo): Promise<number> {
  try {
    return await program(argv, io);
  } catch (error) {
    if (error instanceof CliExit) return error.code;
    throw error;
  }
}

/**
 * Runs a program as this process: arguments from the command line, the store from DATABASE_URL or
 * ONDERGROND_DATA_DIR, and exits with its code.
 *
 * @example await runAsProcess(check);
 */
export async function runAsProcess(program: CliProgram): Promise<never> {
  const io: CliIo = {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    interactive: Boolean(process.stderr.isTTY),
    withStore: async (work) => {
      const config = readConfig(process.env);
      const store = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    },
  };
  try {
    process.exit(await exitCodeOf(program, process.argv.slice(2), io));
  } catch (error) {
    // A store held by a running server is the user's to resolve, in one sentence, not a stack trace.
    if (!(error instanceof StoreInUse)) throw error;
    io.err(`${programName()}: ${error.message}`);
    process.exit(2);
  }
}

/** The command's name as the user typed it after `npm run` (scripts/import.ts → import). */
function programName(): string {
  return (process.argv[1] ?? 'ondergrond').replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
}
