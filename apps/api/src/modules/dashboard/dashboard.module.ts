import { Controller, Get, Injectable, Module, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { Caller, CurrentCaller } from '../../common/auth';
import { ScopeService } from '../../common/scope';
import { PlansModule } from '../plans/plans.module';
import { PortfolioReader } from '../plans/portfolio.reader';

export class DashboardQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
}

/**
 * Counts by status, the ranking of lead units, and what is overdue — within the caller's scope — and the
 * portfolio targets of the plan (of every plan without planId), which are measured over all of a plan's projects.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly portfolioReader: PortfolioReader,
  ) {}

  async get(caller: Caller, q: DashboardQueryDto) {
    const scope = this.scope.projectReadFilter(caller, 1);
    const params: unknown[] = [...scope.params];
    let where = scope.sql;
    if (q.planId) {
      params.push(q.planId);
      where += ` AND p.plan_id = $${params.length}`;
    }
    const counts: Array<{ status: string; n: number }> = await this.ds.query(`SELECT p.status, count(*)::int AS n FROM projects p WHERE ${where} GROUP BY p.status`, params);
    const ranking = await this.ds.query(
      `SELECT u.id AS "unitId", u.name AS "unitName", count(*)::int AS projects,
              count(*) FILTER (WHERE p.status = 'red')::int AS red, count(*) FILTER (WHERE p.status = 'yellow')::int AS yellow,
              count(*) FILTER (WHERE p.status IN ('green','done'))::int AS "onTrack",
              round(count(*) FILTER (WHERE p.status IN ('green','done'))::numeric / count(*), 4)::float AS "onTrackRate"
       FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE ${where} AND p.status <> 'closed'
       GROUP BY u.id, u.name ORDER BY "onTrackRate" DESC, red ASC, u.name LIMIT 100`,
      params,
    );
    const overdue = await this.ds.query(
      `SELECT p.id AS "projectId", p.name AS "projectName", m.milestone_id AS "milestoneId", m.name AS "milestoneName", m.due_at AS "dueAt",
              m.escalation_level AS "escalationLevel", u.name AS "unitName"
       FROM milestones m JOIN projects p ON p.id = m.project_id JOIN units u ON u.id = p.lead_unit_id
       WHERE ${where} AND m.overdue AND m.state <> 'accepted' AND p.status <> 'closed' ORDER BY m.due_at LIMIT 200`,
      params,
    );
    const plans = await this.ds.query(`SELECT id, name, time_zone, policy, portfolio_targets FROM plans ${q.planId ? 'WHERE id = $1' : ''} ORDER BY year DESC, created_at`, q.planId ? [q.planId] : []);
    const evaluated = await this.portfolioReader.forPlans(plans);
    const portfolio = plans.flatMap((p: { id: string; name: string }) => evaluated.get(p.id)!.map((t) => ({ planId: p.id, planName: p.name, ...t })));
    const byStatus = Object.fromEntries(['green', 'yellow', 'red', 'done', 'closed'].map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0]));
    return { planId: q.planId ?? null, byStatus, total: counts.reduce((a, c) => a + c.n, 0), ranking, overdue: overdue.map((o: any) => ({ ...o, dueAt: new Date(o.dueAt).toISOString() })), portfolio };
  }
}

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  get(@CurrentCaller() caller: Caller, @Query() q: DashboardQueryDto) {
    return this.dashboard.get(caller, q);
  }
}

@Module({ imports: [PlansModule], controllers: [DashboardController], providers: [DashboardService] })
export class DashboardModule {}
