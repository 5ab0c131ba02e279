import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, mergePolicy, validatePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { DomainValidationError } from '../../../../../libs/domain/src/errors';
import { PortfolioTarget, validatePortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import { FigureDef, ProjectTemplate, SeriesScope, seriesKey, validateNextNumber, validatePlanFigures, validateTemplate } from '../../../../../libs/domain/src/targets';
import { circularYear } from '../../../../../activities/circulars/circular.content';
import { Caller } from '../../common/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { AccessPolicy } from '../../policy/access.policy';
import { SetNextNumberDto, UpdatePlanDto } from './plans.dto';
import { PlanRow, PlansRepository } from './plans.repository';

/** A plan's own templates, figures and portfolio targets, checked together (targets may name the plan's stages and figures). */
export function validatePlanContent(input: { templates?: unknown[]; figures?: unknown[]; portfolioTargets?: unknown[] }): {
  templates: ProjectTemplate[];
  figures: FigureDef[];
  portfolioTargets: PortfolioTarget[];
} {
  const templates = (input.templates ?? []).map((t, i) => validateTemplate(t, `templates[${i}]`));
  const keys = new Set<string>();
  templates.forEach((t, i) => {
    if (keys.has(t.key)) throw new DomainValidationError(`templates[${i}].key`, `"${t.key}" is defined twice`, { code: 'field.duplicate', params: { key: t.key } });
    keys.add(t.key);
  });
  const figures = validatePlanFigures(input.figures ?? [], 'figures');
  const portfolioTargets = (input.portfolioTargets ?? []).map((t, i) => validatePortfolioTarget(t, `portfolioTargets[${i}]`, { templates, figures }));
  const ids = new Set<string>();
  portfolioTargets.forEach((t, i) => {
    if (ids.has(t.id)) throw new DomainValidationError(`portfolioTargets[${i}].id`, `"${t.id}" is used twice`, { code: 'field.duplicate', params: { key: t.id } });
    ids.add(t.id);
  });
  return { templates, figures, portfolioTargets };
}

/** Coordinators receive the plan's notices: each must be an existing coordinator account (`users`: the rows found for `ids`). */
export function checkCoordinators(ids: string[], users: Array<{ id: string; role: string }>): void {
  ids.forEach((uid, i) => {
    const user = users.find((r) => r.id === uid);
    if (!user) throw new NotFoundError(`No user ${uid}`, `coordinatorIds[${i}]`);
    if (user.role !== 'coordinator') throw new InvalidInputError(`coordinatorIds[${i}]: ${uid} is not a coordinator`, [{ field: `coordinatorIds[${i}]`, message: 'not a coordinator', code: 'field.not-coordinator' }]);
  });
}

const COLUMNS: Record<string, string> = {
  name: 'name', coordinatorIds: 'coordinator_ids', portfolioTargets: 'portfolio_targets', policy: 'policy', templates: 'templates', figures: 'figures', circularSeries: 'series_scope',
};

/** Editing a plan after creation, its audit trail, and its circular series. */
@Injectable()
export class PlanSettingsService {
  constructor(
    private readonly plans: PlansRepository,
    private readonly policy: AccessPolicy,
  ) {}

  private async plan(id: string, found?: Promise<PlanRow | undefined>): Promise<PlanRow> {
    const p = await (found ?? this.plans.get(id));
    if (!p) throw new NotFoundError(`No plan ${id}`, 'id');
    return p;
  }

  /**
   * Changes what is given; every change is one audit event with each field's value before and after. A new
   * policy applies to deadlines planned from now on (new projects and milestones); planned ones keep theirs.
   */
  async update(caller: Caller, id: string, dto: UpdatePlanDto) {
    await this.plan(id);
    await this.policy.coordinatePlan(caller, id);
    if (dto.coordinatorIds) await this.assertCoordinators(dto.coordinatorIds);
    return this.plans.transaction(async (tx) => {
      const p = await this.plan(id, tx.lockPlan(id));
      const content = validatePlanContent({
        templates: dto.templates ?? p.templates ?? undefined,
        figures: dto.figures ?? p.figures ?? undefined,
        portfolioTargets: dto.portfolioTargets ?? p.portfolio_targets ?? undefined,
      });
      const next: Record<string, unknown> = {};
      if (dto.name !== undefined) next.name = dto.name;
      if (dto.coordinatorIds !== undefined) next.coordinatorIds = [...new Set(dto.coordinatorIds)];
      if (dto.portfolioTargets !== undefined) next.portfolioTargets = content.portfolioTargets;
      if (dto.templates !== undefined) next.templates = content.templates;
      if (dto.figures !== undefined) next.figures = content.figures;
      if (dto.policy !== undefined) next.policy = mergePolicy(validatePolicy(Object.keys(p.policy ?? {}).length ? p.policy : DEFAULT_POLICY, 'plan.policy'), validatePolicyOverride(dto.policy, 'policy'));
      if (dto.circularSeries !== undefined) next.circularSeries = dto.circularSeries;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(next)) {
        const before = p[COLUMNS[field]];
        if (JSON.stringify(before) !== JSON.stringify(value)) changes[field] = { from: before, to: value };
      }
      if (Object.keys(changes).length === 0) return { changed: [] as string[] };
      const columns = Object.fromEntries(
        Object.entries(changes).map(([field, { to }]) => [COLUMNS[field], field === 'name' || field === 'coordinatorIds' || field === 'circularSeries' ? to : JSON.stringify(to)]),
      );
      await tx.updatePlan(id, columns);
      await tx.addEvent(id, { type: 'plan.updated', actor: caller.userId, data: { changes } });
      return { changed: Object.keys(changes) };
    });
  }

  private async assertCoordinators(ids: string[]) {
    checkCoordinators(ids, await this.plans.usersByIds(ids));
    if (ids.length === 0) throw new InvalidInputError('coordinatorIds: a plan needs at least one coordinator', [{ field: 'coordinatorIds', message: 'must not be empty', code: 'field.min-items', params: { least: 1 } }]);
  }

  async events(id: string) {
    await this.plan(id);
    const rows = await this.plans.events(id);
    return { items: rows.map((r) => ({ seq: Number(r.id), type: r.type, actor: r.actor, at: new Date(r.at).toISOString(), data: r.data })) };
  }

  private seriesOf(p: Record<string, any>, year?: number) {
    const y = year ?? circularYear(new Date().toISOString(), p.time_zone);
    return { key: seriesKey(p.series_scope, { planId: p.id, issuingUnitId: p.owner_unit_id, year: y }), year: y };
  }

  private seriesView(p: Record<string, any>, key: string, year: number, row?: Record<string, any>) {
    const lastIssued = row?.last_number ?? undefined;
    return {
      scope: p.series_scope as SeriesScope, key, year,
      ...(row?.starts_at != null ? { startsAt: row.starts_at } : {}),
      ...(lastIssued != null ? { lastIssued } : {}),
      nextNumber: lastIssued != null ? lastIssued + 1 : (row?.starts_at ?? 1),
    };
  }

  async series(id: string, year?: number) {
    const p = await this.plan(id);
    const { key, year: y } = this.seriesOf(p, year);
    return this.seriesView(p, key, y, await this.plans.series(key));
  }

  /** Sets the next number of the plan's current series once, before it issued any; in the plan's audit trail. */
  async setNextNumber(caller: Caller, id: string, dto: SetNextNumberDto) {
    await this.plan(id);
    await this.policy.coordinatePlan(caller, id);
    return this.plans.transaction(async (tx) => {
      const p = await this.plan(id, tx.lockPlan(id));
      const { key, year } = this.seriesOf(p, dto.year);
      const row = await tx.lockSeries(key);
      try {
        validateNextNumber(dto.nextNumber, { lastIssued: row.last_number ?? undefined, startsAt: row.starts_at ?? undefined });
      } catch (e) {
        if (e instanceof DomainValidationError && (row.last_number != null || row.starts_at != null)) throw new ConflictError(e.message, 'nextNumber', { code: e.code, params: e.params });
        throw e;
      }
      const updated = await tx.continueSeries(key, dto.nextNumber, caller.userId);
      await tx.addEvent(id, { type: 'plan.series-continued', actor: caller.userId, data: { series: key, nextNumber: dto.nextNumber } });
      return this.seriesView(p, key, year, updated);
    });
  }
}

