import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite, type Transaction, type messages, protocol, types } from '@electric-sql/pglite';
import pgUtils from 'pg/lib/utils.js';
import { OldestFirst } from './oldest-first.ts';
import { postgisCore } from './postgis-bundle.ts';
import type { Database, QueryOptions, Sql } from './sql.ts';

export interface PgliteOptions {
  /** Folder that holds the database; undefined keeps it in memory. */
  dataDir?: string;
  /** A gzip dump from `dumpDataDir('gzip')` to start from (tests share one migrated template). */
  template?: Blob;
  /** Size PostgreSQL's buffer pool to the store found in `dataDir` (see `fittingBufferPoolMb`), not PGlite's 128 MB. */
  fitBufferPool?: boolean;
}

/**
 * Opens the embedded store: PostgreSQL in WebAssembly with PostGIS, persisted in `dataDir`.
 * The first start creates the cluster and the extension (≈10 s); later starts reopen the folder (≈2–3 s).
 *
 * Statements do not go through `PGlite.query`: see `Statements`. The database runs one statement at a time, and
 * `OldestFirst` decides whose goes next.
 */
export async function openPglite({ dataDir, template, fitBufferPool = false }: PgliteOptions = {}): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const release = dataDir ? claimDataDir(dataDir) : () => undefined;
  // In a process just started nothing keeps the event loop alive while PGlite boots (no socket, no timer yet). At
  // the boot's first wait for V8 (compiling WebAssembly) the loop runs dry, and Node then drains V8's background
  // work before going on: it waited for TurboFan to finish tiering up the functions PostgreSQL ran at boot, with
  // the main thread idle, 0.2-1 s of a warm start. A timer held during the boot keeps the loop turning instead.
  const awake = setInterval(() => undefined, 60_000);
  const db = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    extensions: { postgis: postgisCore() },
    ...(fitBufferPool && dataDir ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${fittingBufferPoolMb(dataDir)}MB`] } : {}),
  }).finally(() => clearInterval(awake));
  const statements = new Statements(db);
  const order = new OldestFirst();
  const database: Database = {
    kind: 'pglite',
    order,
    query: (text, params, options) => order.run(() => db._runExclusiveTransaction(() => statements.run(text, params, { ...options, inTransaction: false }))),
    exec: (text) => order.run(async () => void (await db.exec(text))),
    close: async () => {
      await db.close();
      release();
    },
    transaction: (fn) => order.run(() => db.transaction((tx) => fn(transactionSql(tx, statements)))),
  };
  return Object.assign(database, { [RAW]: db });
}

const POOL_STEP_MB = 16;
const POOL_MAX_MB = 128;

/**
 * A buffer pool for the store in `dataDir`: its databases' size rounded up to 16 MB, from 16 MB to PGlite's 128 MB.
 *
 * The boot zeroes the whole pool, fresh WebAssembly memory that the system hands out page by page: with 128 MB
 * that was the larger part of booting the demo store (31 MB), 0.7-1.3 s against 0.2-0.5 s with 32 MB (perf: memset
 * and page faults). A pool larger than the databases only holds zeroes. A store that grows while it runs
 * (an import) keeps the smaller pool until the next start; a page outside it is read from the operating system's
 * file cache, which costs microseconds, and a store of 128 MB or more gets PGlite's pool as before.
 *
 * @example fittingBufferPoolMb('data/store') // 32 for the demo district
 */
export function fittingBufferPoolMb(dataDir: string): number {
  const mb = bytesUnder(join(dataDir, 'base')) / 2 ** 20;
  return Math.min(POOL_MAX_MB, Math.max(POOL_STEP_MB, Math.ceil(mb / POOL_STEP_MB) * POOL_STEP_MB));
}

function bytesUnder(dir: string): number {
  let bytes = 0;
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      bytes += entry.isDirectory() ? bytesUnder(path) : entry.isFile() ? statSync(path).size : 0;
    }
  } catch {
    // No store yet (a first start): nothing to hold.
  }
  return bytes;
}

/** The embedded store's folder is in use by another process (a running server, another command). */
export class StoreInUse extends Error {
  constructor(readonly dataDir: string, readonly pid: number) {
    super(`the embedded store in ${dataDir} is in use by process ${pid} (a running server or another command); stop it first, or point DATABASE_URL at PostgreSQL, which serves many processes`);
  }
}

/**
 * Claims the store's folder for this process (`<dataDir>.lock` holds its pid) and returns how to give it back. The
 * embedded database lives in one process's memory: a second process opening the same folder (a command while the
 * server runs) reads an old state and its writes are lost when the first one writes again. A lock left by a process
 * that no longer runs is taken over.
 */
function claimDataDir(dataDir: string): () => void {
  const lock = `${dataDir.replace(/[\\/]+$/, '')}.lock`;
  const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) : NaN;
  if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw new StoreInUse(dataDir, holder);
  writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock);
    } catch {
      // Already gone: nothing to give back.
    }
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Dumps a database as a gzip blob, to be used as `template` by later opens. */
export async function dumpPglite(database: Database): Promise<Blob> {
  const db = (database as unknown as { [RAW]: PGlite })[RAW];
  return db.dumpDataDir('gzip') as Promise<Blob>;
}

const RAW = Symbol('pglite');

function transactionSql(tx: Transaction, statements: Statements): Sql {
  const sql: Sql = {
    query: async (text, params, options) => {
      if (tx.closed) throw new Error('the transaction has ended; a statement after it cannot join it');
      return statements.run(text, params, { ...options, inTransaction: true });
    },
    // PGlite has no nested transactions; inside one, a nested call simply joins it.
    transaction: (fn) => fn(sql),
  };
  return sql;
}

/**
 * Runs parameterised statements the way a PostgreSQL driver does: Parse (once per text, as a named prepared
 * statement), Bind, Describe, Execute and Sync sent together, in one call into the database.
 *
 * `PGlite.query` makes six calls per statement, parses and plans the text every time, and copies its table of
 * 300-odd type parsers to read each answer; for the small statements of an API request that overhead was most of
 * the cost (measured one after another on the demo store: a token lookup 0.82 → 0.16 ms, a 200 m bbox read
 * 1.03 → 0.28 ms, the candidate search 1.80 → 0.84 ms). Parameters are
 * prepared by `pg`'s own `prepareValue`, as the server store's driver prepares them (text; arrays as array
 * literals; objects as JSON), so the same SQL reads the same values on both stores.
 *
 * A statement with the `genericPlan` hint runs between `SET plan_cache_mode = force_generic_plan` and its `RESET`
 * in the same call. Should it fail, the SET goes with the failed transaction, so the setting never outlives it.
 */
class Statements {
  /** Statement text → prepared statement name. Our SQL is a fixed set of texts; past the cap, texts go unnamed. */
  readonly #prepared = new Map<string, string>();
  #named = 0;
  static readonly CAP = 500;

  constructor(private readonly db: PGlite) {}

  async run<T extends object>(text: string, params: readonly unknown[] = [], { inTransaction, genericPlan }: QueryOptions & { inTransaction: boolean }): Promise<T[]> {
    const known = this.#prepared.get(text);
    let name = known ?? '';
    if (known === undefined && this.#prepared.size < Statements.CAP) {
      // Named before it is sent: statements of one transaction may be under way together, and calls into the
      // database keep their order, so a second caller of the same text binds after this one's Parse.
      name = `og_${this.#named++}`;
      this.#prepared.set(text, name);
    }
    const values = params.map((value) => pgUtils.prepareValue(value) as string | Buffer | null);
    const message = Buffer.concat([
      ...(genericPlan ? utility('SET plan_cache_mode = force_generic_plan') : []),
      ...(known === undefined ? [protocol.serialize.parse({ text, name })] : []),
      protocol.serialize.bind({ statement: name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      ...(genericPlan ? utility('RESET plan_cache_mode') : []),
      protocol.serialize.sync(),
    ]);
    try {
      // Outside a transaction PGlite writes its files back after each statement (a no-op for a folder on disk).
      const { messages } = await this.db._runExclusiveQuery(() => this.db.execProtocol(message, { syncToFs: !inTransaction }));
      return rowsOf<T>(messages, this.db.parsers);
    } catch (error) {
      // A new statement may have been prepared before Bind or Execute failed; close it, and prepare it anew next time.
      if (known === undefined && name) {
        this.#prepared.delete(text);
        await this.db._runExclusiveQuery(() => this.db.execProtocol(Buffer.concat([protocol.serialize.close({ type: 'S', name }), protocol.serialize.sync()]), { throwOnError: false, syncToFs: false }));
      }
      // The statement travels with its error, as PGlite.query does, but not its parameters: they can be a token
      // hash or personal data, and an error ends up in a log.
      throw Object.assign(error as Error, { query: text });
    }
  }
}

/** The messages that run a statement without parameters or rows, unnamed. */
const utility = (text: string): Uint8Array[] => [protocol.serialize.parse({ text }), protocol.serialize.bind({}), protocol.serialize.execute({})];

/**
 * The rows of a statement's answer, each value parsed by its type, reading PGlite's parser table in place.
 */
function rowsOf<T>(answer: readonly messages.BackendMessage[], parsers: PGlite['parsers']): T[] {
  let fields: readonly { name: string; dataTypeID: number }[] = [];
  const rows: T[] = [];
  for (const message of answer) {
    if (message.name === 'rowDescription') fields = (message as messages.RowDescriptionMessage).fields;
    else if (message.name === 'dataRow') {
      const row: Record<string, unknown> = {};
      (message as messages.DataRowMessage).fields.forEach((value, i) => {
        const field = fields[i]!;
        row[field.name] = types.parseType(value, field.dataTypeID, parsers);
      });
      rows.push(row as T);
    }
  }
  return rows;
}
