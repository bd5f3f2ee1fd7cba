import { Router } from 'express';
import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES } from '../../domain/access/policy.ts';
import type { Store } from '../../store/index.ts';
import { createToken, revokeToken } from '../../app/tokens.ts';
import { principalOf, requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';
import { notFound } from '../problem.ts';
import { parse } from '../schemas.ts';

const newToken = z.object({
  organisation: z.string().trim().min(1).max(200),
  kind: z.enum(ORGANISATION_KINDS).default('other'),
  role: z.enum(ROLES),
  label: z.string().max(200).default(''),
});

/** Token management for administrators: the plain token is answered once, at creation. */
export function tokensRouter(store: Store, doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/tokens');
  const tags = ['access'];

  api.get('/', { summary: 'Every token (never the token itself)', tags, responses: { 200: 'tokens', 403: 'not an administrator' } }, requires('tokens:manage'), async (_req, res) => {
    res.json(await store.access.listTokens());
  });

  api.post('/', {
    summary: 'Create a token for an organisation and role',
    tags,
    body: { 'application/json': '{ organisation, kind, role, label }' },
    responses: { 201: '{ id, token } — the token is shown only now', 400: 'bad role or kind', 403: 'not an administrator' },
  }, requires('tokens:manage'), async (req, res) => {
    const { organisation, kind, role, label } = parse(newToken, req.body, 'body');
    const created = await createToken(store, principalOf(res), { organisation, kind, role, label });
    res.status(201).json({ ...created, organisation, role });
  });

  api.delete('/:id', { summary: 'Revoke a token', tags, responses: { 204: 'revoked', 403: 'not an administrator', 404: 'no such live token' } }, requires('tokens:manage'), async (req, res) => {
    const id = String(req.params.id);
    const revoked = await revokeToken(store, principalOf(res), id);
    if (!revoked.ok) throw notFound(`no live token ${JSON.stringify(id)}`);
    res.status(204).end();
  });

  return router;
}
