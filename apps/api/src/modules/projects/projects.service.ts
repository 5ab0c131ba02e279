import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { MilestoneSpec, ProjectSpec } from '../../../../../libs/contracts/src/project';
import { DEFAULT_POLICY, mergePolicy, validatePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { ProjectKind, schoolMilestonesFromOpening, validateTargets } from '../../../../../libs/domain/src/kinds';
import { figureCatalogue, findTemplate, templateMilestones, validateClassification, validatePastStages, validateQuantityTargets } from '../../../../../libs/domain/src/targets';
import { Caller } from '../../common/auth';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { PageQueryDto } from '../../common/dto';
import { AccessPolicy } from '../../policy/access.policy';
import { ProjectGateway } from '../../temporal/project.gateway';
import { AmendMilestonesDto, CloseProjectDto, CreateProjectDto, ListProjectsQueryDto, MilestoneInputDto } from './projects.dto';
import { ProjectsRepository, ProjectView } from './projects.repository';

/** A day's deadline is the end of that day in the plan's time zone. */
export function endOfDay(day: string, zone: string): string {
  return DateTime.fromISO(day, { zone }).set({ hour: 23, minute: 59, second: 59, millisecond: 0 }).toISO({ suppressMilliseconds: true })!;
}

function milestoneSpecs(inputs: MilestoneInputDto[], zone: string, startDate: string, field = 'milestones'): MilestoneSpec[] {
  const ids = new Set<string>();
  const start = DateTime.fromISO(startDate, { zone }).toMillis();
  return inputs.map((m, i) => {
    const dueAt = m.dueAt ?? (m.dueDate ? endOfDay(m.dueDate, zone) : undefined);
    if (!dueAt) throw new InvalidInputError(`${field}[${i}]: dueDate or dueAt is required`, [{ field: `${field}[${i}].dueDate`, message: 'dueDate or dueAt is required', code: 'field.one-required', params: { options: 'dueDate, dueAt' } }]);
    if (Date.parse(dueAt) < start) {
      const at = `${field}[${i}].${m.dueAt ? 'dueAt' : 'dueDate'}`;
      throw new InvalidInputError(`${at}: must not be before the project starts on ${startDate}`, [{ field: at, message: `before startDate ${startDate}`, code: 'field.before-project-start', params: { start: startDate } }]);
    }
    const id = m.id ?? `m${i + 1}`;
    if (ids.has(id)) throw new InvalidInputError(`${field}[${i}].id: "${id}" is used twice`, [{ field: `${field}[${i}].id`, message: 'duplicate id', code: 'field.duplicate', params: { key: id } }]);
    ids.add(id);
    return { id, name: m.name, dueAt: new Date(Date.parse(dueAt)).toISOString(), weight: m.weight ?? 1, order: i };
  });
}

/**
 * A project brought in under way: the stages before `currentStage` are recorded reached on their real days. Each such
 * stage's deadline becomes the end of that day, so it counts as done on time, with no reminder or escalation.
 */
function underWay(milestones: MilestoneSpec[], dto: CreateProjectDto, zone: string): MilestoneSpec[] {
  const reached = validatePastStages([...milestones].sort((a, b) => a.order - b.order), dto.currentStage, dto.pastStages, new Date().toISOString(), zone);
  return milestones.map((m) => (reached[m.id] ? { ...m, reachedOn: reached[m.id], dueAt: new Date(Date.parse(endOfDay(reached[m.id], zone))).toISOString() } : m));
}

/** A project checked and ready to start. */
export interface PreparedProject {
  dto: CreateProjectDto;
  kind: ProjectKind;
  targets: Record<string, unknown>;
  policy: ProjectSpec['policy'];
  milestones: MilestoneSpec[];
  classification: ReturnType<typeof validateClassification>;
  quantities: ReturnType<typeof validateQuantityTargets>;
  template?: string;
}

/** Creating, closing and amending projects: every write goes through the project's workflow. */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly policy: AccessPolicy,
    private readonly gateway: ProjectGateway,
    private readonly projects: ProjectsRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  list(caller: Caller, q: ListProjectsQueryDto) {
    return this.projects.list(this.policy.projects(caller), q);
  }

  async get(caller: Caller, projectId: string): Promise<ProjectView> {
    await this.policy.readProject(caller, projectId);
    return (await this.projects.get(projectId))!;
  }

  async events(caller: Caller, projectId: string, page: PageQueryDto) {
    await this.policy.readProject(caller, projectId);
    return this.projects.events(projectId, page);
  }

  async create(caller: Caller, dto: CreateProjectDto, idem: Idempotent): Promise<ProjectView> {
    await this.policy.coordinatePlan(caller, dto.planId);
    const prepared = await this.prepare(dto);
    return this.idempotency.run(idem, dto, 201, (projectId) => this.start(caller, projectId, prepared));
  }

  /**
   * Everything one-by-one creation checks before a workflow starts: the lead unit and its owner, the kind's targets,
   * the deadline policy, the classification, the quantities and the milestones. Throws naming the field at fault.
   * Imports check each row with it at preview, and create through `create`.
   */
  async prepare(dto: CreateProjectDto): Promise<PreparedProject> {
    const plan = await this.projects.plan(dto.planId);
    const unit = await this.projects.unit(dto.leadUnitId);
    if (!unit) throw new NotFoundError(`No unit ${dto.leadUnitId}`, 'leadUnitId');
    const owner = await this.projects.userWithUnitPath(dto.ownerUserId);
    if (!owner) throw new NotFoundError(`No user ${dto.ownerUserId}`, 'ownerUserId');
    if (owner.role !== 'owner' || !owner.path?.startsWith(unit.path)) {
      throw new InvalidInputError('ownerUserId: must be an owner account of the lead unit or a unit below it', [{ field: 'ownerUserId', message: 'not an owner of the lead unit', code: 'field.not-lead-unit-owner' }]);
    }
    for (const [i, id] of (dto.coUnitIds ?? []).entries()) {
      if (id === dto.leadUnitId) throw new InvalidInputError(`coUnitIds[${i}]: the lead unit cannot also be a co-unit`, [{ field: `coUnitIds[${i}]`, message: 'is the lead unit', code: 'field.co-unit-is-lead' }]);
      if (!(await this.projects.unit(id))) throw new NotFoundError(`No unit ${id}`, `coUnitIds[${i}]`);
    }
    if (dto.dueDate < dto.startDate) throw new InvalidInputError('dueDate: must not be before startDate', [{ field: 'dueDate', message: 'before startDate', code: 'field.not-before', params: { other: 'startDate', day: dto.startDate } }]);
    const kind = dto.kind as ProjectKind;
    const targets = validateTargets(kind, dto.targets ?? {}, 'targets') as Record<string, unknown>;
    const policy = mergePolicy(validatePolicy(Object.keys(plan.policy ?? {}).length ? plan.policy : DEFAULT_POLICY, 'plan.policy'), dto.policy ? validatePolicyOverride(dto.policy, 'policy') : undefined);
    const zone = policy.timeZone;
    const classification = validateClassification(dto);
    const quantities = validateQuantityTargets(dto.quantities ?? [], 'quantities', figureCatalogue(plan.figures ?? []));
    const template = dto.template === undefined ? undefined : findTemplate(dto.template, plan.templates ?? []);
    if (dto.template !== undefined && !template) {
      throw new InvalidInputError(`template: no template "${dto.template}" in this plan`, [{ field: 'template', message: 'unknown template', code: 'field.unknown-template', params: { key: dto.template } }]);
    }
    let milestones: MilestoneSpec[];
    if (dto.milestones?.length) {
      milestones = milestoneSpecs(dto.milestones, zone, dto.startDate);
    } else if (template) {
      const stages = templateMilestones(template, dto.dueDate, { startDate: dto.startDate, stageDates: dto.stageDates });
      milestones = stages.map((s) => ({ id: s.id, name: s.name, dueAt: new Date(Date.parse(endOfDay(s.dueDate, zone))).toISOString(), weight: s.weight, order: s.order }));
    } else if (kind === 'school_construction') {
      const stages = schoolMilestonesFromOpening(dto.dueDate, { startDate: dto.startDate, stageDates: dto.stageDates as never });
      milestones = stages.map((s) => ({ id: s.id, name: s.name, dueAt: new Date(Date.parse(endOfDay(s.dueDate, zone))).toISOString(), weight: s.weight, order: s.order }));
    } else {
      milestones = milestoneSpecs([{ id: 'completion', name: dto.name, dueDate: dto.dueDate }], zone, dto.startDate);
    }
    if (dto.currentStage !== undefined || dto.pastStages !== undefined) milestones = underWay(milestones, dto, zone);
    return { dto, kind, targets, policy, milestones, classification, quantities, template: template?.key ?? (kind === 'school_construction' && !dto.milestones?.length ? 'school' : undefined) };
  }

  private async start(caller: Caller, projectId: string, p: PreparedProject): Promise<ProjectView> {
    const { dto } = p;
    const spec: ProjectSpec = {
      projectId, planId: dto.planId, kind: p.kind, name: dto.name, leadUnitId: dto.leadUnitId, ownerUserId: dto.ownerUserId,
      responsibleHead: dto.responsibleHead, startDate: dto.startDate, dueDate: dto.dueDate, targets: p.targets, policy: p.policy, milestones: p.milestones,
      ...(p.quantities.length && { quantities: p.quantities }),
      createdBy: caller.userId,
    };
    // The workflow answers before its own first write of the read model has landed: written here first (same upsert).
    const { projection } = await this.gateway.start(spec, await this.projects.firstPlans(spec));
    if (projection) await this.projects.writeProjection(projection);
    await this.projects.setClassification(projectId, { ...p.classification, template: p.template, quantities: p.quantities });
    await this.projects.setCoUnits(projectId, [...new Set(dto.coUnitIds ?? [])]);
    return (await this.projects.get(projectId))!;
  }

  async close(caller: Caller, projectId: string, dto: CloseProjectDto, idem: Idempotent): Promise<ProjectView> {
    await this.policy.coordinateProject(caller, projectId);
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      await this.gateway.close(projectId, { requestId, actorId: caller.userId, reason: dto.reason });
      return (await this.projects.get(projectId))!;
    });
  }

  async amendMilestones(caller: Caller, projectId: string, dto: AmendMilestonesDto, idem: Idempotent): Promise<ProjectView> {
    await this.policy.coordinateProject(caller, projectId);
    // An amendment names each milestone it adds or changes; a position-made id could silently rename another.
    const missing = dto.milestones.findIndex((m) => !m.id);
    if (missing >= 0) throw new InvalidInputError(`milestones[${missing}].id: is required when amending`, [{ field: `milestones[${missing}].id`, message: 'is required when amending', code: 'field.required-when-amending' }]);
    const p = await this.projects.zoneAndStart(projectId);
    const milestones = milestoneSpecs(dto.milestones, p.zone ?? 'Asia/Shanghai', p.start_date);
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      await this.gateway.amendMilestones(projectId, { requestId, actorId: caller.userId, milestones });
      return (await this.projects.get(projectId))!;
    });
  }
}
