import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { DEFAULT_VERTEX_LIMITS, VERTEX_LIMIT_SETTINGS, type VertexLimits } from './geo/geometry.validation.ts';
import { DEFAULT_IMPORT_LIMITS, IMPORT_LIMIT_ENV, type ImportLimits } from './imports/limits.ts';

/** Settings read from the environment once at start-up; everything else takes them as arguments. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  bodyLimit: string;
  maxFeatures: number;
  maxCoordinates: number;
  /** Positions allowed per geometry kind, within maxCoordinates (ONDERGROND_MAX_TRENCH_LINE_VERTICES and siblings). */
  vertexLimits: VertexLimits;
  /** Worker threads for long jobs (ONDERGROND_WORKERS; default: one fewer than the cores, at least 1). */
  workers: number;
  /** Jobs waiting for a worker before new ones are refused with 503 (ONDERGROND_WORKER_QUEUE). */
  workerQueue: number;
  /** Time limit of one job in a worker, ms (ONDERGROND_JOB_TIMEOUT_MS). */
  jobTimeoutMs: number;
  /** Time limit of a plan computed in a worker, ms (ONDERGROND_PLAN_TIMEOUT_MS). */
  planTimeoutMs: number;
  /** Time limit of reading an uploaded import in a worker, ms (ONDERGROND_IMPORT_TIMEOUT_MS). */
  importTimeoutMs: number;
  /** Trench segments × candidates from which a check's evaluation runs in a worker (ONDERGROND_CHECK_INLINE_MAX). */
  checkInlineMax: number;
  loadDemo: boolean;
  /** Organisation of the administrator whose login URL is printed at start. */
  adminOrganisation: string;
  /** Print a fresh admin login URL at each start. */
  startupToken: boolean;
  /** Requests per minute per token (per address without one). */
  rateLimit: number;
  /** Requests per minute per client address that fail to authenticate, refused before the token lookup. */
  authFailLimit: number;
  /** Origins allowed to call the API from a browser elsewhere; empty keeps CORS off. */
  corsOrigins: string[];
  uploadLimit: number;
  /** The rule file the check uses (ONDERGROND_RULES). */
  rulesFile: string;
  /** The rule file the planner uses (ONDERGROND_PLANNING_RULES). */
  planningRulesFile: string;
  /** Bounds on what an imported file may make the server read (ONDERGROND_IMPORT_MAX_*). */
  importLimits: ImportLimits;
  /** The folder of street profiles (ONDERGROND_PROFILES). */
  profilesDir: string;
  /** Most street segments one reservation generation takes (ONDERGROND_RESERVE_MAX_SEGMENTS). */
  reserveMaxSegments: number;
}

/**
 * Reads the configuration, refusing values that would fail later in a less obvious way.
 *
 * @example readConfig({ PORT: '8080' }).port // 8080
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT=${env.PORT} is not a port number; set PORT to 0–65535`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dataDir: resolve(env.ONDERGROND_DATA_DIR ?? 'data/store'),
    bodyLimit: env.ONDERGROND_BODY_LIMIT ?? '20mb',
    maxFeatures: positive(env, 'ONDERGROND_MAX_FEATURES', 50_000),
    maxCoordinates: positive(env, 'ONDERGROND_MAX_COORDINATES', 100_000),
    vertexLimits: {
      trenchLine: positive(env, VERTEX_LIMIT_SETTINGS.trenchLine, DEFAULT_VERTEX_LIMITS.trenchLine),
      trenchPolygon: positive(env, VERTEX_LIMIT_SETTINGS.trenchPolygon, DEFAULT_VERTEX_LIMITS.trenchPolygon),
      assetLine: positive(env, VERTEX_LIMIT_SETTINGS.assetLine, DEFAULT_VERTEX_LIMITS.assetLine),
      assetPolygon: positive(env, VERTEX_LIMIT_SETTINGS.assetPolygon, DEFAULT_VERTEX_LIMITS.assetPolygon),
    },
    workers: positive(env, 'ONDERGROND_WORKERS', Math.max(1, availableParallelism() - 1)),
    workerQueue: positive(env, 'ONDERGROND_WORKER_QUEUE', 8),
    jobTimeoutMs: positive(env, 'ONDERGROND_JOB_TIMEOUT_MS', 30_000),
    planTimeoutMs: positive(env, 'ONDERGROND_PLAN_TIMEOUT_MS', 60_000),
    importTimeoutMs: positive(env, 'ONDERGROND_IMPORT_TIMEOUT_MS', 120_000),
    checkInlineMax: positive(env, 'ONDERGROND_CHECK_INLINE_MAX', 200_000),
    loadDemo: env.ONDERGROND_DEMO !== 'off',
    adminOrganisation: env.ONDERGROND_ADMIN_ORG ?? 'Gemeente Rotterdam',
    startupToken: env.ONDERGROND_STARTUP_TOKEN !== 'off',
    rateLimit: positive(env, 'ONDERGROND_RATE_LIMIT', 6_000),
    authFailLimit: positive(env, 'ONDERGROND_AUTH_FAIL_LIMIT', 300),
    uploadLimit: positive(env, 'ONDERGROND_UPLOAD_LIMIT', 200 * 1024 * 1024),
    rulesFile: resolve(env.ONDERGROND_RULES ?? 'data/rules/nl-default.json'),
    planningRulesFile: resolve(env.ONDERGROND_PLANNING_RULES ?? 'data/rules/planning.json'),
    corsOrigins: (env.ONDERGROND_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    importLimits: readImportLimits(env),
    profilesDir: resolve(env.ONDERGROND_PROFILES ?? 'data/profiles'),
    reserveMaxSegments: positive(env, 'ONDERGROND_RESERVE_MAX_SEGMENTS', 200),
  };
}

/**
 * The import limits from ONDERGROND_IMPORT_MAX_* (see `IMPORT_LIMIT_ENV`), each a positive whole number, else
 * its default. Read apart from `readConfig` because the importers fall back on it when the caller passes no limits.
 *
 * @example readImportLimits({ ONDERGROND_IMPORT_MAX_XML_DEPTH: '32' }).maxXmlDepth // 32
 */
export function readImportLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const limits = { ...DEFAULT_IMPORT_LIMITS };
  for (const key of Object.keys(limits) as (keyof ImportLimits)[]) limits[key] = positive(env, IMPORT_LIMIT_ENV[key], limits[key]);
  return limits;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}=${raw} must be a positive whole number`);
  return value;
}
