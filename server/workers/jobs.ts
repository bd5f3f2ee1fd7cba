import type { LayeredAsset } from '../domain/assets/layers.ts';
import { checkTrench } from '../domain/check/check-trench.ts';
import type { CheckReport, Trench } from '../domain/check/check.types.ts';
import type { RuleSet } from '../domain/rules/rule-set.ts';

// The jobs a worker can run: pure domain functions, plain data in and out. The main thread fetches what they need
// from the store and passes it in; a worker opens no store.

export interface CheckJob {
  trench: Trench;
  candidates: readonly LayeredAsset[];
  rules: RuleSet;
}

export const JOBS = {
  'check-trench': ({ trench, candidates, rules }: CheckJob): CheckReport => checkTrench(trench, candidates, rules),
};
