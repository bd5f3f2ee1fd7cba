import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/domain/assets/layers.ts';
import { SEVERITIES, TRENCH_KINDS } from '../../server/domain/check/check.types.ts';
import { WORK_TYPES } from '../../server/domain/plan/plan.types.ts';
import { serverForFile } from '../support/http.ts';

const { server } = await serverForFile('pglite');
const ruleFile = JSON.parse(readFileSync('data/rules/nl-default.json', 'utf8'));

describe('GET /api/rules', () => {
  it('serves the active check rule set, the planning rules and the server lists', async () => {
    const { status, body } = await server.call('/api/rules');
    expect(status).toBe(200);
    expect(body.check).toMatchObject({ id: ruleFile.id, version: ruleFile.version });
    expect(body.check.assumedCover).toEqual(ruleFile.assumedCover);
    expect(body.check.horizontalClearance.matrix.heat.water.min_m).toBe(ruleFile.horizontalClearance.matrix.heat.water.min_m);
    expect(body.planning).toMatchObject({ id: 'nl-default-planning', moratoriumYears: 3 });
    expect(body).toMatchObject({ layers: [...LAYERS], trenchKinds: [...TRENCH_KINDS], severities: [...SEVERITIES], workTypes: [...WORK_TYPES] });
  });

  it('answers a heat company (submitter) too: anyone who may read the layers may read the rules', async () => {
    const token = await server.tokenFor('Eneco', 'submitter', 'heat-company');
    expect((await server.call('/api/rules', 'GET', undefined, { token })).status).toBe(200);
  });

  it('answers 401 without a token', async () => {
    const { status, type } = await server.call('/api/rules', 'GET', undefined, { token: null });
    expect(status).toBe(401);
    expect(type).toContain('application/problem+json');
  });

  it('is in the OpenAPI document with its action', async () => {
    const { body } = await server.call('/api/openapi.json', 'GET', undefined, { token: null });
    expect(body.paths['/api/rules'].get['x-action']).toBe('layers:read');
  });
});
