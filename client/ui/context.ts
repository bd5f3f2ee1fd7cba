import type { Api } from '../core/api.ts';
import { ApiError } from '../core/api.ts';
import type { AppState } from '../core/app-state.ts';
import { isTextKey, type Translate } from '../core/i18n.ts';
import type { StateStore } from '../core/state.ts';
import type { MapView } from '../map/map-view.ts';

/** What every panel gets: the state, the API, the map and the current translation. */
export interface Context {
  store: StateStore<AppState>;
  api: Api;
  map: MapView;
  t: Translate;
}

/** Runs an action, turning a failure into the message a person reads instead of an unhandled rejection. */
export async function attempt<T>(ctx: Context, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    const text = error instanceof ApiError ? refusalText(ctx.t, error) ?? error.detail : (error as Error).message;
    ctx.store.set({ message: { kind: 'error', text: `${ctx.t('error.prefix')}: ${text}` } });
    return undefined;
  }
}

export interface Panel {
  element: HTMLElement;
  /** Re-renders when what it shows changed. */
  update(state: AppState, previous: AppState | null): void;
}

/**
 * Long work the server refused (503: busy, past its time limit, failed in a worker, shutting down) said in the
 * reader's language from the problem's `reason` and numbers; the server's detail is English for API clients.
 */
export function refusalText(t: Translate, error: ApiError): string | undefined {
  const body = (error.body ?? {}) as { reason?: unknown; limit_s?: unknown; retryAfter_s?: unknown };
  if (error.status !== 503 || typeof body.reason !== 'string') return undefined;
  const key = `problem.refused.${body.reason}`;
  return isTextKey(key) ? t(key, { limit_s: Number(body.limit_s ?? 0), retryAfter_s: Number(body.retryAfter_s ?? 0) }) : undefined;
}
