import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_POLICY, mergePolicy, validatePolicy, validatePolicyOverride } from '../../../../../libs/domain/src/deadline';
import { DomainValidationError } from '../../../../../libs/domain/src/errors';
import { PortfolioTarget, validatePortfolioTarget } from '../../../../../libs/domain/src/portfolio';
import { FigureDef, ProjectTemplate, SeriesScope, seriesKey, validateNextNumber, validatePlanFigures, validateTemplate } from '../../../../../libs/domain/src/targets';
import { circularYear } from '../../../../../activities/circulars/circular.content';
import { Caller } from '../../common/auth';
import { ConflictError, InvalidInputError, NotFoundError } from '../../common/errors';
import { AccessPolicy } from '../../policy/access.policy';
import { SetNextNumberDto, UpdatePlanDto } from './plans.dto';

/** A plan's own templates, figures and portfolio targets, checked together (targets may name the plan's stages and figures). */
export function validatePlanContent(input: { templates?: unknown[]; figures?: unknown[]; portfolioTargets?: unknown[] }): {
  templates: ProjectTemplate[];
  figures: FigureDef[];
  portfolioTargets: PortfolioTarget[];
} {
  const templates = (input.templates ?? []).map((t, i) => validateTemplate(t, `templates[${i}]`));
  const keys = new Set<string>();
  templates.forEach((t, i) => {
    if (keys.has(t.key)) throw new DomainValidationError(`templates[${i}].key`, `"${t.key}" is defined twice`);
    keys.add(t.key);
  });
  const figures = validatePlanFigures(input.figures ?? [], 'figures');
  const portfolioTargets = (input.portfolioTargets ?? []).map((t, i) => validatePortfolioTarget(t, `portfolioTargets[${i}]`, { templates, figures }));
  const ids = new Set<string>();
  portfolioTargets.forEach((t, i) => {
    if (ids.has(t.id)) throw new DomainValidationError(`portfolioTargets[${i}].id`, `"${t.id}" is used twice`);
    ids.add(t.id);
  });
  return { templates, figures, portfolioTargets };
}

const COLUMNS: Record<string, string> = {
  name: 'name', coordinatorIds: 'coordinator_ids', portfolioTargets: 'portfolio_targets', policy: 'policy', templates: 'templates', figures: 'figures', circularSeries: 'series_scope',
};

/** Editing a plan after creation, its audit trail, and its circular series. */
@Injectable()
export class PlanSettingsService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  private async plan(id: string, m: EntityManager | DataSource = this.ds, lock = false) {
    const [p] = await m.query(`SELECT * FROM plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
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
    return this.ds.transaction(async (tx) => {
      const p = await this.plan(id, tx, true);
      const content = validatePlanContent({
        templates: dto.templates ?? p.templates,
        figures: dto.figures ?? p.figures,
        portfolioTargets: dto.portfolioTargets ?? p.portfolio_targets,
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
      const sets = Object.keys(changes).map((field, i) => `${COLUMNS[field]} = $${i + 2}`);
      const values = Object.keys(changes).map((field) => {
        const v = changes[field].to;
        return field === 'name' || field === 'coordinatorIds' || field === 'circularSeries' ? v : JSON.stringify(v);
      });
      await tx.query(`UPDATE plans SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [id, ...values]);
      await tx.query(`INSERT INTO plan_events (plan_id, type, actor, data) VALUES ($1, 'plan.updated', $2, $3)`, [id, caller.userId, JSON.stringify({ changes })]);
      return { changed: Object.keys(changes) };
    });
  }

  private async assertCoordinators(ids: string[]) {
    const rows: Array<{ id: string; role: string }> = ids.length ? await this.ds.query('SELECT id, role FROM users WHERE id = ANY($1)', [ids]) : [];
    ids.forEach((uid, i) => {
      const user = rows.find((r) => r.id === uid);
      if (!user) throw new NotFoundError(`No user ${uid}`, `coordinatorIds[${i}]`);
      if (user.role !== 'coordinator') throw new InvalidInputError(`coordinatorIds[${i}]: ${uid} is not a coordinator`, [{ field: `coordinatorIds[${i}]`, message: 'not a coordinator' }]);
    });
    if (ids.length === 0) throw new InvalidInputError('coordinatorIds: a plan needs at least one coordinator', [{ field: 'coordinatorIds', message: 'must not be empty' }]);
  }

  async events(id: string) {
    await this.plan(id);
    const rows = await this.ds.query('SELECT id, type, actor, at, data FROM plan_events WHERE plan_id = $1 ORDER BY id', [id]);
    return { items: rows.map((r: Record<string, any>) => ({ seq: Number(r.id), type: r.type, actor: r.actor, at: new Date(r.at).toISOString(), data: r.data })) };
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
    const [row] = await this.ds.query('SELECT * FROM circular_series WHERE key = $1', [key]);
    return this.seriesView(p, key, y, row);
  }

  /** Sets the next number of the plan's current series once, before it issued any; in the plan's audit trail. */
  async setNextNumber(caller: Caller, id: string, dto: SetNextNumberDto) {
    await this.plan(id);
    await this.policy.coordinatePlan(caller, id);
    return this.ds.transaction(async (tx) => {
      const p = await this.plan(id, tx, true);
      const { key, year } = this.seriesOf(p, dto.year);
      await tx.query('INSERT INTO circular_series (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
      const [row] = await tx.query('SELECT * FROM circular_series WHERE key = $1 FOR UPDATE', [key]);
      try {
        validateNextNumber(dto.nextNumber, { lastIssued: row.last_number ?? undefined, startsAt: row.starts_at ?? undefined });
      } catch (e) {
        if (e instanceof DomainValidationError && (row.last_number != null || row.starts_at != null)) throw new ConflictError(e.message, 'nextNumber');
        throw e;
      }
      await tx.query('UPDATE circular_series SET starts_at = $2, set_by = $3, set_at = now() WHERE key = $1', [key, dto.nextNumber, caller.userId]);
      const [updated] = await tx.query('SELECT * FROM circular_series WHERE key = $1', [key]);
      await tx.query(`INSERT INTO plan_events (plan_id, type, actor, data) VALUES ($1, 'plan.series-continued', $2, $3)`, [id, caller.userId, JSON.stringify({ series: key, nextNumber: dto.nextNumber })]);
      return this.seriesView(p, key, year, updated);
    });
  }
}

