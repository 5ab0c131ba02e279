import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '../../common/auth';
import { Page } from '../../common/dto';
import { ScopeService } from '../../common/scope';
import { ListProjectsQueryDto } from './projects.dto';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function projectView(p: Record<string, any>, milestones?: Array<Record<string, any>>) {
  return {
    id: p.id,
    planId: p.plan_id,
    kind: p.kind,
    name: p.name,
    leadUnitId: p.lead_unit_id,
    leadUnitName: p.lead_unit_name ?? undefined,
    ownerUserId: p.owner_user_id,
    responsibleHead: p.responsible_head,
    startDate: p.start_date,
    dueDate: p.due_date,
    targets: p.targets,
    policy: p.policy,
    status: p.status,
    statusReasons: p.status_reasons,
    metrics: p.metrics,
    nextDeadline: iso(p.next_deadline),
    escalationLevel: p.escalation_level,
    workflowId: p.workflow_id,
    version: Number(p.version),
    closedAt: iso(p.closed_at),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    ...(milestones
      ? {
          milestones: milestones.map((m) => ({
            id: m.milestone_id, name: m.name, order: m.sort_order, dueAt: iso(m.due_at), weight: m.weight, state: m.state,
            overdue: m.overdue, status: m.status, statusReasons: m.status_reasons, escalationLevel: m.escalation_level, acceptedAt: iso(m.accepted_at), nextEvent: m.next_event,
          })),
        }
      : {}),
  };
}
export type ProjectView = ReturnType<typeof projectView>;

/** Reads of the project read model. */
@Injectable()
export class ProjectsRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly scope: ScopeService,
  ) {}

  async list(caller: Caller, q: ListProjectsQueryDto): Promise<Page<ProjectView>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (i: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    const scope = this.scope.projectReadFilter(caller, params.length + 1);
    where.push(scope.sql);
    params.push(...scope.params);
    if (q.planId) add((i) => `p.plan_id = $${i}`, q.planId);
    if (q.kind) add((i) => `p.kind = $${i}`, q.kind);
    if (q.status) add((i) => `p.status = $${i}`, q.status);
    if (q.q) add((i) => `p.name ILIKE $${i}`, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (q.unitId) add((i) => `p.lead_unit_path LIKE (SELECT path FROM units WHERE id = $${i}) || '%'`, q.unitId);
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM projects p WHERE ${whereSql}`, params);
    const rows = await this.ds.query(
      `SELECT p.*, u.name AS lead_unit_name FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE ${whereSql}
       ORDER BY p.next_deadline ASC NULLS LAST, p.created_at, p.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map((r: Record<string, unknown>) => projectView(r)), page: q.page, pageSize: q.pageSize, total };
  }

  async get(projectId: string): Promise<ProjectView | undefined> {
    const rows = await this.ds.query('SELECT p.*, u.name AS lead_unit_name FROM projects p JOIN units u ON u.id = p.lead_unit_id WHERE p.id = $1', [projectId]);
    if (!rows.length) return undefined;
    const milestones = await this.ds.query('SELECT * FROM milestones WHERE project_id = $1 ORDER BY sort_order, due_at', [projectId]);
    return projectView(rows[0], milestones);
  }

  async plan(planId: string): Promise<{ id: string; time_zone: string; policy: Record<string, unknown> | null }> {
    const [plan] = await this.ds.query('SELECT id, time_zone, policy FROM plans WHERE id = $1', [planId]);
    return plan;
  }

  async unit(unitId: string): Promise<{ id: string; path: string } | undefined> {
    const [unit] = await this.ds.query('SELECT id, path FROM units WHERE id = $1', [unitId]);
    return unit;
  }

  /** A user with its role and the path of its unit (null without one). */
  async userWithUnitPath(userId: string): Promise<{ id: string; role: string; path: string | null } | undefined> {
    const [owner] = await this.ds.query('SELECT u.id, u.role, un.path FROM users u LEFT JOIN units un ON un.id = u.unit_id WHERE u.id = $1', [userId]);
    return owner;
  }

  /** The project's time zone (from its policy) and start day: what an amendment's days are read in. */
  async zoneAndStart(projectId: string): Promise<{ zone: string | null; start_date: string }> {
    const [p] = await this.ds.query(`SELECT policy->>'timeZone' AS zone, start_date FROM projects WHERE id = $1`, [projectId]);
    return p;
  }

  async kind(projectId: string): Promise<string> {
    const [{ kind }] = await this.ds.query('SELECT kind FROM projects WHERE id = $1', [projectId]);
    return kind;
  }

  /** The project's own deadline policy override and plan. */
  async planAndPolicy(projectId: string): Promise<{ plan_id: string; policy: Record<string, unknown> | null } | undefined> {
    const [p] = await this.ds.query('SELECT plan_id, policy FROM projects WHERE id = $1', [projectId]);
    return p;
  }

  async events(projectId: string, page: number, pageSize: number) {
    const rows = await this.ds.query(
      `SELECT seq, type, actor, at, data FROM project_events WHERE project_id = $1 ORDER BY seq LIMIT $2 OFFSET $3`,
      [projectId, pageSize, (page - 1) * pageSize],
    );
    const [{ total }] = await this.ds.query('SELECT count(*)::int AS total FROM project_events WHERE project_id = $1', [projectId]);
    return { items: rows.map((r: Record<string, any>) => ({ ...r, at: iso(r.at) })), page, pageSize, total };
  }
}
