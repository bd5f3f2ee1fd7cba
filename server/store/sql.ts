import type { OldestFirst } from './oldest-first.ts';

/**
 * The one thing both stores share: run a parameterised statement, run a transaction. Everything above this
 * (features, checks, routes, works, plans) is written once against it, so PGlite and PostgreSQL behave alike.
 */
export interface Sql {
  query<T extends object = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs `fn` in one transaction: it commits when `fn` resolves and rolls back when it rejects. */
  transaction<R>(fn: (tx: Sql) => Promise<R>): Promise<R>;
}

export interface QueryOptions {
  /**
   * Plan the statement once, for any parameter values. Only for a statement whose best plan does not depend on
   * them: the candidate search saves its planning on every run, 0.4–1 ms in the embedded store, where planning is
   * slow. The server store plans in a fraction of that and ignores the hint.
   */
  genericPlan?: boolean;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Serves statements by the age of their request (the embedded store, which runs one at a time). */
  readonly order?: OldestFirst;
  /** Takes a statement with several commands and no parameters (migrations). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}
