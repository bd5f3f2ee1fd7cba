import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll } from 'vitest';
import type { OrganisationKind, Role } from '../../server/domain/access/policy.ts';
import { createApp, type AppOptions } from '../../server/http/app.ts';
import type { Store } from '../../server/store/index.ts';
import { readPlanningRulesFile, readRuleSetFile } from '../../server/rules-file.ts';
import { openTestStore, type StoreKind } from './store.ts';

export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  // Tests read whatever JSON the server sent.
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestServer {
  url: string;
  app: ReturnType<typeof createApp>;
  /** An admin token of "Gemeente Rotterdam", sent by `call` unless another is given. */
  token: string;
  call(path: string, method?: string, body?: unknown, options?: { token?: string | null; headers?: Record<string, string> }): Promise<Answer>;
  /** A token for another organisation and role. */
  tokenFor(organisation: string, role: Role, kind?: OrganisationKind): Promise<string>;
  close(): Promise<void>;
}

export const TEST_APP_OPTIONS: AppOptions = { bodyLimit: '1mb', maxFeatures: 1_000, maxCoordinates: 10_000, rules: readRuleSetFile('data/rules/nl-default.json'), planningRules: readPlanningRulesFile('data/rules/planning.json') };

/** The real app on port 0 of 127.0.0.1, exercised over HTTP like any client would. */
export async function startTestServer(store: Store, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const app = createApp(store, { ...TEST_APP_OPTIONS, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const { token } = await store.access.createToken('Gemeente Rotterdam', 'municipality', 'admin', 'test');
  return {
    url,
    app,
    token,
    call: (path, method = 'GET', body, { token: as = token, headers = {} } = {}) =>
      call(url + path, method, body, { ...(as ? { authorization: `Bearer ${as}` } : {}), ...headers }),
    tokenFor: async (organisation, role, kind = 'other') => (await store.access.createToken(organisation, kind, role, 'test')).token,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * A fresh store of `kind` and the app on it, for the tests of one file, closed after them. Called at the top of the
 * file: `const { store, server } = await serverForFile('pglite');`
 */
export async function serverForFile(kind: StoreKind, options: Partial<AppOptions> = {}): Promise<{ store: Store; server: TestServer }> {
  const store = await openTestStore(kind);
  const server = await startTestServer(store, options);
  afterAll(async () => {
    await server.close();
    await store.close();
  });
  return { store, server };
}

/** fetch with a JSON body; answers status, content type and the parsed body. */
export async function call(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body: parsed };
}
