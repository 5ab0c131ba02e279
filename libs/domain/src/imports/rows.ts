import { createHash } from 'node:crypto';
import type { ProjectKind } from '../kinds/kinds';
import { COLUMN_TITLES, ImportColumn } from './headers';
import { DueDate, occurrences, parseDueDate } from './dates';
import { findTargets, FoundQuantity } from './targets';
import { matchUnit, splitUnitNames, UnitRef } from './units';

/** A problem with one cell of one row: a message code (rendered in the reader's language) and the column at fault. */
export interface RowIssue {
  code: string;
  /** The column (`lead`, `due`, …) and its header as the file writes it. */
  column: ImportColumn;
  header: string;
  params: Record<string, string | number>;
}

/** One row as read from the file: each column's cell, text or a spreadsheet Date. */
export type RawRow = Partial<Record<ImportColumn, string | Date | number | null>>;

export interface ImportUnit extends UnitRef {
  /** The owner account that reports for the unit (its head's first), if the unit has any. */
  ownerUserId?: string;
}

/** A row as the project it would become: what a coordinator checks before confirming. */
export interface DraftProject {
  /** 1-based line of the table (after the header). */
  line: number;
  seq?: string;
  /** Stable within a plan: the 序号, or the row's content when it has none. */
  key: string;
  name: string;
  target?: string;
  kind: ProjectKind;
  leadUnitId?: string;
  leadUnitName?: string;
  ownerUserId?: string;
  coUnitIds: string[];
  coUnitNames: string[];
  responsibleHead?: string;
  dueText: string;
  due?: DueDate;
  startDate?: string;
  dueDate?: string;
  category?: string;
  workType?: string;
  targets?: Record<string, unknown>;
  quantities: Array<Omit<FoundQuantity, 'text'>>;
  milestones?: Array<{ id: string; name: string; dueDate: string }>;
  errors: RowIssue[];
  warnings: RowIssue[];
}

export interface DraftContext {
  planYear: number;
  /** Today in the plan's zone (YYYY-MM-DD). */
  today: string;
  units: readonly ImportUnit[];
  /** Headers as the file writes them, for the messages. */
  headers?: Partial<Record<ImportColumn, string>>;
}

const CATEGORY_WORDS: Array<[RegExp, string]> = [
  [/十二年一贯制/, '十二年一贯制'],
  [/九年一贯制/, '九年一贯制'],
  [/幼儿园/, '幼儿园'],
  [/特殊教育|特教/, '特殊教育学校'],
  [/职业|职教|中职|技工/, '职业学校'],
  [/完全中学/, '完全中学'],
  [/高级中学|高中/, '高中'],
  [/初级中学|初中/, '初中'],
  [/小学/, '小学'],
];
const WORK_WORDS: Array<[RegExp, string]> = [
  [/改扩建|扩建|改建/, '改扩建'],
  [/提升改造|改造|维修/, '提升改造'],
  [/续建/, '续建'],
  [/新建|建设|迁建/, '新建'],
];

const SCHOOL_NAME = /(学校|小学|中学|初中|高中|幼儿园|一贯制|学院|校区)/;
const BUILD_WORDS = /(新建|开工|投入使用|建成|竣工|改扩建|扩建|迁建|开园|交付使用)/;

/** The kind a row most likely is: a school's construction, an indicator, a training quota, a count target or generic. */
export function guessKind(task: string, target: string, quantities: readonly { figure: string; target: number }[], hasIndicator: boolean): ProjectKind {
  const text = `${task} ${target}`;
  const manySchools = quantities.some((q) => (q.figure === 'schools' || q.figure === 'kindergartens') && q.target > 1);
  if (SCHOOL_NAME.test(task) && BUILD_WORDS.test(text) && !manySchools) return 'school_construction';
  if (hasIndicator) return 'indicator';
  if (quantities.some((q) => q.figure === 'personTimes')) return 'training_quota';
  return 'generic';
}

const text = (v: unknown) => (v instanceof Date ? '' : String(v ?? '').replace(/\r/g, '').trim());

