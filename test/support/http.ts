import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp, type AppOptions } from '../../server/http/app.ts';
import type { Store } from '../../server/store/index.ts';

export interface TestServer {
  url: string;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export const TEST_APP_OPTIONS: AppOptions = { bodyLimit: '1mb', maxFeatures: 1_000, maxCoordinates: 10_000 };

/** The real app on port 0 of 127.0.0.1, exercised over HTTP like any client would. */
export async function startTestServer(store: Store, options: Partial<AppOptions> = {}): Promise<TestServer> {
  const app = createApp(store, { ...TEST_APP_OPTIONS, ...options });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => new Promise((r) => server.close(() => r())) };
}

/** fetch with a JSON body; answers status, content type and the parsed body. */
export async function call(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}
