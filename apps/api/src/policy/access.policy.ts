import { Injectable } from '@nestjs/common';
import type { CircularContent } from '../../../../activities/circulars/circular.content';
import type { Caller } from '../common/auth';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { EVERYTHING, Where } from '../common/query';
import { AccessRepository, ProjectScopeRow } from './access.repository';
import { Rule, RULES } from './access.rules';

/** A row that belongs to a unit of the tree, by the unit's materialised path. */
type InUnit = { unit_path?: string; lead_unit_path?: string };

const COORDINATION = ['coordinator', 'admin'];

/**
 * The one answer to "may this caller do this to these ids": owners their unit's subtree, coordinators the plans
 * they coordinate, leaders read-only, admins the accounts. Out of scope answers 404, as for ids that do not
 * exist, so that existence does not leak; a wrong role answers 403. Every use-case asks here; each request
 * records that it did, and a route whose rule needs a decision and got none is a defect (see PolicyInterceptor).
 */
@Injectable()
export class AccessPolicy {
  private readonly decided = new WeakSet<Caller>();

  constructor(private readonly access: AccessRepository) {}

  /** Whether a decision about ids was taken for this request's caller. */
  wasDecided(caller: Caller): boolean {
    return this.decided.has(caller);
  }

  private decide<T>(caller: Caller, answer: T): T {
    this.decided.add(caller);
    return answer;
  }

  /** The route's rule: the caller's role must be one it names; rules that depend on no ids are decided here. */
  allowRoute(caller: Caller, rule: Rule): void {
    const roles = RULES[rule].roles as readonly string[] | undefined;
    if (roles && !roles.includes(caller.role)) throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    if (!RULES[rule].scoped) this.decide(caller, true);
  }

  /** Whether the caller's scope covers a unit (by path): owners their subtree, every other role everything. */
  private covers(caller: Caller, unitPath: string | undefined): boolean {
    return caller.role !== 'owner' || (!!caller.unitPath && !!unitPath && unitPath.startsWith(caller.unitPath));
  }

  private subtree(caller: Caller, column: string): Where {
    return caller.role === 'owner' ? { sql: `${column} LIKE :scopePath`, params: { scopePath: `${caller.unitPath ?? '\u0000'}%` } } : EVERYTHING;
  }

  // Projects and what hangs off them: reports, extension requests, events, dashboard figures, round entries.

  /** The projects the caller may read, as a condition on the projects table aliased p. */
  projects(caller: Caller): Where {
    const own = this.subtree(caller, 'p.lead_unit_path');
    if (caller.role !== 'owner') return this.decide(caller, own);
    // Co-units (配合单位) see the projects they share in as well.
    const shared = `EXISTS (SELECT 1 FROM project_co_units pcu JOIN units pcuu ON pcuu.id = pcu.unit_id WHERE pcu.project_id = p.id AND pcuu.path LIKE :scopePath)`;
    return this.decide(caller, { sql: `(${own.sql} OR ${shared})`, params: own.params });
  }

  /** A row of a project's (report, extension request) with its lead unit path: the row, or 404 out of scope. */
  readOwned<T extends InUnit>(caller: Caller, row: T | undefined, notFound: NotFoundError): T {
    if (!row || !this.covers(caller, row.lead_unit_path ?? row.unit_path)) throw notFound;
    return this.decide(caller, row);
  }

  /** The project as the caller may see it; 404 when out of scope. */
  async readProject(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const p = await this.access.project(projectId);
    const notFound = new NotFoundError(`No project ${projectId}`, 'projectId');
    if (p && !this.covers(caller, p.lead_unit_path) && p.co_unit_paths.some((path) => this.covers(caller, path))) return this.decide(caller, p);
    return this.readOwned(caller, p, notFound);
  }

  /** Owners of the lead unit's subtree report and ask for extensions; a co-unit sees the project but does not report. */
  async reportOn(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const p = await this.readProject(caller, projectId);
    if (caller.role !== 'owner') throw new ForbiddenError('Only the project owner unit reports and asks for extensions');
    if (!this.covers(caller, p.lead_unit_path)) throw new ForbiddenError('Only the lead unit reports on this project; a co-unit sees it');
    return p;
  }

  /** Coordinators decide (review, extensions, close, amend) on projects of the plans they coordinate. */
  async coordinateProject(caller: Caller, projectId: string): Promise<ProjectScopeRow> {
    const p = await this.readProject(caller, projectId);
    await this.coordinatePlan(caller, p.plan_id);
    return p;
  }

