import type { Api } from '../core/api.ts';
import { ApiError } from '../core/api.ts';
import type { AppState } from '../core/app-state.ts';
import type { Translate } from '../core/i18n.ts';
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
    const text = error instanceof ApiError ? error.detail : (error as Error).message;
    ctx.store.set({ message: { kind: 'error', text: `${ctx.t('error.prefix')}: ${text}` } });
    return undefined;
  }
}

export interface Panel {
  element: HTMLElement;
  /** Re-renders when what it shows changed. */
  update(state: AppState, previous: AppState | null): void;
}
