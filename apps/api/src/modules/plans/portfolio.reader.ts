import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { evaluatePortfolio, PortfolioEvaluation, PortfolioProject, PortfolioTarget } from '../../../../../libs/domain/src/portfolio';

export interface PlanPortfolioRow {
  id: string;
  time_zone: string;
  policy: { tolerance?: number } | null;
  portfolio_targets: PortfolioTarget[] | null;
}

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
  constructor(private readonly ds: DataSource) {}

  async forPlans(plans: PlanPortfolioRow[], asOf = new Date().toISOString()): Promise<Map<string, PortfolioItem[]>> {
    const withTargets = plans.filter((p) => p.portfolio_targets?.length);
    const rows: Array<{ id: string; plan_id: string; kind: string; status: PortfolioProject['status']; figures: Record<string, unknown> | null; accepted: Record<string, string | null> }> =
      withTargets.length === 0
        ? []
        : await this.ds.query(
            `SELECT p.id, p.plan_id, p.kind, p.status, p.metrics->'figures' AS figures,
                    coalesce(json_object_agg(m.milestone_id, m.accepted_at) FILTER (WHERE m.state = 'accepted'), '{}') AS accepted
             FROM projects p LEFT JOIN milestones m ON m.project_id = p.id
             WHERE p.plan_id = ANY($1) GROUP BY p.id ORDER BY p.created_at, p.id`,
            [withTargets.map((p) => p.id)],
          );
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