  /** Only a coordinator of the plan changes what it holds; 404 for a plan that does not exist. */
  async coordinatePlan(caller: Caller, planId: string): Promise<void> {
    if (!(await this.access.planExists(planId))) throw new NotFoundError(`No plan ${planId}`, 'planId');
    if (caller.role !== 'coordinator' || !(await this.access.coordinates(caller.userId, planId))) throw new ForbiddenError('Only a coordinator of this plan may do this');
    this.decide(caller, true);
  }

  // Rectification items: the unit that must rectify answers, the plan's coordinators raise and verify.

  /** The items the caller may read, as a condition on the rectifications table aliased r. */
  rectifications(caller: Caller): Where {
    return this.decide(caller, this.subtree(caller, 'r.unit_path'));
  }

  /** The item's owners answer it (the role is the route's rule); 404 when out of scope. */
  answerRectification<T extends InUnit>(caller: Caller, row: T | undefined, notFound: NotFoundError): T {
    const r = this.readOwned(caller, row, notFound);
    if (caller.role !== 'owner') throw new ForbiddenError('Only an owner of the unit answers a rectification item');
    return r;
  }

  // Circulars, rounds, deliveries.

  /**
   * The circulars the caller may list, as a condition on the circulars table (no alias): every plan's for the
   * office, leaders and admins; for an owner, those of plans where its unit subtree leads a project.
   */
  circulars(caller: Caller): Where {
    if (caller.role !== 'owner') return this.decide(caller, EVERYTHING);
    return this.decide(caller, { sql: 'plan_id IN (SELECT DISTINCT plan_id FROM projects WHERE lead_unit_path LIKE :scopePath)', params: { scopePath: `${caller.unitPath ?? '\u0000'}%` } });
  }

  /** Whether the caller follows a plan's circulars, rounds and schedule: everyone but owners of units without a project in it. */
  async followsPlan(caller: Caller, planId: string): Promise<boolean> {
    return caller.role !== 'owner' || (!!caller.unitPath && (await this.access.planHasProjectUnder(planId, caller.unitPath)));
  }

  /** 404 for an owner whose unit has no project in the plan (its rounds, schedule and circulars are not its business). */
  async followPlan(caller: Caller, planId: string, notFound: NotFoundError): Promise<void> {
    if (!(await this.followsPlan(caller, planId))) throw notFound;
    this.decide(caller, true);
  }

  /**
   * What of one circular the caller may see (404 when nothing): coordinators (of any plan), leaders and admins
   * the whole; a unit of the plan the ranking and the round's totals, and of the red/yellow projects, missing
   * reports and rectification items only the rows about its own subtree; any other unit nothing (404).
   */
  async circularView<C extends { plan_id: string; content: CircularContent }>(caller: Caller, circular: C | undefined, notFound: NotFoundError): Promise<C> {
    if (!circular || !(await this.followsPlan(caller, circular.plan_id))) throw notFound;
    if (caller.role !== 'owner') return this.decide(caller, circular);
    const c = circular.content;
    const own = await this.access.ownedUnder(
      [...new Set([...c.redYellow, ...c.missingReports].map((r) => r.projectId))],
      c.rectifications.map((r) => r.id),
      caller.unitPath ?? '\u0000',
    );
    const content: CircularContent = {
      ...c,
      redYellow: c.redYellow.filter((r) => own.has(r.projectId)),
      missingReports: c.missingReports.filter((r) => own.has(r.projectId)),
      rectifications: c.rectifications.filter((r) => own.has(r.id)),
    };
    return this.decide(caller, { ...circular, content });
  }

  /** A round's project entries the caller may see: the projects in scope (condition on projects p). */
  roundProjects(caller: Caller): Where {
    return this.projects(caller);
  }

  /** The deliveries the caller may list: coordinators and admins every one, others their own (table unaliased). */
  deliveries(caller: Caller): Where {
    return this.decide(caller, COORDINATION.includes(caller.role) ? EVERYTHING : { sql: 'recipient_user_id = :caller', params: { caller: caller.userId } });
  }

  /** The deliveries of one notification: its recipient, coordinators and admins; 404 for anyone else. */
  notificationDeliveries<T extends { recipient_user_id: string }>(caller: Caller, notification: T | undefined, notFound: NotFoundError): T {
    if (!notification || (notification.recipient_user_id !== caller.userId && !COORDINATION.includes(caller.role))) throw notFound;
    return this.decide(caller, notification);
  }
}
