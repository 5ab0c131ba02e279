import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DomainValidationError } from '../../../../../libs/domain/src/errors';
import {
  COLUMN_TITLES, DraftProject, draftRows, findHeaderRow, HeaderOverride, IMPORT_COLUMNS, ImportColumn, isBlankRow, matchHeaders, RawRow, RowIssue,
} from '../../../../../libs/domain/src/imports';
import { Caller } from '../../common/auth';
import { AppError, InvalidInputError, NotFoundError } from '../../common/errors';
import { uuidFromName } from '../../common/idempotency';
import { AccessPolicy } from '../../policy/access.policy';
import { CreateProjectDto } from '../projects/projects.dto';
import { ProjectsService } from '../projects/projects.service';
import { ConfirmImportDto, ImportFormDto, RowCorrectionDto } from './imports.dto';
import { ImportRecord, ImportRowRecord, ImportsRepository } from './imports.repository';
import { readTable, TableFileError } from './table-files';

/** The most rows one table may hold. */
export const MAX_ROWS = 2000;
/** Rows created at once while confirming. */
const PARALLEL = 4;
/** Attempts per row when a dependency is slow or down. */
const RETRIES = 3;

export interface UploadedTable {
  originalname: string;
  buffer: Buffer;
}

/** A draft as the preview shows it: what the row would become, and whether the plan has it already. */
export type PreviewRow = DraftProject & { existingProjectId?: string; outcome?: string | null; projectId?: string | null; failure?: unknown };

/** The column a creation field belongs to, to say which cell to fix. */
function columnOfField(field: string): ImportColumn {
  if (/^(targets|quantities)/.test(field)) return 'target';
  if (/^(dueDate|startDate|milestones|stageDates)/.test(field)) return 'due';
  if (/^(leadUnitId|ownerUserId)/.test(field)) return 'lead';
  return 'task';
}

/**
 * Bringing a plan's task breakdown table in: read the file, show each row as the project it would become (nothing
 * created), then create the chosen rows through the same path as one-by-one creation, in the background, each row
 * once per plan however often it is confirmed or imported.
 */
