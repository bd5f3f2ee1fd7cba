import { Router } from 'express';
import { LAYERS, type LayerName } from '../../domain/assets/layers.ts';
import { CONFLICT_RULES, type ConflictRule, SEVERITIES, type Severity, TRENCH_KINDS, type TrenchKind } from '../../domain/check/check.types.ts';
import type { PlanningRules } from '../../domain/plan/planning-rules.ts';
import { WORK_TYPES, type WorkType } from '../../domain/plan/plan.types.ts';
import type { RuleSet } from '../../domain/rules/rule-set.ts';
import { requires } from '../auth.ts';
import type { ApiDoc } from '../openapi.ts';

/** GET /api/rules: the rules this server runs on, so a client draws and explains with them instead of copies. */
export interface ServedRules {
  /** The check's rule set as loaded at start, every number with its source and status. */
  check: RuleSet;
  planning: PlanningRules;
  layers: readonly LayerName[];
  trenchKinds: readonly TrenchKind[];
  severities: readonly Severity[];
  conflictRules: readonly ConflictRule[];
  workTypes: readonly WorkType[];
}

/** The active check and planning rules, read by anyone who may read the layers. */
export function rulesRouter(doc: ApiDoc, { rules, planningRules }: { rules: RuleSet; planningRules: PlanningRules }): Router {
  const router = Router();
  const api = doc.on(router, '/api/rules');
  const served: ServedRules = {
    check: rules,
    planning: planningRules,
    layers: LAYERS,
    trenchKinds: TRENCH_KINDS,
    severities: SEVERITIES,
    conflictRules: CONFLICT_RULES,
    workTypes: WORK_TYPES,
  };
  api.get('/', {
    summary: 'The active rule set of the check and of the planner (assumed covers, clearances, …) and the lists of layers, trench kinds, severities, conflict rules and work types',
    tags: ['rules'],
    responses: { 200: '{check, planning, layers, trenchKinds, severities, conflictRules, workTypes}' },
  }, requires('layers:read'), (_req, res) => {
    res.json(served);
  });
  return router;
}
