import { Injectable } from '@nestjs/common';
import { evaluatePortfolio, PortfolioEvaluation, PortfolioProject, PortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import { KIND_FIGURE_NAMES } from '../../../../../libs/domain/src/targets';
import { PlanPortfolioRow, PlansRepository, PortfolioProjectRow } from './plans.repository';

/** Report figures as numbers by name; nested counts (e.g. person-times by level) as `personTimes.county`. */
function numericFigures(figures: Record<string, unknown> | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(figures ?? {})) {
    if (typeof v === 'number') out[k] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number') out[`${k}.${k2}`] = v2;
    }
  }
  return out;
}

/** A project's figures on their planned and delivered sides, by catalogue name: its kind's own figures and its quantity targets. */
export function figureSides(r: Pick<PortfolioProjectRow, 'targets' | 'figures' | 'quantities'>): { planned: Record<string, number>; delivered: Record<string, number> } {
  const planned: Record<string, number> = {};
  const delivered: Record<string, number> = {};
  const side = (values: Record<string, unknown> | null, basis: 'planned' | 'delivered', into: Record<string, number>) => {
    for (const [name, v] of Object.entries(values ?? {})) {
      const alias = KIND_FIGURE_NAMES[name];
      if (alias?.basis === basis && typeof v === 'number') into[alias.figure] = v;
    }
  };
  side(r.targets, 'planned', planned);
  side(r.figures, 'delivered', delivered);
  for (const q of r.quantities ?? []) planned[q.figure] = q.target ?? q.min ?? 0;
  const reported = (r.figures?.quantities ?? {}) as Record<string, unknown>;
  for (const [figure, v] of Object.entries(reported)) if (typeof v === 'number') delivered[figure] = v;
  return { planned, delivered };
}

export type PortfolioItem = PortfolioTarget & PortfolioEvaluation;

/** Each plan's portfolio targets evaluated now over all of the plan's projects as the read model has them. */
@Injectable()
export class PortfolioReader {
  constructor(private readonly plans: PlansRepository) {}

  async forPlans(plans: PlanPortfolioRow[], asOf = new Date().toISOString()): Promise<Map<string, PortfolioItem[]>> {
    const withTargets = plans.filter((p) => p.portfolio_targets?.length);
    const rows = withTargets.length === 0 ? [] : await this.plans.portfolioProjects(withTargets.map((p) => p.id));
    const unitIds = withTargets.flatMap((p) => p.portfolio_targets!.map((t) => t.filter?.leadUnitId).filter((u): u is string => !!u));
    const unitPaths = await this.plans.unitPaths([...new Set(unitIds)]);
    const byPlan = new Map<string, PortfolioItem[]>(plans.map((p) => [p.id, []]));
    for (const plan of withTargets) {
      const projects: PortfolioProject[] = rows
        .filter((r) => r.plan_id === plan.id)
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          status: r.status,
          acceptedStages: Object.keys(r.accepted),
          stageAcceptedAt: Object.fromEntries(Object.entries(r.accepted).filter((e): e is [string, string] => e[1] !== null)),
          stageReachedOn: Object.fromEntries(Object.entries(r.reached ?? {}).filter((e): e is [string, string] => e[1] !== null)),
          figures: numericFigures(r.figures),
          ...figureSides(r),
          ...(r.category ? { category: r.category } : {}),
          ...(r.work_type ? { workType: r.work_type } : {}),
          tags: r.tags ?? [],
          leadUnitPath: r.lead_unit_path,
        }));
      const options = { tolerance: plan.policy?.tolerance, zone: plan.time_zone, unitPaths };
      const ctx = { templates: plan.templates ?? [], figures: plan.figures ?? [] };
      byPlan.set(plan.id, plan.portfolio_targets!.map((t) => ({ ...t, ...evaluatePortfolio(t, projects, asOf, options, ctx) })));
    }
    return byPlan;
  }

  async forPlan(plan: PlanPortfolioRow): Promise<PortfolioItem[]> {
    return (await this.forPlans([plan])).get(plan.id)!;
  }
}
