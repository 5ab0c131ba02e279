import { validateQuantityFigures, validateReachedOn } from '../../../../../libs/domain/src/targets';
import { Injectable } from '@nestjs/common';
import { validateFigures } from '../../../../../libs/domain/src/kinds';
import type { ProjectKind } from '../../../../../libs/domain/src/kinds';
import type { ProjectionInput } from '../../../../../libs/contracts/src/project';
import { Caller } from '../../common/auth';
import { InvalidInputError, NotFoundError } from '../../common/errors';
import { Idempotent, IdempotencyService } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { ProjectGateway } from '../../temporal/project.gateway';
import { ProjectsRepository } from '../projects/projects.repository';
import { DecideExtensionDto, RequestExtensionDto, ReviewReportDto, SubmitReportDto } from './reports.dto';
import { ReportsRepository } from './reports.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
export function reportView(r: Record<string, any>) {
  return {
    id: r.id, projectId: r.project_id, milestoneId: r.milestone_id, submittedBy: r.submitted_by, submittedAt: iso(r.submitted_at),
    figures: r.figures, narrative: r.narrative, evidence: r.evidence, state: r.state, reachedOn: r.reached_on ?? undefined, reviewedBy: r.reviewed_by,
    reviewedAt: iso(r.reviewed_at), reviewComment: r.review_comment,
  };
}
export function extensionView(x: Record<string, any>) {
  return {
    id: x.id, projectId: x.project_id, milestoneId: x.milestone_id, requestedBy: x.requested_by, requestedAt: iso(x.requested_at),
    newDueAt: iso(x.new_due_at), reason: x.reason, state: x.state, decidedBy: x.decided_by, decidedAt: iso(x.decided_at), decisionComment: x.decision_comment,
  };
}

/** Owners' reports and extension requests, coordinators' reviews and decisions: all through the project workflow. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly policy: AccessPolicy,
    private readonly gateway: ProjectGateway,
    private readonly projects: ProjectsRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * The workflow answers a change before its own write of the read model reaches the database: the change is written
   * here first, so the answer and the caller's next read show it (both writes are the same versioned upsert).
   */
  private async written<R extends { projection?: ProjectionInput }>(change: Promise<R>): Promise<R> {
    const result = await change;
    if (result.projection) await this.projects.writeProjection(result.projection);
    return result;
  }

  private async report(id: string) {
    const r = await this.repo.report(id);
    return r ? reportView(r) : undefined;
  }
  private async extension(id: string) {
    const x = await this.repo.extension(id);
    return x ? extensionView(x) : undefined;
  }

  async submit(caller: Caller, projectId: string, dto: SubmitReportDto, idem: Idempotent) {
    await this.policy.reportOn(caller, projectId);
    const kind = await this.projects.kind(projectId);
    const figures = dto.figures && Object.keys(dto.figures).length ? (validateFigures(kind as ProjectKind, dto.figures, 'figures') as Record<string, unknown>) : {};
    // Quantities are running totals of the project's own quantity targets, each in its target's unit.
    if (figures.quantities !== undefined) validateQuantityFigures(figures.quantities, await this.projects.quantityTargets(projectId), 'figures.quantities');
    const reachedOn = dto.reachedOn === undefined ? undefined : await this.reachedOn(projectId, dto);
    return this.idempotency.run(idem, dto, 201, async (requestId) => {
      const { report } = await this.written(this.gateway.submitReport(projectId, {
        requestId, actorId: caller.userId, milestoneId: dto.milestoneId, figures, narrative: dto.narrative, evidence: dto.evidence ?? [],
        ...(reachedOn && { reachedOn }),
      }));
      return { report: await this.report(report.id), project: await this.projects.get(projectId) };
    });
  }

  /** The day a report says its milestone was reached: only with a milestone, not after today in the plan's zone, not before the stage before it. */
  private async reachedOn(projectId: string, dto: SubmitReportDto): Promise<string> {
    if (dto.milestoneId === undefined) throw new InvalidInputError('reachedOn: only a report on a milestone says when it was reached', [{ field: 'reachedOn', message: 'needs milestoneId', code: 'field.reached-needs-milestone' }]);
    const { zone } = await this.projects.zoneAndStart(projectId);
    const notBefore = await this.projects.reachedBefore(projectId, dto.milestoneId);
    return validateReachedOn(dto.reachedOn, 'reachedOn', new Date().toISOString(), { zone: zone ?? undefined, notBefore });
  }

  async list(caller: Caller, projectId: string) {
    await this.policy.readProject(caller, projectId);
    const rows = await this.repo.reportsOf(projectId);
    return rows.map(reportView);
  }

  async get(caller: Caller, reportId: string) {
    return reportView(this.policy.readOwned(caller, await this.repo.report(reportId), new NotFoundError(`No report ${reportId}`, 'id')));
  }

  async listExtensions(caller: Caller, projectId: string) {
    await this.policy.readProject(caller, projectId);
    const rows = await this.repo.extensionsOf(projectId);
    return rows.map(extensionView);
  }

  async getExtension(caller: Caller, extensionId: string) {
    return extensionView(this.policy.readOwned(caller, await this.repo.extension(extensionId), new NotFoundError(`No extension request ${extensionId}`, 'id')));
  }

  async review(caller: Caller, reportId: string, dto: ReviewReportDto, idem: Idempotent) {
    const r = await this.repo.report(reportId);
    if (!r) throw new NotFoundError(`No report ${reportId}`, 'id');
    await this.policy.coordinateProject(caller, r.project_id);
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      await this.written(this.gateway.reviewReport(r.project_id, { requestId, actorId: caller.userId, reportId, decision: dto.decision, comment: dto.comment }));
      return { report: await this.report(reportId), project: await this.projects.get(r.project_id) };
    });
  }

  async requestExtension(caller: Caller, projectId: string, milestoneId: string, dto: RequestExtensionDto, idem: Idempotent) {
    await this.policy.reportOn(caller, projectId);
    return this.idempotency.run(idem, dto, 201, async (requestId) => {
      const { extension } = await this.written(this.gateway.requestExtension(projectId, { requestId, actorId: caller.userId, milestoneId, newDueAt: dto.newDueAt, reason: dto.reason }));
      return { extensionRequest: await this.extension(extension.id), project: await this.projects.get(projectId) };
    });
  }

  async decideExtension(caller: Caller, extensionId: string, dto: DecideExtensionDto, idem: Idempotent) {
    const x = await this.repo.extension(extensionId);
    if (!x) throw new NotFoundError(`No extension request ${extensionId}`, 'id');
    await this.policy.coordinateProject(caller, x.project_id);
    return this.idempotency.run(idem, dto, 200, async (requestId) => {
      await this.written(this.gateway.decideExtension(x.project_id, { requestId, actorId: caller.userId, extensionId, decision: dto.decision, comment: dto.comment }));
      return { extensionRequest: await this.extension(extensionId), project: await this.projects.get(x.project_id) };
    });
  }
}
