import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger };

export type LogLevel = Level | 'silent';
const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The level from ONDERGROND_LOG_LEVEL; `info` by default, `silent` under vitest so test output shows only tests
 * (set ONDERGROND_LOG_LEVEL=error to see a failing test's 500s). An unknown level is an error at start.
 *
 * @example logLevel({ ONDERGROND_LOG_LEVEL: 'debug' }) // 'debug'
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.ONDERGROND_LOG_LEVEL;
  if (raw === undefined || raw === '') return env.VITEST ? 'silent' : 'info';
  if (!(LEVELS as readonly string[]).includes(raw)) {
    throw new Error(`ONDERGROND_LOG_LEVEL=${raw} is not a level; use one of ${LEVELS.join(', ')}`);
  }
  return raw as LogLevel;
}

/**
 * A JSON-lines logger (pino) writing to stdout, or to `destination` (tests). Errors are logged through
 * {@link serializeError}, so no query parameters, request bodies or tokens reach the log.
 *
 * @example createLogger({ level: 'warn' }).warn({ requestId }, 'slow check')
 */
export function createLogger({ level = logLevel(), destination }: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  const options = { level, base: { name: 'ondergrond' }, serializers: { err: serializeError } };
  return destination ? pino(options, destination) : pino(options);
}

/** The server's logger; request handlers use the child with the request id (`req.log`). */
export const log: Logger = createLogger();

export interface SerializedError {
  type: string;
  message: string;
  stack?: string;
  /** SQLSTATE or a Node error code. */
  code?: string;
  /** The SQL text of a failed statement, without its parameters. */
  query?: string;
  cause?: SerializedError;
}

/**
 * An error as it may be logged: its type, message, stack, code and SQL text, and nothing else. Store errors carry
 * their parameters (`params`) and PostgreSQL adds `detail` with the values of a violated key; those may be a token
 * hash or personal data, so they are left out rather than redacted one name at a time.
 *
 * @example serializeError(Object.assign(new Error('boom'), { params: ['secret'] })) // { type: 'Error', message: 'boom', stack: … }
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const { code, query, cause } = error as Error & { code?: unknown; query?: unknown };
  return {
    type: error.constructor.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof query === 'string' ? { query } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: serializeError(cause, depth + 1) } : {}),
  };
}

/**
 * Logs an unhandled rejection or uncaught exception as fatal and exits with code 1 after `close` (server and
 * store), waiting for it at most `timeoutMs`: the process is in an unknown state, so it stops rather than serves on.
 *
 * @example exitOnFatal(log, async () => { server.close(); await store.close(); })
 */
export function exitOnFatal(logger: Logger, close: () => Promise<unknown> = async () => {}, { timeoutMs = 5_000 } = {}): void {
  let exiting = false;
  const fatal = (message: string) => (error: unknown) => {
    logger.fatal({ err: error }, message);
    if (exiting) return;
    exiting = true;
    const timeout = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
    void Promise.race([close().catch((closing: unknown) => logger.error({ err: closing }, 'closing after a fatal error failed')), timeout]).finally(() => {
      logger.flush();
      process.exit(1);
    });
  };
  process.on('unhandledRejection', fatal('unhandled promise rejection; exiting'));
  process.on('uncaughtException', fatal('uncaught exception; exiting'));
}
