import { Router } from 'express';
import { GRANTS } from '../../domain/access/policy.ts';
import { principalOf, requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';

/**
 * Who the token belongs to and what it may do, so a client shows the controls a person can use (the review buttons
 * to the municipality, not to a heat company) instead of offering them and answering 403.
 */
export function sessionRouter(doc: ApiDoc): Router {
  const router = Router();
  const api = doc.on(router, '/api/session');
  api.get('/', {
    summary: "The caller's organisation, role and grants (action → all | own)",
    tags: ['access'],
    responses: { 200: '{organisation, organisationKind, role, grants}' },
  }, requires('session:read'), (_req, res) => {
    const { organisation, organisationKind, role } = principalOf(res);
    res.json({ organisation, organisationKind, role, grants: GRANTS[role] });
  });
  return router;
}
