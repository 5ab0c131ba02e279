import { Injectable } from '@nestjs/common';
import { evaluatePortfolio, PortfolioEvaluation, PortfolioProject, PortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import { PlanPortfolioRow, PlansRepository } from './plans.repository';

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

export type PortfolioItem = PortfolioTarget & PortfolioEvaluation;

/** Each plan's portfolio targets evaluated now over all of the plan's projects as the read model has them. */
@Injectable()
export class PortfolioReader {
  constructor(private readonly plans: PlansRepository) {}

  async forPlans(plans: PlanPortfolioRow[], asOf = new Date().toISOString()): Promise<Map<string, PortfolioItem[]>> {
    const withTargets = plans.filter((p) => p.portfolio_targets?.length);
    const rows = withTargets.length === 0 ? [] : await this.plans.portfolioProjects(withTargets.map((p) => p.id));
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
          figures: numericFigures(r.figures),
        }));
      const options = { tolerance: plan.policy?.tolerance, zone: plan.time_zone };
      byPlan.set(plan.id, plan.portfolio_targets!.map((t) => ({ ...t, ...evaluatePortfolio(t, projects, asOf, options) })));
    }
    return byPlan;
  }

  async forPlan(plan: PlanPortfolioRow): Promise<PortfolioItem[]> {
    return (await this.forPlans([plan])).get(plan.id)!;
  }
}
