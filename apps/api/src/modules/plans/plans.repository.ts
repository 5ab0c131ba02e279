import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PortfolioProject, PortfolioTarget } from '../../../../../libs/domain/src/portfolio';

export interface PlanPortfolioRow {
  id: string;
  time_zone: string;
  policy: { tolerance?: number } | null;
  portfolio_targets: PortfolioTarget[] | null;
}
export type PlanRow = PlanPortfolioRow & Record<string, any>;

export interface PortfolioProjectRow {
  id: string;
  plan_id: string;
  kind: string;
  status: PortfolioProject['status'];
  figures: Record<string, unknown> | null;
  accepted: Record<string, string | null>;
}

export interface NewPlan {
  name: string;
  year: number;
  ownerUnitId: string | null;
  timeZone: string;
  policy: unknown;
  portfolioTargets: unknown[];
  coordinatorIds: string[];
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
      `INSERT INTO plans (name, year, owner_unit_id, time_zone, policy, portfolio_targets, coordinator_ids) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [p.name, p.year, p.ownerUnitId, p.timeZone, JSON.stringify(p.policy), JSON.stringify(p.portfolioTargets), p.coordinatorIds],
    );
    return row;
  }

  async page(page: number, pageSize: number): Promise<{ rows: Array<Record<string, any>>; total: number }> {
    const rows = await this.ds.query('SELECT * FROM plans ORDER BY year DESC, created_at LIMIT $1 OFFSET $2', [pageSize, (page - 1) * pageSize]);
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM plans');
    return { rows, total };
  }

  async get(id: string): Promise<PlanRow | undefined> {
    const [p] = await this.ds.query('SELECT * FROM plans WHERE id = $1', [id]);
    return p;
  }

  /** One plan (planId) or every plan, newest year first, with what portfolio evaluation needs. */
  portfolioPlans(planId?: string): Promise<Array<PlanPortfolioRow & { name: string }>> {
    return this.ds.query(`SELECT id, name, time_zone, policy, portfolio_targets FROM plans ${planId ? 'WHERE id = $1' : ''} ORDER BY year DESC, created_at`, planId ? [planId] : []);
  }

  /** Each project of the plans with its kind, status, figures and the accepted milestones with their acceptance instant. */
  portfolioProjects(planIds: string[]): Promise<PortfolioProjectRow[]> {
    return this.ds.query(
      `SELECT p.id, p.plan_id, p.kind, p.status, p.metrics->'figures' AS figures,
              coalesce(json_object_agg(m.milestone_id, m.accepted_at) FILTER (WHERE m.state = 'accepted'), '{}') AS accepted
       FROM projects p LEFT JOIN milestones m ON m.project_id = p.id
       WHERE p.plan_id = ANY($1) GROUP BY p.id ORDER BY p.created_at, p.id`,
      [planIds],
    );
  }
}
