import { describe, expect, it } from 'vitest';
import { GRANTS, ROLES, type OrganisationKind, type Role } from '../../server/domain/access/policy.ts';
import type { GuardedRoute } from '../../server/http/openapi.ts';
import { serverForFile } from '../support/http.ts';

/**
 * The role table, walked over every route the app documents: the routes other parts add are covered the moment
 * they are mounted, and a route without a `requires(action)` guard fails here.
 */
const PUBLIC = new Set(['GET /api/health', 'GET /api/openapi.json']);
const DUMMY_ID = '00000000-0000-4000-8000-000000000000';
const ORGANISATION: Record<Role, [string, OrganisationKind]> = {
  admin: ['Gemeente Rotterdam', 'municipality'],
  engineer: ['Gemeente Rotterdam', 'municipality'],
  planner: ['Gemeente Rotterdam', 'municipality'],
  viewer: ['Gemeente Rotterdam', 'municipality'],
  submitter: ['Eneco', 'heat-company'],
};

const { store, server } = await serverForFile('pglite');

const documented = server.app.doc.guards();
const guarded = documented.filter((r) => !PUBLIC.has(label(r)));
const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await server.tokenFor(ORGANISATION[role][0], role, ORGANISATION[role][1])] as const))) as Record<Role, string>;
const has = (method: string, path: string) => documented.some((r) => r.method === method && r.path === path);

function label(route: GuardedRoute): string {
  return `${route.method.toUpperCase()} ${route.path}`;
}

/** A request path for a documented path: a real layer for {layer}, a well-formed id nobody has for the rest. */
function fill(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'layer' ? 'cables' : DUMMY_ID));
}

const send = (route: GuardedRoute, token: string | null) =>
  server.call(fill(route.path), route.method.toUpperCase(), route.method === 'post' || route.method === 'put' ? {} : undefined, { token });

describe('every documented route', () => {
  it('is guarded by requires(action) unless it is public', () => {
    expect(guarded.length).toBeGreaterThan(0);
    expect(guarded.filter((r) => !r.action).map(label)).toEqual([]);
  });

  it('names its action in the OpenAPI document as x-action', async () => {
    const { body } = await server.call('/api/openapi.json', 'GET', undefined, { token: null });
    for (const route of guarded) expect(body.paths[route.path][route.method]['x-action'], label(route)).toBe(route.action);
  });

  it.each(guarded.map((r) => [label(r), r] as const))('%s answers 401 without a token or with an unknown one', async (_, route) => {
    const missing = await send(route, null);
    expect(missing.status).toBe(401);
    expect(missing.type).toContain('application/problem+json');
    expect((await send(route, 'og_unknown')).status).toBe(401);
  });
});

describe.each(ROLES)('the role %s', (role) => {
  it.each(guarded.map((r) => [label(r), r] as const))('%s: 403 without the grant, never 401/403 with it', async (_, route) => {
    const granted = route.action !== undefined && GRANTS[role][route.action] !== undefined;
    const answer = await send(route, tokens[role]);
    if (granted) {
      expect([401, 403], `${role} has ${route.action} but got ${answer.status}: ${answer.body?.detail}`).not.toContain(answer.status);
      expect(answer.status, `${role} ${label(route)}: ${answer.body?.detail}`).toBeLessThan(500);
    } else {
      expect(answer.status, `${role} lacks ${route.action}`).toBe(403);
      expect(answer.type).toContain('application/problem+json');
      expect(answer.body.code).toBe('access.role-may-not');
      expect(answer.body.detail).toContain(`rol ${role} mag niet`);
    }
  });
});

describe('own scope', () => {
  const RD = { crs: { type: 'name', properties: { name: 'EPSG:28992' } } };
  const cable = { type: 'Feature', id: 'stedin-lv-1', geometry: { type: 'LineString', coordinates: [[89_000, 436_000], [89_030, 436_000]] }, properties: { network: 'lv' } };

  it("keeps a submitter from changing or deleting another owner's asset in /api/layers (403)", async () => {
    const stedin = await server.tokenFor('Stedin', 'submitter', 'grid-operator');
    const eneco = tokens.submitter;
    expect((await server.call('/api/layers/cables/features', 'POST', { type: 'FeatureCollection', ...RD, features: [cable] }, { token: stedin })).status).toBe(201);
    const mine = { ...cable, ...RD, properties: { ...cable.properties, owner: 'Eneco', version: 1 } };
    const put = await server.call('/api/layers/cables/features/stedin-lv-1', 'PUT', mine, { token: eneco });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('access.own-only');
    expect(put.body.detail).toContain('alleen voor Eneco lagen wijzigen, niet voor Stedin');
    const theirs = { ...mine, properties: { ...mine.properties, owner: 'Stedin' } };
    expect((await server.call('/api/layers/cables/features/stedin-lv-1', 'PUT', theirs, { token: eneco })).status).toBe(403);
    expect((await server.call('/api/layers/cables/features/stedin-lv-1?version=1', 'DELETE', undefined, { token: eneco })).status).toBe(403);
    const claim = { type: 'FeatureCollection', ...RD, features: [{ ...cable, id: 'eneco-claims', properties: { network: 'lv', owner: 'Stedin' } }] };
    expect((await server.call('/api/layers/cables/features', 'POST', claim, { token: eneco })).status).toBe(403);
    expect((await store.features.get('cables', 'stedin-lv-1'))?.properties.version).toBe(1);
    expect(await store.features.get('cables', 'eneco-claims')).toBeUndefined();
  });

  const routesMounted = has('post', '/api/routes') && has('get', '/api/routes/{id}');
  // Locally the routes API may not be merged yet; in CI it must be there, so the test runs (and fails) instead.
  it.skipIf(!routesMounted && process.env.CI !== 'true')("keeps a heat company from reading another heat company's route (403)", async () => {
    const vattenfall = await server.tokenFor('Vattenfall', 'submitter', 'heat-company');
    const feature = { type: 'Feature', geometry: { type: 'LineString', coordinates: [[4.4321, 51.9081], [4.4335, 51.9085]] }, properties: { kind: 'heat', width_m: 0.8, depth_m: 1.0 } };
    const submitted = await server.call('/api/routes', 'POST', { name: 'Tracé Vattenfall', feature }, { token: vattenfall });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const id = submitted.body.id as string;
    const read = await server.call(`/api/routes/${id}`, 'GET', undefined, { token: tokens.submitter });
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain('Tracé Vattenfall');
    const listed = await server.call('/api/routes', 'GET', undefined, { token: tokens.submitter });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(id);
    if (has('post', '/api/routes/{id}/resubmit')) {
      const resubmit = await server.call(`/api/routes/${id}/resubmit`, 'POST', { name: 'taken over', feature, version: 1 }, { token: tokens.submitter });
      expect(resubmit.status).toBe(403);
    }
    expect((await server.call(`/api/routes/${id}`, 'GET', undefined, { token: vattenfall })).status).toBe(200);
  });
});
