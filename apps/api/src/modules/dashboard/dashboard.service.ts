import { Injectable } from '@nestjs/common';
import { Caller } from '../../common/auth';
import { AccessPolicy } from '../../policy/access.policy';
import { PlansRepository } from '../plans/plans.repository';
import { PortfolioReader } from '../plans/portfolio.reader';
import { DashboardQueryDto } from './dashboard.dto';
import { DashboardRepository } from './dashboard.repository';
import { projectFilters } from '../projects/projects.repository';

/**
 * Counts by status, the ranking of lead units, and what is overdue — within the caller's scope — and the
 * portfolio targets of the plan (of every plan without planId), which are measured over all of a plan's projects
 * (each target has its own selection), whatever the dashboard's filter.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly plansRepository: PlansRepository,
    private readonly policy: AccessPolicy,
    private readonly portfolioReader: PortfolioReader,
  ) {}

  async get(caller: Caller, q: DashboardQueryDto) {
    const filter = [this.policy.projects(caller), ...projectFilters(q)];
    // The four reads are independent: they run at once on the pool, so the answer waits for the slowest, not the sum.
    const [counts, ranking, overdue, [plans, evaluated]] = await Promise.all([
      this.dashboard.countsByStatus(filter),
      this.dashboard.ranking(filter),
      this.dashboard.overdue(filter),
      this.plansRepository.portfolioPlans(q.planId).then(async (plans) => [plans, await this.portfolioReader.forPlans(plans)] as const),
    ]);
    const portfolio = plans.flatMap((p) => evaluated.get(p.id)!.map((t) => ({ planId: p.id, planName: p.name, ...t })));
    const byStatus = Object.fromEntries(['green', 'yellow', 'red', 'done', 'closed'].map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0]));
    return { planId: q.planId ?? null, byStatus, total: counts.reduce((a, c) => a + c.n, 0), ranking, overdue: overdue.map((o) => ({ ...o, dueAt: new Date(o.dueAt).toISOString() })), portfolio };
  }
}
