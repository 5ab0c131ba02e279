import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, DeadlinePolicy, validatePolicy } from '../../../../../libs/domain/src/deadline';
import { Caller } from '../../common/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { RectificationGateway } from '../../temporal/rectification.gateway';
import { ProjectsRepository } from '../projects/projects.repository';
import { endOfDay } from '../projects/projects.service';
import { AnswerRectificationDto, CreateRectificationDto, ListRectificationsQueryDto, VerifyRectificationDto } from './rectifications.dto';
import { RectificationsRepository } from './rectifications.repository';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
export function rectificationView(r: Record<string, any>) {
  return {
    id: r.id, planId: r.plan_id, unitId: r.unit_id, unitName: r.unit_name, projectId: r.project_id, title: r.title, description: r.description,
    source: r.source, sourceRef: r.source_ref, dueAt: iso(r.due_at), state: r.state, overdue: r.overdue, escalationLevel: r.escalation_level,
    nextEvent: r.next_event, raisedBy: r.raised_by, raisedAt: iso(r.raised_at), signedOffBy: r.signed_off_by, signedOffAt: iso(r.signed_off_at),
    history: Array.isArray(r.history) ? r.history.map((h: Record<string, unknown>) => historyEntryView(h, r.actor_names ?? {})) : r.history, workflowId: r.workflow_id, version: Number(r.version), updatedAt: iso(r.updated_at),
  };
}

/** A step of an item's history with its text as data (`audit.rectification.<type>`), rendered in the reader's language. */
function historyEntryView(h: Record<string, unknown>, actorNames: Record<string, string>) {
  const params: Record<string, string | number> = { actor: typeof h.actor === 'string' ? (actorNames[h.actor] ?? (h.actor === 'system' ? '' : h.actor)) : '' };
  if (typeof h.level === 'number') params.level = h.level;
  params.comment = typeof h.comment === 'string' && h.comment.trim() ? h.comment : 'none';
  return { ...h, code: `audit.rectification.${String(h.type)}`, params };
}

/** Rectification items (整改): raised and verified by coordinators, answered by the unit's owners, each a workflow. */
@Injectable()
export class RectificationsService {
  constructor(
    private readonly repo: RectificationsRepository,
    private readonly projects: ProjectsRepository,
    private readonly policy: AccessPolicy,
    private readonly gateway: RectificationGateway,
    private readonly idempotency: IdempotencyService,
  ) {}

  private row(id: string) {
    return this.repo.get(id);
  }

  async get(caller: Caller, id: string) {
    return rectificationView(this.policy.readOwned(caller, await this.row(id), new NotFoundError(`No rectification item ${id}`, 'id')));
  }

  async create(caller: Caller, dto: CreateRectificationDto, idem: Idempotent) {
    await this.policy.coordinatePlan(caller, dto.planId);
    const plan = await this.repo.plan(dto.planId);
    if (!(await this.repo.unitExists(dto.unitId))) throw new NotFoundError(`No unit ${dto.unitId}`, 'unitId');
    let policy: DeadlinePolicy = validatePolicy(Object.keys(plan.policy ?? {}).length ? plan.policy : DEFAULT_POLICY, 'plan.policy');
    if (dto.projectId) {
      const p = await this.projects.planAndPolicy(dto.projectId);
      if (!p || p.plan_id !== dto.planId) throw new NotFoundError(`No project ${dto.projectId} in plan ${dto.planId}`, 'projectId');
      if (Object.keys(p.policy ?? {}).length) policy = validatePolicy(p.policy, 'project.policy');
    }
    if ((dto.dueAt === undefined) === (dto.dueDate === undefined)) {
      throw new InvalidInputError('Give either dueAt or dueDate', [{ field: dto.dueAt ? 'dueDate' : 'dueAt', message: 'exactly one of dueAt and dueDate', code: 'field.exactly-one-of', params: { options: 'dueAt, dueDate' } }]);
    }
    const dueAt = new Date(Date.parse(dto.dueAt ?? endOfDay(dto.dueDate!, plan.time_zone))).toISOString();
    if (Date.parse(dueAt) <= Date.now()) throw new InvalidInputError(`${dto.dueAt ? 'dueAt' : 'dueDate'}: must be in the future`, [{ field: dto.dueAt ? 'dueAt' : 'dueDate', message: 'in the past', code: 'field.not-future' }]);
    return this.idempotency.run(idem, dto, 201, async (id) => {
      await this.gateway.start({
        rectificationId: id, planId: dto.planId, unitId: dto.unitId, projectId: dto.projectId, title: dto.title, description: dto.description,
        dueAt, source: dto.source, sourceRef: dto.sourceRef, raisedBy: caller.userId, policy,
      });
      return this.get(caller, id);
    });
  }

  async answer(caller: Caller, id: string, dto: AnswerRectificationDto, idem: Idempotent) {
    const r = this.policy.answerRectification(caller, await this.row(id), new NotFoundError(`No rectification item ${id}`, 'id'));
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      if (r.state === 'signed_off') throw new ConflictError('The rectification item is already signed off');
      await this.gateway.answer(id, { requestId, actorId: caller.userId, narrative: dto.narrative, evidence: dto.evidence ?? [] });
      return this.get(caller, id);
    });
  }

  async verify(caller: Caller, id: string, dto: VerifyRectificationDto, idem: Idempotent) {
    const r = await this.row(id);
    if (!r) throw new NotFoundError(`No rectification item ${id}`, 'id');
    await this.policy.coordinatePlan(caller, r.plan_id);
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      if (r.state === 'signed_off') throw new ConflictError('The rectification item is already signed off');
      await this.gateway.verify(id, { requestId, actorId: caller.userId, decision: dto.decision, comment: dto.comment });
      return this.get(caller, id);
    });
  }

  async list(caller: Caller, q: ListRectificationsQueryDto) {
    return this.repo.page(this.policy.rectifications(caller), q, rectificationView);
  }
}
