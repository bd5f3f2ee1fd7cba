import { randomUUID } from 'node:crypto';
import type { Feature, Geometry } from 'geojson';
import type { Sql } from './sql.ts';

export interface CheckRecord<R = unknown> {
  id: string;
  created_at: string;
  organisation: string;
  rule_set_id: string;
  rule_set_version: string;
  trench: Feature<Geometry>;
  report: R;
}

/** Check reports as they were made, with the rule set used, so a permit decision can cite them later. */
export class CheckStore {
  constructor(private readonly sql: Sql) {}

  async save<R>(organisation: string, ruleSet: { id: string; version: string }, trench: Feature<Geometry>, report: R): Promise<CheckRecord<R>> {
    const id = randomUUID();
    // The trench and report come back as they went in; reading them back would parse the report's JSON again.
    const [row] = await this.sql.query<{ created_at: string }>(
      `INSERT INTO checks (id, organisation, rule_set_id, rule_set_version, trench, report)
       VALUES ($1, $2, $3, $4, $5::json, $6::json)
       RETURNING created_at::text`,
      [id, organisation, ruleSet.id, ruleSet.version, JSON.stringify(trench), JSON.stringify(report)],
    );
    return { id, created_at: row!.created_at, organisation, rule_set_id: ruleSet.id, rule_set_version: ruleSet.version, trench, report };
  }

  async get<R>(id: string): Promise<CheckRecord<R> | undefined> {
    const [row] = await this.sql.query<CheckRecord<R>>(
      'SELECT id, created_at::text, organisation, rule_set_id, rule_set_version, trench, report FROM checks WHERE id = $1',
      [id],
    );
    return row;
  }
}
