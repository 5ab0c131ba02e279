import { Injectable } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { Page } from '../../common/dto';
import { likeText, paged, where, Where } from '../../common/query';
import { evaluateQuantities, figureCatalogue, KIND_FIGURE_NAMES, partialDeliveryReasons } from '../../../../../libs/domain/src/targets';
import type { Classification, FigureDef, ProjectTemplate, QuantityTarget } from '../../../../../libs/domain/src/targets';
import { ListProjectsQueryDto } from './projects.dto';
import type { PlanDeadlinesInput, PlanDeadlinesResult, ProjectionInput, ProjectSpec } from '../../../../../libs/contracts/src/project';
import { planMilestones } from '../../../../../activities/project/project.activities';
import { REPEATS_PER_PLAN } from '../../../../../workflows/shared/requests';
import { writeProjection } from '../../../../../activities/project/projection';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

export function projectView(p: Record<string, any>, milestones?: Array<Record<string, any>>, delivery?: ReturnType<typeof partialDeliveryReasons>) {
  return {
    id: p.id,
    planId: p.plan_id,
    kind: p.kind,
    name: p.name,
    leadUnitId: p.lead_unit_id,
    leadUnitName: p.lead_unit_name ?? undefined,
    ownerUserId: p.owner_user_id,
    // The owner account by name and unit (one project read; lists leave it out).
    ...(p.owner_name !== undefined ? { ownerName: p.owner_name ?? null, ownerUnitName: p.owner_unit_name ?? null } : {}),
    responsibleHead: p.responsible_head,
    startDate: p.start_date,
    dueDate: p.due_date,
    targets: p.targets,
    policy: p.policy,
    status: p.status,
    statusReasons: statusReasonsView(p, delivery),
    metrics: p.metrics,
    nextDeadline: iso(p.next_deadline),
    escalationLevel: p.escalation_level,
    workflowId: p.workflow_id,
    version: Number(p.version),
    category: p.category ?? undefined,
    workType: p.work_type ?? undefined,
    tags: p.tags ?? [],
    template: p.template ?? undefined,
    quantities: p.quantities ?? [],
    closedAt: iso(p.closed_at),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
    ...(milestones
      ? {
          milestones: milestones.map((m) => ({
            id: m.milestone_id, name: m.name, order: m.sort_order, dueAt: iso(m.due_at), weight: m.weight, state: m.state,
            overdue: m.overdue, status: m.status, statusReasons: m.status_reasons, escalationLevel: m.escalation_level, acceptedAt: iso(m.accepted_at),
            acceptedLate: m.late_millis == null ? undefined : { millis: Number(m.late_millis), days: m.late_days, workingDays: m.late_working_days },
            reachedOn: m.reached_on ?? undefined, nextEvent: m.next_event,
          })),
        }
      : {}),
  };
}
export type ProjectView = ReturnType<typeof projectView> & Partial<ReturnType<typeof progressView>> & { coUnits?: Array<{ id: string; name: string }> };

/**
 * Each quantity target judged on the latest accepted running total (actual vs target vs what the pace expects),
 * and partial delivery as the project's status shows it: "已交付440/1080个学位".
 */
export function progressView(p: Record<string, any>, delivered: Record<string, number>, asOf: string) {
  const quantities: QuantityTarget[] = p.quantities ?? [];
  const zone = p.policy?.timeZone ?? 'Asia/Shanghai';
  const judged = evaluateQuantities(quantities, delivered, asOf, { start: p.start_date, end: p.due_date, zone, tolerance: p.policy?.tolerance });
  const quantityLines = quantities.map((q) => ({ figure: q.figure, name: q.name, unit: q.unit, planned: q.target ?? q.min ?? 0, delivered: delivered[q.figure] }));
  return { quantityProgress: judged.quantities, quantityStatus: { status: judged.status, reasons: judged.reasons }, delivery: partialDeliveryReasons([...kindDeliveryLines(p), ...quantityLines]) };
}

/** The kind's planned figures (seats, classes …) beside what the accepted reports say was delivered so far. */
function kindDeliveryLines(p: Record<string, any>) {
  const quantities: QuantityTarget[] = p.quantities ?? [];
  const figures = (p.metrics?.figures ?? {}) as Record<string, unknown>;
  const targets = (p.targets ?? {}) as Record<string, unknown>;
  const catalogue = figureCatalogue();
  return Object.entries(KIND_FIGURE_NAMES)
    .filter(([name, side]) => side.basis === 'planned' && typeof targets[name] === 'number' && !quantities.some((q) => q.figure === side.figure))
    .map(([name, side]) => {
      const deliveredName = Object.keys(KIND_FIGURE_NAMES).find((n) => KIND_FIGURE_NAMES[n].figure === side.figure && KIND_FIGURE_NAMES[n].basis === 'delivered');
      const def = catalogue.get(side.figure)!;
      const value = deliveredName ? figures[deliveredName] : undefined;
      return { figure: def.key, name: def.name, unit: def.unit, planned: targets[name] as number, delivered: typeof value === 'number' ? value : undefined };
    });
}

