import type { FeatureCollection } from 'geojson';
import type {
  AssetCollection, CheckResult, ImportResult, LayerName, LayerSummary, PlanOptions, PlanResult, RouteRecord, ServedRules, Session, SewerSuggestionView, TrenchFeature, WorkFeature,
} from './types.ts';
import type { ProposalAnswer, proposalRequest } from './proposal.ts';
import type { SpaceAnswer } from './space.ts';

/** An answer other than 2xx, carrying the problem+json detail a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly body: unknown,
  ) {
    super(`${status} ${title}: ${detail}`);
    this.name = 'ApiError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The client's view of storage: sessionStorage in a browser, a Map in tests. */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const TOKEN_KEY = 'ondergrond.token';

/**
 * Takes the token from `?token=` when present (and remembers it for this tab), else from storage. The token is then
 * removed from the visible URL so it does not end up in screenshots, bookmarks or the Referer header.
 *
 * @example tokenFromUrl(new URL('http://x/?token=og_1'), new Map() as never) // { token: 'og_1', cleanedUrl: 'http://x/' }
 */
export function tokenFromUrl(url: URL, storage: KeyValue): { token: string | null; cleanedUrl: string | null } {
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    const cleaned = new URL(url);
    cleaned.searchParams.delete('token');
    return { token: fromUrl, cleanedUrl: cleaned.toString() };
  }
  return { token: storage.getItem(TOKEN_KEY), cleanedUrl: null };
}

export type Bbox = readonly [number, number, number, number];
export type ExportFormat = 'xlsx' | 'csv' | 'ics' | 'geojson' | 'letters.txt';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Makes a request with progress events; XMLHttpRequest in the browser, because fetch reports no upload progress. */
export type Uploader = (url: string, body: FormData, headers: Record<string, string>, onProgress: (p: UploadProgress) => void) => Promise<{ status: number; text: string }>;

export interface ApiOptions {
  baseUrl?: string;
  token: string | null;
  fetch?: FetchLike;
  upload?: Uploader;
  /** The interface's language, sent as Accept-Language so the server's sentences (errors, reasons) match it. */
  language?: () => string;
}

const RD = 'EPSG:28992';

/**
 * The HTTP API as typed functions. Every request carries the Bearer token; every geometry travels in RD New
 * (`crs=EPSG:28992`) because the map is in RD New.
 *
 * @example const api = createApi({ token: 'og_…' }); await api.layers()
 */