/** The key a row is known by within its plan: its 序号, or a digest of what it says when it has none. */
export function rowKey(seq: string | undefined, task: string, lead: string, due: string): string {
  if (seq) return `seq:${seq}`;
  return `content:${createHash('sha256').update(`${task}\u0000${lead}\u0000${due}`).digest('hex').slice(0, 32)}`;
}

/** Builds the draft project of one row, with every error and warning it has. Nothing here touches storage. */
export function draftRow(raw: RawRow, line: number, ctx: DraftContext): DraftProject {
  const header = (c: ImportColumn) => ctx.headers?.[c] ?? COLUMN_TITLES[c];
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const issue = (list: RowIssue[], code: string, column: ImportColumn, params: Record<string, string | number> = {}) => list.push({ code, column, header: header(column), params: { header: header(column), ...params } });

  const seqRaw = raw.seq instanceof Date ? '' : text(raw.seq);
  const seq = seqRaw.replace(/[.。、]$/, '') || undefined;
  const task = text(raw.task);
  const target = text(raw.target);
  const leadText = text(raw.lead);
  const dueText = raw.due instanceof Date ? raw.due.toISOString().slice(0, 10) : text(raw.due);
  let name = task.split('\n')[0].trim();
  if (!name) issue(errors, 'import.task-empty', 'task');
  if (name.length > 200) {
    issue(warnings, 'import.task-shortened', 'task', { length: name.length });
    name = name.slice(0, 200);
  }

  // Lead unit: the first name of the cell; further names become co-units.
  const leads = splitUnitNames(leadText);
  let leadUnit: ImportUnit | undefined;
  if (!leads.length) issue(errors, 'import.lead-empty', 'lead');
  else {
    const m = matchUnit(leads[0], ctx.units);
    if (m.ok) {
      leadUnit = m.unit;
      if (m.by === 'abbreviation') issue(warnings, 'import.unit-abbreviated', 'lead', { text: leads[0], unit: m.unit.name });
      if (!m.unit.ownerUserId) issue(errors, 'import.lead-no-owner', 'lead', { unit: m.unit.name });
    } else issue(errors, m.reason === 'unknown' ? 'import.unit-unknown' : 'import.unit-ambiguous', 'lead', { text: leads[0], candidates: m.candidates.join('、') });
    if (leads.length > 1) issue(warnings, 'import.lead-several', 'lead', { unit: leads[0], others: leads.slice(1).join('、') });
  }
  const coUnits: ImportUnit[] = [];
  for (const [i, n] of [...leads.slice(1).map((n) => [-1, n] as const), ...splitUnitNames(raw.co).map((n, i) => [i, n] as const)]) {
    const m = matchUnit(n, ctx.units);
    if (m.ok) {
      if (m.unit.id !== leadUnit?.id && !coUnits.some((u) => u.id === m.unit.id)) coUnits.push(m.unit);
    } else issue(warnings, 'import.co-unit-unknown', i < 0 ? 'lead' : 'co', { text: n, candidates: m.candidates.join('、') });
  }

  // Deadline.
  const parsed = parseDueDate(raw.due, ctx.planYear);
  let due: DueDate | undefined;
  let startDate: string | undefined;
  if (!parsed.ok) issue(errors, parsed.code, 'due', { text: parsed.params.text || dueText });
  else {
    due = parsed.due;
    if (parsed.several) issue(warnings, 'import.date-several', 'due', { text: dueText, date: due.date });
    if (due.type === 'ongoing') issue(warnings, 'import.date-ongoing', 'due', { text: dueText, date: due.date });
    if (due.date < ctx.today) issue(warnings, 'import.date-past', 'due', { date: due.date });
    const yearStart = `${ctx.planYear}-01-01`;
    startDate = [yearStart, ctx.today, parsed.start ?? ctx.today, due.date].sort()[0];
    // Work due already, or due on the day it would start, was under way: it started a year before its deadline.
    if (startDate >= due.date) startDate = `${Number(due.date.slice(0, 4)) - 1}${due.date.slice(4, 8)}${due.date.endsWith('02-29') ? '28' : due.date.slice(8)}`;
  }

  // Targets and kind.
  const found = findTargets(`${target}\n${task}`);
  const quantities = found.quantities.map(({ text: _t, ...q }) => q);
  for (const u of found.unknown.slice(0, 3)) issue(warnings, 'import.target-unknown', 'target', { text: u });
  const kind = guessKind(task, target, quantities, !!found.indicator);
  const category = CATEGORY_WORDS.find(([re]) => re.test(task))?.[1];
  const workType = WORK_WORDS.find(([re]) => re.test(task))?.[1];
  let targets: Record<string, unknown> | undefined;
  let kept = quantities;
  if (kind === 'school_construction') {
    const get = (f: string) => quantities.find((q) => q.figure === f)?.target;
    const missing = [['seats', '学位'], ['classes', '班级'], ['investment', '投资']].filter(([f]) => get(f) === undefined).map(([, n]) => n);
    if (missing.length) issue(warnings, 'import.construction-missing', 'target', { missing: missing.join('、') });
    targets = { seatsPlanned: get('seats') ?? 0, classesPlanned: get('classes') ?? 0, investmentPlanned: get('investment') ?? 0 };
    kept = quantities.filter((q) => !['seats', 'classes', 'investment'].includes(q.figure));
  } else if (kind === 'indicator' && due) {
    targets = { threshold: found.indicator!.threshold, direction: found.indicator!.direction, measure: 'ratio', checkDate: due.date };
  } else if (kind === 'training_quota' && due && startDate) {
    targets = { start: startDate, end: due.date, personTimes: {}, totalPersonTimes: quantities.find((q) => q.figure === 'personTimes')!.target };
    kept = quantities.filter((q) => q.figure !== 'personTimes');
  }

  // Repeating deadlines and ongoing work: one milestone per occurrence.
  let milestones: DraftProject['milestones'];
  if (due && startDate && due.type !== 'date') {
    // Repeating from the plan year's start, or from today when the year is under way.
    const yearStart = `${ctx.planYear}-01-01`;
    const from = ctx.today > yearStart ? ctx.today : yearStart;
    const days = occurrences(due, from > startDate ? from : startDate);
    if (!days.length) days.push(due.date);
    const label = due.type === 'monthly' ? (d: string) => `${Number(d.slice(5, 7))}月报送` : (d: string) => `${Math.ceil(Number(d.slice(5, 7)) / 3)}季度报送`;
    milestones = days.map((d, i) => ({ id: `r${i + 1}`, name: `${name.slice(0, 180)}（${label(d)}）`, dueDate: d }));
  }

  return {
    line, seq, key: rowKey(seq, task, leadText, dueText), name, target: target || undefined, kind,
    leadUnitId: leadUnit?.id, leadUnitName: leadUnit?.name, ownerUserId: leadUnit?.ownerUserId,
    coUnitIds: coUnits.map((u) => u.id), coUnitNames: coUnits.map((u) => u.name),
    responsibleHead: text(raw.owner) || undefined, dueText, due, startDate, dueDate: due?.date,
    category, workType, targets, quantities: kept, milestones, errors, warnings,
  };
}

/** All rows of a table: a 序号 used twice is an error on each later row. */
export function draftRows(rows: readonly RawRow[], ctx: DraftContext): DraftProject[] {
  const seen = new Map<string, number>();
  return rows.map((raw, i) => {
    const d = draftRow(raw, i + 1, ctx);
    if (d.seq) {
      const first = seen.get(d.seq);
      if (first !== undefined) d.errors.push({ code: 'import.seq-duplicate', column: 'seq', header: ctx.headers?.seq ?? COLUMN_TITLES.seq, params: { header: ctx.headers?.seq ?? COLUMN_TITLES.seq, seq: d.seq, line: first } });
      else seen.set(d.seq, d.line);
    }
    return d;
  });
}

/** A row that is blank in every column (tables often end with some). */
export function isBlankRow(raw: RawRow): boolean {
  return Object.values(raw).every((v) => v === null || v === undefined || (!(v instanceof Date) && String(v).trim() === ''));
}