/**
 * The reasons the project's status shows: the workflow's verdict, and for a project still under way the part of its
 * planned seats, classes or apartments already delivered ("已交付440/1,080个学位"), which changes no colour. A list
 * has the kind's own figures; the detail passes its full delivery lines (quantity targets' running totals too).
 */
function statusReasonsView(p: Record<string, any>, delivery = partialDeliveryReasons(kindDeliveryLines(p))) {
  const reasons = (p.status_reasons ?? []) as unknown[];
  return ['green', 'yellow', 'red'].includes(p.status) ? [...reasons, ...delivery] : reasons;
}

/**
 * An audit event with its text as data: `code` audit.<type> and scalar `params` (the milestone's and the actor's names
 * added), rendered in the reader's language by the API; the event's own `data` stays as recorded.
 */
export function auditEventView(r: Record<string, any>, names: { milestones: Map<string, string>; actors: Map<string, string> }) {
  const data: Record<string, unknown> = r.data ?? {};
  const params: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[k] = v;
  const milestoneId = typeof data.milestoneId === 'string' ? data.milestoneId : undefined;
  if (milestoneId) params.milestone = names.milestones.get(milestoneId) ?? milestoneId;
  params.actor = names.actors.get(r.actor) ?? (r.actor === 'system' ? '' : r.actor);
  // The status an event records is judged as of the event, not as of reading.
  return { seq: r.seq, type: r.type, actor: r.actor, actorName: names.actors.get(r.actor) ?? null, at: iso(r.at), data, code: `audit.${r.type}`, params };
}

/** The filters of a list of projects (alias p), as the projects list and the dashboard take them; absent ones are skipped. */
export function projectFilters(q: Partial<Omit<ListProjectsQueryDto, 'page' | 'pageSize'>>): Array<Where | false> {
  return [
    q.planId !== undefined && { sql: 'p.plan_id = :planId', params: { planId: q.planId } },
    q.kind !== undefined && { sql: 'p.kind = :kind', params: { kind: q.kind } },
    q.status !== undefined && { sql: 'p.status = :status', params: { status: q.status } },
    q.q !== undefined && { sql: 'p.name ILIKE :text', params: { text: likeText(q.q) } },
    q.category !== undefined && { sql: 'p.category = :category', params: { category: q.category } },
    q.workType !== undefined && { sql: 'p.work_type = :workType', params: { workType: q.workType } },
    // CAST, not `::text[]`: the query builder would read `:text` in it as the name filter's parameter.
    q.tag !== undefined && { sql: 'p.tags @> CAST(ARRAY[:tag] AS text[])', params: { tag: q.tag } },
    q.unitId !== undefined && { sql: `p.lead_unit_path LIKE (SELECT path FROM units WHERE id = :unitId) || '%'`, params: { unitId: q.unitId } },
  ];
}

