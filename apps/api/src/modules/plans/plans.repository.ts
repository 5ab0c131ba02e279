import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