@Injectable()
export class ImportsService {
  private readonly log = new Logger('imports');
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly policy: AccessPolicy,
    private readonly repo: ImportsRepository,
    private readonly projects: ProjectsService,
  ) {}

  async preview(caller: Caller, planId: string, file: UploadedTable | undefined, form: ImportFormDto) {
    await this.policy.coordinatePlan(caller, planId);
    if (!file || !file.buffer?.length) throw new InvalidInputError('file: attach the task table as the multipart field "file"', [{ field: 'file', message: 'is required', code: 'field.file-required' }]);
    const override = parseMapping(form.mapping);
    let table;
    try {
      table = await readTable(file.originalname ?? '', file.buffer, form.sheet);
    } catch (e) {
      if (e instanceof TableFileError) throw new InvalidInputError(`${e.field}: ${e.message}`, [{ field: e.field, message: e.message, code: e.code, params: e.params }]);
      throw e;
    }
    const headerAt = findHeaderRow(table.rows, override);
    const header = matchHeaders(headerAt >= 0 ? table.rows[headerAt] : (table.rows[0] ?? []), override);
    if (header.overrideErrors.length) {
      const details = header.overrideErrors.map((o) => ({ field: `mapping.${o.column}`, message: `the file has no column ${JSON.stringify(o.value)}`, code: 'field.no-such-column', params: { got: JSON.stringify(o.value) } }));
      throw new InvalidInputError(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
    }
    if (headerAt < 0 || header.missing.length) {
      const missing = headerAt < 0 ? ['task', 'lead', 'due'] as ImportColumn[] : header.missing;
      const details = missing.map((c) => ({ field: `mapping.${c}`, message: `no column headed ${COLUMN_TITLES[c]} or a variant was found; name it in mapping`, code: 'field.column-missing', params: { header: COLUMN_TITLES[c] } }));
      throw new InvalidInputError(`file: the table has no ${missing.map((c) => COLUMN_TITLES[c]).join('、')} column`, [{ field: 'file', message: 'required columns not found', code: 'field.columns-missing', params: { headers: missing.map((c) => COLUMN_TITLES[c]).join('、') } }, ...details]);
    }
    const raws: RawRow[] = [];
    for (const cells of table.rows.slice(headerAt + 1)) {
      // Word tables repeat their header on every page.
      if (Object.keys(matchHeaders(cells).columns).length >= 3 && matchHeaders(cells).columns.task !== undefined) continue;
      const raw = Object.fromEntries(Object.entries(header.columns).map(([c, i]) => [c, cellOf(cells[i as number])])) as RawRow;
      if (!isBlankRow(raw)) raws.push(raw);
    }
    if (!raws.length) throw new InvalidInputError('file: the table has no rows under its header', [{ field: 'file', message: 'no rows', code: 'field.no-rows' }]);
    if (raws.length > MAX_ROWS) throw new InvalidInputError(`file: at most ${MAX_ROWS} rows per import, got ${raws.length}`, [{ field: 'file', message: `more than ${MAX_ROWS} rows`, code: 'field.too-many-rows', params: { most: MAX_ROWS, rows: raws.length } }]);

    const drafts = await this.analyse(planId, raws, header.headers);
    const id = randomUUID();
    await this.repo.insert(
      { id, plan_id: planId, created_by: caller.userId, file_name: file.originalname, file_format: table.format, file_sha256: createHash('sha256').update(file.buffer).digest('hex'), sheet: table.sheet ?? null, headers: header.headers },
      drafts.map((d, i) => ({ line: d.line, row_key: d.key, raw: raws[i], draft: d })),
    );
    return this.view((await this.repo.get(id))!, await this.repo.rows(id));
  }

  async get(caller: Caller, planId: string, importId: string) {
    const rec = await this.load(caller, planId, importId);
    return this.view(rec, await this.repo.rows(importId));
  }

  /**
   * Creates the chosen rows (all by default) after applying the corrections. Answers at once with the import
   * confirming; each row's outcome shows on the import as it is created.
   */
  async confirm(caller: Caller, planId: string, importId: string, dto: ConfirmImportDto) {
    const rec = await this.load(caller, planId, importId);
    const rows = await this.repo.rows(importId);
    const byLine = new Map(rows.map((r) => [r.line, r]));
    const problems = [
      ...(dto.lines ?? []).flatMap((l, i) => (byLine.has(l) ? [] : [{ field: `lines[${i}]`, message: `the import has no line ${l}`, code: 'field.no-such-line', params: { line: l } }])),
      ...(dto.corrections ?? []).flatMap((c, i) => (byLine.has(c.line) ? [] : [{ field: `corrections[${i}].line`, message: `the import has no line ${c.line}`, code: 'field.no-such-line', params: { line: c.line } }])),
    ];
    if (problems.length) throw new InvalidInputError(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    const running = this.running.get(importId);
    if (running) return this.view(rec, rows);

    const corrections = new Map<number, RowCorrectionDto>((dto.corrections ?? []).map((c) => [c.line, c]));
    const raws = rows.map((r) => applyCorrection(r.raw, corrections.get(r.line)));
    const kinds = new Map([...corrections.values()].filter((c) => c.kind).map((c) => [c.line, c.kind as DraftProject['kind']]));
    const drafts = await this.analyse(planId, raws, rec.headers, rows.map((r) => r.line), kinds);
    const lines = dto.lines?.length ? [...new Set(dto.lines)] : rows.map((r) => r.line);
    await this.repo.startConfirm(importId, drafts.map((d, i) => ({ line: d.line, row_key: d.key, raw: raws[i], draft: d })), lines);
    const chosen = drafts.filter((d) => lines.includes(d.line));
    const run = this.create(caller, planId, importId, chosen)
      .catch((e) => this.log.error(`import ${importId} stopped: ${(e as Error).message}`))
      .finally(() => this.running.delete(importId));
    this.running.set(importId, run);
    return this.view((await this.repo.get(importId))!, await this.repo.rows(importId));
  }

  /** Resolves when the import's confirmation in this process is over (tests and the benchmark wait on it). */
  settled(importId: string): Promise<void> {
    return this.running.get(importId) ?? Promise.resolve();
  }

  private async create(caller: Caller, planId: string, importId: string, drafts: DraftProject[]): Promise<void> {
    const queue = [...drafts];
    const existing = await this.repo.existingKeys(planId, drafts.map((d) => d.key));
    const worker = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        if (d.errors.length) {
          await this.repo.setOutcome(importId, d.line, 'invalid');
          continue;
        }
        const known = existing.get(d.key);
        if (known) {
          await this.repo.setOutcome(importId, d.line, 'existing', known.projectId);
          continue;
        }
        for (let attempt = 1; ; attempt++) {
          try {
            const project = await this.projects.create(caller, toCreateDto(planId, d), { scope: `import:${planId}`, key: d.key });
            await this.repo.claimKey(planId, d.key, project.id, importId);
            await this.repo.setOutcome(importId, d.line, 'created', project.id);
            break;
          } catch (e) {
            // A dependency slow or down (503, or no answer): the same key repeats nothing, so try again a little later.
            const transient = e instanceof AppError ? e.statusCode >= 500 : !(e instanceof DomainValidationError);
            if (transient && attempt < RETRIES) {
              await new Promise((r) => setTimeout(r, 1000 * attempt));
              continue;
            }
            const detail = e instanceof Error ? e.message : String(e);
            this.log.warn(`import ${importId} line ${d.line}: ${detail}`);
            await this.repo.setOutcome(importId, d.line, 'failed', undefined, { code: 'import.create-failed', params: failureParams(e), status: e instanceof AppError ? e.statusCode : 500 });
            break;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    await this.repo.finish(importId);
  }

  /** Drafts every row and checks each as one-by-one creation would, without creating anything. */
  private async analyse(planId: string, raws: RawRow[], headers: Partial<Record<ImportColumn, string>>, lines?: number[], kinds?: Map<number, DraftProject['kind']>): Promise<PreviewRow[]> {
    const plan = (await this.repo.plan(planId))!;
    const [units, owners] = await Promise.all([this.repo.units(), this.repo.owners()]);
    const today = DateTime.now().setZone(plan.zone).toISODate()!;
    const drafts: PreviewRow[] = draftRows(raws, { planYear: plan.year, today, units, headers });
    if (lines) drafts.forEach((d, i) => (d.line = lines[i]));
    for (const d of drafts) if (kinds?.has(d.line)) d.kind = kinds.get(d.line)!;
    const existing = await this.repo.existingKeys(planId, drafts.map((d) => d.key));
    const header = (c: ImportColumn) => headers[c] ?? COLUMN_TITLES[c];
    for (const d of drafts) {
      // The 责任人 named, if an owner account of the lead unit (or below) bears that name.
      if (d.responsibleHead && d.leadUnitId) {
        const path = units.find((u) => u.id === d.leadUnitId)!.path;
        const named = owners.find((o) => o.name === d.responsibleHead && o.path.startsWith(path));
        if (named) d.ownerUserId = named.id;
      }
      // A repeated 序号 names another row: the plan's row under that number is not this one.
      const known = d.errors.some((e) => e.code === 'import.seq-duplicate') ? undefined : existing.get(d.key);
      if (known) {
        d.existingProjectId = known.projectId;
        d.warnings.push(issue('import.already-imported', 'seq', header('seq'), { name: known.name }));
        continue;
      }
      if (d.errors.length) continue;
      try {
        await this.projects.prepare(toCreateDto(planId, d));
      } catch (e) {
        if (!(e instanceof AppError) && !(e instanceof DomainValidationError)) throw e;
        const field = e instanceof DomainValidationError ? e.field : (e.details?.[0]?.field ?? '');
        const column = columnOfField(field);
        d.errors.push(issue('import.create-failed', column, header(column), failureParams(e)));
      }
    }
    return drafts;
  }

  private async load(caller: Caller, planId: string, importId: string): Promise<ImportRecord> {
    await this.policy.coordinatePlan(caller, planId);
    const rec = await this.repo.get(importId);
    if (!rec || rec.plan_id !== planId) throw new NotFoundError(`No import ${importId} in this plan`, 'importId');
    return rec;
  }

  private view(rec: ImportRecord, rows: ImportRowRecord[]) {
    const selected = new Set(rec.selected_lines ?? []);
    const counted = rows.filter((r) => selected.has(r.line));
    const outcome = (o: string) => counted.filter((r) => r.outcome === o).length;
    return {
      id: rec.id,
      planId: rec.plan_id,
      fileName: rec.file_name,
      format: rec.file_format,
      sheet: rec.sheet ?? undefined,
      headers: rec.headers,
      status: rec.status,
      createdAt: new Date(rec.created_at).toISOString(),
      confirmedAt: rec.confirmed_at ? new Date(rec.confirmed_at).toISOString() : undefined,
      finishedAt: rec.finished_at ? new Date(rec.finished_at).toISOString() : undefined,
      summary: {
        rows: rows.length,
        valid: rows.filter((r) => !r.draft.errors.length && !r.draft.existingProjectId).length,
        withErrors: rows.filter((r) => r.draft.errors.length).length,
        withWarnings: rows.filter((r) => r.draft.warnings.length).length,
        existing: rows.filter((r) => r.draft.existingProjectId).length,
      },
      progress: {
        total: counted.length,
        done: counted.filter((r) => r.outcome).length,
        created: outcome('created'),
        existing: outcome('existing'),
        failed: outcome('failed'),
        invalid: outcome('invalid'),
      },
      rows: rows.map((r) => ({ ...r.draft, outcome: r.outcome ?? undefined, projectId: r.project_id ?? undefined, failure: r.failure ?? undefined })),
    };
  }
}

/**
 * Why a row could not be created, for `import.create-failed`: the English text for the log (`detail`) and, where
 * the refusal has one, its coded reason (`reasonCode`, the field, its params) so the reader reads it in their language.
 */
function failureParams(e: unknown): Record<string, string | number> {
  const coded = e instanceof DomainValidationError ? { field: e.field, code: e.code, params: e.params }
    : e instanceof AppError ? (e.details?.find((x) => x.code) ?? (e.code ? { field: e.details?.[0]?.field ?? '', code: e.code, params: e.params } : undefined))
    : undefined;
  const out: Record<string, string | number> = { detail: e instanceof Error ? e.message : String(e) };
  if (!coded?.code) return out;
  for (const [k, v] of Object.entries(coded.params ?? {})) if (v !== undefined && v !== null && !(k in out)) out[k] = typeof v === 'number' ? v : String(v);
  return { ...out, reasonCode: coded.code, field: coded.field };
}

function issue(code: string, column: ImportColumn, header: string, params: Record<string, string | number>): RowIssue {
  return { code, column, header, params: { header, ...params } };
}

function cellOf(v: unknown): RawRow[ImportColumn] {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number') return v;
  return String(v);
}

function applyCorrection(raw: RawRow, c: RowCorrectionDto | undefined): RawRow {
  if (!c) return raw;
  const out: RawRow = { ...raw };
  for (const col of IMPORT_COLUMNS) if (c[col] !== undefined) out[col] = c[col]!;
  return out;
}

function parseMapping(text: string | undefined): HeaderOverride {
  if (text === undefined || text === '') return {};
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    throw new InvalidInputError('mapping: must be a JSON object such as {"task":"事项"}', [{ field: 'mapping', message: 'not JSON', code: 'field.mapping-json' }]);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new InvalidInputError('mapping: must be a JSON object such as {"task":"事项"}', [{ field: 'mapping', message: 'not an object', code: 'field.mapping-json' }]);
  const details = Object.entries(o).flatMap(([k, v]) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(k)) return [{ field: `mapping.${k}`, message: `is not a column (expected one of: ${IMPORT_COLUMNS.join(', ')})`, code: 'field.unknown-field', params: { allowed: IMPORT_COLUMNS.join(', ') } }];
    if (!(typeof v === 'string' && v.length <= 100) && !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 200)) return [{ field: `mapping.${k}`, message: 'must be a header text or a column number from 1', code: 'field.mapping-column' }];
    return [];
  });
  if (details.length) throw new InvalidInputError(details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  return o as HeaderOverride;
}

/** The request one-by-one creation would get for this row. */
export function toCreateDto(planId: string, d: DraftProject): CreateProjectDto {
  return {
    planId,
    kind: d.kind,
    name: d.name,
    leadUnitId: d.leadUnitId!,
    ownerUserId: d.ownerUserId!,
    responsibleHead: d.responsibleHead,
    startDate: d.startDate!,
    dueDate: d.dueDate!,
    targets: d.targets,
    milestones: d.milestones,
    category: d.category,
    workType: d.workType,
    coUnitIds: d.coUnitIds.length ? d.coUnitIds : undefined,
    quantities: d.quantities.length ? d.quantities.map((q) => ({ figure: q.figure, name: q.name, unit: q.unit, target: q.target })) : undefined,
  } as CreateProjectDto;
}

export const importProjectId = (planId: string, key: string) => uuidFromName(`import:${planId}:${key}`);
