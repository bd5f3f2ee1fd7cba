import type { Message } from '../domain/message.ts';
import type { CouplingOpportunity, Infeasibility, Plan, ScheduledWork, WorkType } from '../domain/plan/plan.types.ts';
import type { Language } from './language.ts';
import { render } from './render.ts';

/**
 * A plan's sentences in one language, for every edge that shows them (HTTP answers, exports, letters, the client).
 * A plan stored before messages had codes carries only its English sentence; it reads back as that sentence in
 * either language, since nothing else is left to render.
 */

/** @example workTypeText('sewer', 'nl') // 'riolering' */
export function workTypeText(type: WorkType, language: Language): string {
  return render({ code: `plan.work-type.${type}` }, language);
}

/** Why a scheduled work moved; undefined when it did not. */
export function shiftText(work: Pick<ScheduledWork, 'message' | 'explanation'>, language: Language): string | undefined {
  return textOf(work.message, work.explanation, language);
}

/** What would have to give to merge a coupling opportunity's openings. */
export function couplingText(opportunity: Pick<CouplingOpportunity, 'message' | 'change'>, language: Language): string {
  return textOf(opportunity.message as Message | undefined, opportunity.change, language) ?? '';
}

/** What holds an infeasible work and what would resolve it. */
export function infeasibilityText(infeasibility: Pick<Infeasibility, 'message' | 'explanation'>, language: Language): string {
  return textOf(infeasibility.message as Message | undefined, infeasibility.explanation, language) ?? '';
}

/**
 * The plan with its sentence fields (`explanation` of a moved work, an infeasibility and a flexibility opportunity,
 * `change` of a coupling opportunity) rendered in `language` beside each `message`, the shape API users read before messages had codes.
 *
 * @example renderPlan(plan, 'en').infeasible[0].explanation // 'repaving (Gemeente Rotterdam) on Teststraat … cannot start by …'
 */
export function renderPlan(plan: Plan, language: Language): Plan {
  return {
    ...plan,
    openings: plan.openings.map((o) => ({
      ...o,
      works: o.works.map((w) => {
        const explanation = shiftText(w, language);
        return explanation === undefined ? w : { ...w, explanation };
      }),
    })),
    couplingOpportunities: plan.couplingOpportunities.map((c) => ({ ...c, change: couplingText(c, language) })),
    infeasible: plan.infeasible.map((i) => ({ ...i, explanation: infeasibilityText(i, language) })),
    ...(plan.flexibility ? { flexibility: { ...plan.flexibility, opportunities: plan.flexibility.opportunities.map((o) => ({ ...o, explanation: render(o.message, language) })) } } : {}),
  };
}

function textOf(message: Message | undefined, stored: string | undefined, language: Language): string | undefined {
  return message ? render(message, language) : stored;
}
