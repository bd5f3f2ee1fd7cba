import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/index.ts';
import { openTestStore, storeKinds } from '../support/store.ts';

/**
 * The statement layer under every repository: parameters and answers read the same on both stores (the embedded
 * one drives PGlite's wire protocol itself), and a failed statement leaves the connection as it was.
 */
describe.each(storeKinds())('the %s store, for statements', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => store?.close());

  it('passes parameters of every kind our SQL uses and reads them back typed', async () => {
    const [row] = await store.db.query<Record<string, unknown>>(
      `SELECT $1::text AS text, $2::int AS int, $3::float8 AS float, $4::boolean AS flag, $5::text AS nothing,
              $6::text[] AS names, $7::float8[] AS distances, $8::jsonb AS doc, $9::timestamptz AS at`,
      [
        `it's a "quote", a \\ backslash and Straße`,
        42,
        2.35,
        true,
        null,
        ['cables', 'a "quoted", comma', 'back\\slash', 'Straße'],
        [2.4, 0.5, 20],
        { kind: 'heat', depth_m: 1.2, tags: ['a', 'b'], nested: { ok: null } },
        new Date('2026-11-26T10:00:00Z'),
      ],
    );
    expect(row).toEqual({
      text: `it's a "quote", a \\ backslash and Straße`,
      int: 42,
      float: 2.35,
      flag: true,
      nothing: null,
      names: ['cables', 'a "quoted", comma', 'back\\slash', 'Straße'],
      distances: [2.4, 0.5, 20],
      doc: { kind: 'heat', depth_m: 1.2, tags: ['a', 'b'], nested: { ok: null } },
      at: new Date('2026-11-26T10:00:00Z'),
    });
  });

  it('answers a statement again after it failed half-way, and after one that did not parse', async () => {
    const divide = 'SELECT 10 / $1::int AS q';
    await expect(store.db.query(divide, [0])).rejects.toMatchObject({ code: '22012' });
    expect(await store.db.query(divide, [5])).toEqual([{ q: 2 }]);
    expect(await store.db.query(divide, [2])).toEqual([{ q: 5 }]);
    await expect(store.db.query('SELEC 1')).rejects.toMatchObject({ code: '42601' });
    expect(await store.db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('rolls a transaction back when a statement in it fails, and carries on after it', async () => {
    await store.db.exec('CREATE TABLE sql_probe (id int PRIMARY KEY)');
    const insert = 'INSERT INTO sql_probe (id) VALUES ($1)';
    await expect(
      store.transaction(async (tx) => {
        await tx.sql.query(insert, [1]);
        await tx.sql.query(insert, [1]);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await store.db.query('SELECT count(*)::int AS n FROM sql_probe')).toEqual([{ n: 0 }]);
    await store.transaction(async (tx) => {
      await tx.sql.query(insert, [1]);
      await tx.sql.query(insert, [2]);
    });
    expect(await store.db.query('SELECT id FROM sql_probe ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('plans a statement once on request, and leaves the setting as it was even when the statement fails', async () => {
    const mode = async () => (await store.db.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode'))[0]!.plan_cache_mode;
    expect(await store.db.query('SELECT $1::int + 1 AS n', [1], { genericPlan: true })).toEqual([{ n: 2 }]);
    expect(await mode()).toBe('auto');
    await expect(store.db.query('SELECT 1 / $1::int AS n', [0], { genericPlan: true })).rejects.toMatchObject({ code: '22012' });
    expect(await mode()).toBe('auto');
    await store.transaction(async (tx) => {
      expect(await tx.sql.query('SELECT $1::int + 1 AS n', [2], { genericPlan: true })).toEqual([{ n: 3 }]);
      expect(await tx.sql.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).toEqual([{ plan_cache_mode: 'auto' }]);
    });
  });

  it('prepares statements that a transaction sends together, and one that failed inside a transaction again after it', async () => {
    const first = 'SELECT $1::int + 10 AS n';
    const second = 'SELECT $1::int + 20 AS n';
    const answers = await store.transaction((tx) => Promise.all([tx.sql.query(first, [1]), tx.sql.query(second, [1]), tx.sql.query(first, [2])]));
    expect(answers).toEqual([[{ n: 11 }], [{ n: 21 }], [{ n: 12 }]]);
    const divide = 'SELECT 100 / $1::int AS q';
    await expect(store.transaction((tx) => tx.sql.query(divide, [0]))).rejects.toMatchObject({ code: '22012' });
    expect(await store.db.query(divide, [4])).toEqual([{ q: 25 }]);
  });

  it('answers concurrent statements each with its own rows', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => store.db.query<{ n: number }>('SELECT $1::int * 2 AS n', [i])));
    expect(answers.map(([row]) => row!.n)).toEqual(Array.from({ length: 40 }, (_, i) => i * 2));
  });
});
