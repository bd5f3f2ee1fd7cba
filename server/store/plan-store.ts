import { randomUUID } from 'node:crypto';
import type { Sql } from './sql.ts';

export interface PlanRecord<P = unknown, O = unknown> {
  id: string;
  created_at: string;
  organisation: string;
  options: O;
  plan: P;
}

/** Computed plans, kept as computed so exports and letters always match what was proposed. */
export class PlanStore {
  constructor(private readonly sql: Sql) {}

  async save<P, O>(organisation: string, options: O, plan: P): Promise<PlanRecord<P, O>> {
    const [row] = await this.sql.query<PlanRecord<P, O>>(
      `INSERT INTO plans (id, organisation, options, plan) VALUES ($1, $2, $3::jsonb, $4::jsonb)
       RETURNING id, created_at::text, organisation, options, plan`,
      [randomUUID(), organisation, JSON.stringify(options), JSON.stringify(plan)],
    );
    return row!;
  }

  /** The newest plans first, without their openings: what a planner picks from. */
  async list<M, O>(limit = 50): Promise<(Omit<PlanRecord<never, O>, 'plan'> & { metrics: M })[]> {
    return this.sql.query(
      `SELECT id, created_at::text, organisation, options, plan->'metrics' AS metrics FROM plans ORDER BY created_at DESC, id LIMIT $1`,
      [limit],
    );
  }

  async get<P, O>(id: string): Promise<PlanRecord<P, O> | undefined> {
    const [row] = await this.sql.query<PlanRecord<P, O>>('SELECT id, created_at::text, organisation, options, plan FROM plans WHERE id = $1', [id]);
    return row;
  }
}