/** Reads of the project read model. */
@Injectable()
export class ProjectsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * A new project's first deadline plan, as the workflow would ask for it (open milestones, the first repeats), so the
   * workflow starts planned; undefined where planning refuses the input, for the workflow to refuse it as before.
   */
  async firstPlans(spec: ProjectSpec): Promise<{ input: PlanDeadlinesInput; result: PlanDeadlinesResult } | undefined> {
    const open = spec.milestones.filter((m) => !m.reachedOn);
    if (open.length === 0) return undefined;
    const input: PlanDeadlinesInput = { policy: spec.policy, milestones: open.map((m) => ({ id: m.id, dueAt: m.dueAt })), repeatCount: REPEATS_PER_PLAN };
    try {
      return { input, result: await planMilestones(this.ds, input) };
    } catch (err) {
      if (err instanceof ApplicationFailure) return undefined;
      throw err;
    }
  }

  /** Writes a change the project workflow answered before writing (the same versioned upsert as its own activity). */
  writeProjection(projection: ProjectionInput): Promise<void> {
    return writeProjection(this.ds, projection);
  }

  /** The projects within scope (a condition on p) matching the query's filters, soonest deadline first. */
  list(scope: Where, q: ListProjectsQueryDto): Promise<Page<ProjectView>> {
    const qb = this.ds.createQueryBuilder().select('p.*').addSelect('u.name', 'lead_unit_name').from('projects', 'p').innerJoin('units', 'u', 'u.id = p.lead_unit_id');
    where(qb, [scope, ...projectFilters(q)]);
    qb.orderBy('p.next_deadline', 'ASC', 'NULLS LAST').addOrderBy('p.created_at').addOrderBy('p.id');
    return paged(qb, q, (r) => projectView(r));
  }

  async get(projectId: string): Promise<ProjectView | undefined> {
    const rows = await this.ds.query(
      `SELECT p.*, u.name AS lead_unit_name, o.display_name AS owner_name, ou.name AS owner_unit_name
         FROM projects p JOIN units u ON u.id = p.lead_unit_id
         LEFT JOIN users o ON o.id = p.owner_user_id LEFT JOIN units ou ON ou.id = o.unit_id
        WHERE p.id = $1`,
      [projectId],
    );
    if (!rows.length) return undefined;
    const milestones = await this.ds.query('SELECT * FROM milestones WHERE project_id = $1 ORDER BY sort_order, due_at', [projectId]);
    const delivered = (rows[0].quantities ?? []).length ? await this.deliveredQuantities(projectId) : {};
    const coUnits: Array<{ id: string; name: string }> = await this.ds.query(
      'SELECT u.id, u.name FROM project_co_units c JOIN units u ON u.id = c.unit_id WHERE c.project_id = $1 ORDER BY u.path', [projectId]);
    const progress = progressView(rows[0], delivered, new Date().toISOString());
    return { ...projectView(rows[0], milestones, progress.delivery), coUnits, ...progress };
  }

  async plan(planId: string): Promise<{ id: string; time_zone: string; policy: Record<string, unknown> | null; templates: ProjectTemplate[]; figures: FigureDef[] }> {
    const [plan] = await this.ds.query('SELECT id, time_zone, policy, templates, figures FROM plans WHERE id = $1', [planId]);
    return plan;
  }

  /** Category, work type, tags, stage template and quantity targets: set once the workflow has created the row. */
  async setClassification(projectId: string, c: Classification & { template?: string; quantities: QuantityTarget[] }): Promise<void> {
    await this.ds.query('UPDATE projects SET category = $2, work_type = $3, tags = $4, template = $5, quantities = $6 WHERE id = $1', [
      projectId, c.category ?? null, c.workType ?? null, c.tags, c.template ?? null, JSON.stringify(c.quantities),
    ]);
  }

  /** The co-units (配合单位) of a new project. */
  async setCoUnits(projectId: string, unitIds: string[]): Promise<void> {
    if (!unitIds.length) return;
    await this.ds.query(`INSERT INTO project_co_units (project_id, unit_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [projectId, unitIds]);
  }

  /** The latest accepted running total of each quantity figure, by figure. */
  async deliveredQuantities(projectId: string): Promise<Record<string, number>> {
    const rows: Array<{ figures: Record<string, unknown> }> = await this.ds.query(
      `SELECT figures FROM reports WHERE project_id = $1 AND state = 'accepted' AND figures ? 'quantities' ORDER BY reviewed_at, submitted_at`,
      [projectId],
    );
    return Object.assign({}, ...rows.map((r) => r.figures.quantities as Record<string, number>));
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

  /** The latest day a stage ordered before this milestone was reached: a later stage cannot have been reached earlier. */
  async reachedBefore(projectId: string, milestoneId: string): Promise<string | undefined> {
    const [row] = await this.ds.query(
      `SELECT max(m.reached_on) AS day FROM milestones m
        WHERE m.project_id = $1 AND m.state = 'accepted'
          AND m.sort_order < (SELECT sort_order FROM milestones WHERE project_id = $1 AND milestone_id = $2)`,
      [projectId, milestoneId],
    );
    return row?.day ?? undefined;
  }

  async quantityTargets(projectId: string): Promise<QuantityTarget[]> {
    const [p] = await this.ds.query('SELECT quantities FROM projects WHERE id = $1', [projectId]);
    return p?.quantities ?? [];
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

  async events(projectId: string, page: { page: number; pageSize: number }) {
    const qb = this.ds.createQueryBuilder().select(['seq', 'type', 'actor', 'at', 'data']).from('project_events', 'e').where('project_id = :projectId', { projectId }).orderBy('seq');
    const result = await paged(qb, page, (r: Record<string, any>) => r);
    const milestones: Array<{ milestone_id: string; name: string }> = await this.ds.query('SELECT milestone_id, name FROM milestones WHERE project_id = $1', [projectId]);
    const actorIds = [...new Set(result.items.map((r) => r.actor).filter((a: string) => /^[0-9a-f-]{36}$/i.test(a)))];
    const actors: Array<{ id: string; display_name: string }> = actorIds.length ? await this.ds.query('SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])', [actorIds]) : [];
    const names = { milestones: new Map(milestones.map((m) => [m.milestone_id, m.name])), actors: new Map(actors.map((a) => [a.id, a.display_name])) };
    return { ...result, items: result.items.map((r) => auditEventView(r, names)) };
  }
}
