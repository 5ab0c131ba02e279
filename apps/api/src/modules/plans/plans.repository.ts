import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Page } from '../../common/dto';
import { paged } from '../../common/query';
import type { PortfolioProject, PortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import type { FigureDef, ProjectTemplate, QuantityTarget } from '../../../../../libs/domain/src/targets';

export interface PlanPortfolioRow {
  id: string;
  time_zone: string;
  policy: { tolerance?: number } | null;
  portfolio_targets: PortfolioTarget[] | null;
  templates?: ProjectTemplate[] | null;
  figures?: FigureDef[] | null;
}
export type PlanRow = PlanPortfolioRow & Record<string, any>;

export interface PortfolioProjectRow {
  id: string;
  plan_id: string;
  kind: string;
  status: PortfolioProject['status'];
  figures: Record<string, unknown> | null;
  targets: Record<string, unknown> | null;
  quantities: QuantityTarget[] | null;
  category: string | null;
  work_type: string | null;
  tags: string[];
  lead_unit_path: string;
  accepted: Record<string, string | null>;
  reached: Record<string, string | null>;
}

export interface NewPlan {
  name: string;
  year: number;
  ownerUnitId: string | null;
  timeZone: string;
  policy: unknown;
  portfolioTargets: unknown[];
  coordinatorIds: string[];
  templates: unknown[];
  figures: unknown[];
  seriesScope: string;
}

/** A plan's audit event: `plan.updated`, `plan.series-continued`. */
export interface PlanEvent {
  type: string;
  actor: string;
  data: unknown;
}

/** The writes of one plan-settings change, all on one transaction. */
export class PlanWrites {
  constructor(private readonly m: EntityManager) {}

  /** The plan, locked until the transaction ends. */
  async lockPlan(id: string): Promise<PlanRow | undefined> {
    const [p] = await this.m.query('SELECT * FROM plans WHERE id = $1 FOR UPDATE', [id]);
    return p;
  }

  /** Sets the given columns (already in their stored form) and the time of the change. */
  async updatePlan(id: string, columns: Record<string, unknown>): Promise<void> {
    const names = Object.keys(columns);
    const sets = names.map((column, i) => `${column} = $${i + 2}`);
    await this.m.query(`UPDATE plans SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...names.map((c) => columns[c])]);
  }

  async addEvent(planId: string, e: PlanEvent): Promise<void> {
    await this.m.query('INSERT INTO plan_events (plan_id, type, actor, data) VALUES ($1, $2, $3, $4)', [planId, e.type, e.actor, JSON.stringify(e.data)]);
  }

  /** The circular series row, created empty if new, locked until the transaction ends. */
  async lockSeries(key: string): Promise<Record<string, any>> {
    await this.m.query('INSERT INTO circular_series (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
    const [row] = await this.m.query('SELECT * FROM circular_series WHERE key = $1 FOR UPDATE', [key]);
    return row;
  }

  /** The series continues at `startsAt`, as set by `userId`; returns the row as it now is. */
  async continueSeries(key: string, startsAt: number, userId: string): Promise<Record<string, any>> {
    await this.m.query('UPDATE circular_series SET starts_at = $2, set_by = $3, set_at = now() WHERE key = $1', [key, startsAt, userId]);
    const [row] = await this.m.query('SELECT * FROM circular_series WHERE key = $1', [key]);
    return row;
  }
}

/** Plans, and the project figures their portfolio targets are measured over. */
@Injectable()
export class PlansRepository {
  constructor(private readonly ds: DataSource) {}

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.ds.query('SELECT 1 FROM units WHERE id = $1', [unitId])).length > 0;
  }

  usersByIds(ids: string[]): Promise<Array<{ id: string; role: string }>> {
    return ids.length ? this.ds.query('SELECT id, role FROM users WHERE id = ANY($1)', [ids]) : Promise.resolve([]);
  }

  async insert(p: NewPlan): Promise<Record<string, any>> {
    const [row] = await this.ds.query(
      `INSERT INTO plans (name, year, owner_unit_id, time_zone, policy, portfolio_targets, coordinator_ids, templates, figures, series_scope)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [p.name, p.year, p.ownerUnitId, p.timeZone, JSON.stringify(p.policy), JSON.stringify(p.portfolioTargets), p.coordinatorIds, JSON.stringify(p.templates), JSON.stringify(p.figures), p.seriesScope],
    );
    return row;
  }

  /** Plans, newest year first. */
  page<T>(page: { page: number; pageSize: number }, view: (row: Record<string, any>) => T): Promise<Page<T>> {
    const qb = this.ds.createQueryBuilder().select('*').from('plans', 'plans').orderBy('year', 'DESC').addOrderBy('created_at');
    return paged(qb, page, view);
  }

  async get(id: string): Promise<PlanRow | undefined> {
    const [p] = await this.ds.query('SELECT * FROM plans WHERE id = $1', [id]);
    return p;
  }

  /** Runs `work` in one transaction: the plan and series locks it takes hold until it ends. */
  transaction<T>(work: (tx: PlanWrites) => Promise<T>): Promise<T> {
    return this.ds.transaction((m) => work(new PlanWrites(m)));
  }

  /** A plan's audit trail, oldest first. */
  events(planId: string): Promise<Array<{ id: string; type: string; actor: string; at: Date; data: unknown }>> {
    return this.ds.query('SELECT id, type, actor, at, data FROM plan_events WHERE plan_id = $1 ORDER BY id', [planId]);
  }

  async series(key: string): Promise<Record<string, any> | undefined> {
    const [row] = await this.ds.query('SELECT * FROM circular_series WHERE key = $1', [key]);
    return row;
  }

  /** One plan (planId) or every plan, newest year first, with what portfolio evaluation needs. */
  portfolioPlans(planId?: string): Promise<Array<PlanPortfolioRow & { name: string }>> {
    return this.ds.query(`SELECT id, name, time_zone, policy, portfolio_targets, templates, figures FROM plans ${planId ? 'WHERE id = $1' : ''} ORDER BY year DESC, created_at`, planId ? [planId] : []);
  }

  /** Each project of the plans with its kind, status, figures and the accepted milestones with their acceptance instant. */
  portfolioProjects(planIds: string[]): Promise<PortfolioProjectRow[]> {
    return this.ds.query(
      `SELECT p.id, p.plan_id, p.kind, p.status, p.metrics->'figures' AS figures, p.targets, p.quantities, p.category, p.work_type, p.tags, p.lead_unit_path,
              coalesce(json_object_agg(m.milestone_id, m.accepted_at) FILTER (WHERE m.state = 'accepted'), '{}') AS accepted,
              coalesce(json_object_agg(m.milestone_id, to_char(m.reached_on, 'YYYY-MM-DD')) FILTER (WHERE m.state = 'accepted'), '{}') AS reached
       FROM projects p LEFT JOIN milestones m ON m.project_id = p.id
       WHERE p.plan_id = ANY($1) GROUP BY p.id ORDER BY p.created_at, p.id`,
      [planIds],
    );
  }

  /** Paths of the units portfolio filters name. */
  async unitPaths(unitIds: string[]): Promise<Record<string, string>> {
    if (unitIds.length === 0) return {};
    const rows: Array<{ id: string; path: string }> = await this.ds.query('SELECT id, path FROM units WHERE id = ANY($1)', [unitIds]);
    return Object.fromEntries(rows.map((r) => [r.id, r.path]));
  }
}
