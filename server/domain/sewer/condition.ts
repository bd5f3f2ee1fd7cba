import type { SewerRules } from './sewer-rules.ts';

/** One CCTV observation as the condition needs it (EN 13508-2 main code, characterisation, quantification). */
export interface Observation {
  code: string;
  characterisation?: string;
  /** A single value, or a band's lower and upper bound. */
  quantification?: readonly number[];
  /** A class 1–5 the record itself carries; it wins over the table. */
  class?: number;
  at_m?: number;
}

export interface PipeCondition {
  /** 1 good … 5 very poor: the worst observation's class. */
  condition_class: number;
  /** The rule that gave it: `<rule set id>@<version>#<code>`, so a reader can find the table row. */
  condition_rule: string;
  /** The worst observation: code, characterisation and quantification, as `BAB C` or `BBB B 5–10`. */
  condition_observation: string;
  /** Where along the pipe it was seen (m from the reference end), when the record says. */
  condition_at_m?: number;
  /** Observations that have a class (structural and operational defects); photos, remarks and nodes have none. */
  defects: number;
}

/**
 * The class of one observation by the rule set: the class the record carries, else by its characterisation letter,
 * else by the band its quantification falls in (a band's upper bound, the worse end), else the code's default.
 * Codes without a rule (BCA connection, BDA photo, BDD water level, …) describe no defect: undefined.
 *
 * @example observationClass({ code: 'BBB', characterisation: 'B', quantification: [5, 10] }, rules) // 2
 * @example observationClass({ code: 'BAB', characterisation: 'C' }, rules) // 4
 * @example observationClass({ code: 'BDA' }, rules) // undefined
 */
export function observationClass(o: Observation, rules: SewerRules): number | undefined {
  if (typeof o.class === 'number' && Number.isInteger(o.class) && o.class >= 1 && o.class <= 5) return o.class;
  const rule = rules.condition.codes[o.code];
  if (!rule) return undefined;
  const byLetter = o.characterisation ? rule.characterisation?.[o.characterisation] : undefined;
  if (byLetter !== undefined) return byLetter;
  const value = o.quantification?.length ? o.quantification[o.quantification.length - 1]! : undefined;
  if (rule.bands && value !== undefined) return rule.bands.find(([upper]) => value <= upper)?.[1] ?? rule.above ?? rule.bands[rule.bands.length - 1]![1];
  return rule.default;
}

/**
 * A pipe's condition from its observations: the worst class found, with the rule and the observation that set it.
 * A pipe inspected without any defect is class 1; one without observations has no condition (not inspected).
 *
 * @example pipeCondition([{ code: 'BCD' }, { code: 'BAB', characterisation: 'C', at_m: 12.3 }, { code: 'BCE' }], rules)
 *   // { condition_class: 4, condition_rule: 'nl-default-sewer@2026.1#BAB', condition_observation: 'BAB C', condition_at_m: 12.3, defects: 1 }
 */
export function pipeCondition(observations: readonly Observation[], rules: SewerRules): PipeCondition | undefined {
  if (observations.length === 0) return undefined;
  let worst: { o: Observation; c: number } | undefined;
  let defects = 0;
  for (const o of observations) {
    const c = observationClass(o, rules);
    if (c === undefined) continue;
    defects++;
    if (!worst || c > worst.c) worst = { o, c };
  }
  const ruleId = `${rules.id}@${rules.version}`;
  if (!worst) return { condition_class: 1, condition_rule: `${ruleId}#no-defect`, condition_observation: '', defects: 0 };
  const { o, c } = worst;
  const words = [o.code, o.characterisation, o.quantification?.length ? o.quantification.join('–') : undefined].filter(Boolean).join(' ');
  return { condition_class: c, condition_rule: `${ruleId}#${o.code}`, condition_observation: words, ...(o.at_m !== undefined ? { condition_at_m: o.at_m } : {}), defects };
}

/**
 * Age in whole years at `today` (ISO date) from the year of construction.
 *
 * @example ageYears(1996, '2026-12-01') // 30
 */
export function ageYears(builtYear: number, today: string): number {
  return Math.max(0, Number(today.slice(0, 4)) - builtYear);
}