export function createApi({ baseUrl = '', token, fetch: fetchFn = (i, r) => fetch(i, r), upload = xhrUpload, language }: ApiOptions) {
  const auth = (): Record<string, string> => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...(language ? { 'accept-language': language() } : {}) });

  async function request<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json, application/geo+json, application/problem+json', ...auth() };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchFn(baseUrl + path, {
      method: init.method ?? 'GET',
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return answer<T>(response.status, await response.text());
  }

  const withCrs = (path: string) => `${path}${path.includes('?') ? '&' : '?'}crs=${RD}`;
  // The rules change only with a server restart: asked once, and asked again only after a failure.
  let rules: Promise<ServedRules> | undefined;

  return {
    token,
    session: () => request<Session>('/api/session'),
    /** The server's active check and planning rules and its lists (GET /api/rules), fetched once. */
    rules: () => (rules ??= request<ServedRules>('/api/rules').catch((error: unknown) => { rules = undefined; throw error; })),
    layers: () => request<LayerSummary[]>(withCrs('/api/layers')),
    layer: (layer: LayerName, bbox: Bbox, signal?: AbortSignal) =>
      request<AssetCollection>(withCrs(`/api/layers/${layer}?bbox=${bbox.map((n) => Math.round(n * 100) / 100).join(',')}`), signal ? { signal } : {}),
    /** A vector tile (a path under /api/tiles): its bytes, or null when the tile is empty (204). */
    tile: async (path: string): Promise<ArrayBuffer | null> => {
      const response = await fetchFn(baseUrl + path, { headers: auth() });
      if (response.status === 204) return null;
      if (!response.ok) throw new Error(`tile ${path}: HTTP ${response.status}`);
      return response.arrayBuffer();
    },
    /** Coverage areas and precaution zones meeting a bbox (RD New). */
    coverage: (bbox: Bbox) => request<FeatureCollection>(withCrs(`/api/coverage?bbox=${bbox.map((n) => Math.round(n * 100) / 100).join(',')}`)),
    /** Paths documented by the server, to tell which features this server offers. */
    paths: async () => Object.keys((await request<{ paths: Record<string, unknown> }>('/api/openapi.json')).paths ?? {}),
    check: (trench: TrenchFeature) => request<CheckResult>(withCrs('/api/checks'), { method: 'POST', body: trench }),
    routes: () => request<{ routes: RouteRecord[] }>(withCrs('/api/routes')),
    route: (id: string) => request<RouteRecord>(withCrs(`/api/routes/${encodeURIComponent(id)}`)),
    /** Up to three routes between two RD New points, each with its check report (POST /api/routes/propose). */
    propose: (body: ReturnType<typeof proposalRequest>) => request<ProposalAnswer>(withCrs('/api/routes/propose'), { method: 'POST', body }),
    submitRoute: (name: string, feature: TrenchFeature) => request<RouteRecord>(withCrs('/api/routes'), { method: 'POST', body: { name, feature } }),
    /** A new version of a route; `version` is the one last read (a stale one answers 409). */
    resubmitRoute: (id: string, version: number, feature: TrenchFeature, name?: string) =>
      request<RouteRecord>(withCrs(`/api/routes/${encodeURIComponent(id)}/resubmit`), { method: 'POST', body: { feature, version, ...(name ? { name } : {}) } }),
    decide: (id: string, decision: 'approved' | 'rejected', version: number, reason?: string) =>
      request<RouteRecord>(`/api/routes/${encodeURIComponent(id)}/decision`, { method: 'POST', body: { decision, version, ...(reason ? { reason } : {}) } }),
    /** Sewer pipes due for replacement in an approved route's opening, with the server's sentence in `lang`. */
    sewerSuggestions: (id: string, lang: string) =>
      request<{ suggestions: SewerSuggestionView[] }>(withCrs(`/api/routes/${encodeURIComponent(id)}/sewer-suggestions?lang=${lang}`)),
    /** Adds a suggested sewer replacement as the municipality's work, coupled into the route's opening by the planner. */
    acceptSewerSuggestion: (id: string, sewerId: string, lang: string) =>
      request<{ workId: string }>(`/api/routes/${encodeURIComponent(id)}/sewer-suggestions/accept?lang=${lang}`, { method: 'POST', body: { sewerId } }),
    works: () => request<{ works: WorkFeature[] }>(withCrs('/api/works')),
    computePlan: (options: Partial<PlanOptions> = {}) => request<PlanResult>(withCrs('/api/plans'), { method: 'POST', body: { options } }),
    /** A download link: downloads cannot send headers, so the token travels as `?token=`. */
    exportUrl: (planId: string, format: ExportFormat) => {
      const path = format === 'letters.txt' ? 'letters.txt' : `export.${format}`;
      const query = new URLSearchParams({ ...(format === 'geojson' ? { crs: RD } : {}), ...(token ? { token } : {}) });
      return `${baseUrl}/api/plans/${encodeURIComponent(planId)}/${path}?${query}`;
    },
    /** The space scan of an area (RD New), as GeoJSON. */
    space: (query: SpaceQuery) => request<SpaceAnswer>(withCrs(`/api/space?${spaceParams(query)}`)),
    /** A space-scan export as a file: fetched with the token header, since these downloads take no `?token=`. */
    spaceFile: async (query: SpaceQuery, format: 'csv' | 'geojson'): Promise<{ blob: Blob; filename: string }> => {
      const response = await fetchFn(`${baseUrl}${withCrs(`/api/space.${format}?${spaceParams(query)}`)}`, { headers: auth() });
      if (!response.ok) answer(response.status, await response.text());
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `space.${format}`;
      return { blob: await response.blob(), filename };
    },
    importFile: async (file: Blob, name: string, onProgress: (p: UploadProgress) => void = () => {}) => {
      const form = new FormData();
      form.set('file', file, name);
      const { status, text } = await upload(`${baseUrl}/api/imports`, form, auth(), onProgress);
      return answer<ImportResult>(status, text);
    },
  };
}

export type Api = ReturnType<typeof createApi>;

export interface SpaceQuery {
  kind: string;
  width_m: number;
  bbox: Bbox;
  lang: string;
}

function spaceParams({ kind, width_m, bbox, lang }: SpaceQuery): string {
  return new URLSearchParams({ kind, width_m: String(width_m), bbox: bbox.map((n) => Math.round(n * 100) / 100).join(','), lang }).toString();
}

function answer<T>(status: number, text: string): T {
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (status >= 200 && status < 300) return body as T;
  const problem = (body && typeof body === 'object' ? body : {}) as { title?: string; detail?: string };
  throw new ApiError(status, problem.title ?? 'Error', problem.detail ?? (typeof body === 'string' && body ? body : `the server answered ${status}`), body);
}

const xhrUpload: Uploader = (url, body, headers, onProgress) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, 'Network error', 'the upload did not reach the server; check the connection and try again', null));
    xhr.send(body);
  });
