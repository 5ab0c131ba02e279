import { assertWithinDateBounds } from '../deadline/bounds';
import { DomainValidationError, shown } from '../errors';
import { addDays, addMonths, daysBetween, DEFAULT_ZONE, dayOf, isoDay } from '../kinds/time';
import { DEFAULT_SCHOOL_SPAN_MONTHS, SCHOOL_STAGES } from '../kinds/school-stages';
import { plainObject } from '../kinds/validation';
import { Fields, keysOf } from '../kinds/fields';

/**
 * A project template: the stages a project of that type goes through, in order. `dueAt` places a stage's
 * default due date as a share of the span from start to the project's due date (the last stage is due on
 * the due date); `weight` is the share of the work done once the stage is reached.
 */
export interface TemplateStage {
  key: string;
  name: string;
  dueAt: number;
  weight: number;
  /** A plan template's default: due this many days before the project's due date. */
  offsetDays?: number;
}
export interface ProjectTemplate {
  key: string;
  name: string;
  stages: TemplateStage[];
  /** Months from the default start to the due date when no start date is given. */
  spanMonths: number;
}

const stage = (key: string, name: string, dueAt: number, weight: number): TemplateStage => ({ key, name, dueAt, weight });

/** Built-in templates. The seven-stage school is the one `school_construction` projects use by default. */
export const BUILTIN_TEMPLATES: readonly ProjectTemplate[] = [
  {
    key: 'school',
    name: '新建学校',
    spanMonths: DEFAULT_SCHOOL_SPAN_MONTHS,
    stages: SCHOOL_STAGES.map((s) => stage(s.key, s.name, s.dueAt, s.weight)),
  },
  { key: 'kindergarten_opening', name: '幼儿园开园', spanMonths: 12, stages: [stage('opening', '开园', 1, 1)] },
  {
    key: 'renovation',
    name: '改造提升',
    spanMonths: 12,
    stages: [stage('approval', '立项', 0.1, 0.05), stage('tendering', '招标', 0.3, 0.1), stage('construction', '施工', 0.8, 0.7), stage('acceptance', '验收', 1, 0.15)],
  },
  {
    key: 'equipment_purchase',
    name: '设备采购',
    spanMonths: 6,
    stages: [stage('approval', '立项', 0.15, 0.05), stage('procurement', '采购', 0.5, 0.45), stage('installation', '安装调试', 0.85, 0.35), stage('acceptance', '验收', 1, 0.15)],
  },
  {
    key: 'facility_build',
    name: '设施建设',
    spanMonths: 12,
    stages: [stage('approval', '立项', 0.1, 0.05), stage('design', '设计', 0.25, 0.1), stage('construction', '施工', 0.85, 0.7), stage('acceptance', '验收', 1, 0.15)],
  },
];

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The fields of a stage of a plan's template, as `validateTemplate` reads them and the API documents them. */
export const TEMPLATE_STAGE_FIELDS: Fields = {
  key: { is: 'text', pattern: KEY, description: 'Unique within the template' },
  name: { is: 'text', minLength: 1, maxLength: 100 },
  offsetDays: { is: 'integer', optional: true, minimum: 0, description: "Due this many days before the project's due date (the last stage: 0; not increasing along the stages)" },
};
/** The fields of a plan's own template. */
export const TEMPLATE_FIELDS: Fields = {
  key: { is: 'text', pattern: KEY, description: 'Not a built-in template key' },
  name: { is: 'text', minLength: 1, maxLength: 100 },
  stages: { is: 'list', of: { is: 'object', fields: TEMPLATE_STAGE_FIELDS }, minItems: 1, maxItems: 30 },
  spanMonths: { is: 'integer', optional: true, minimum: 1, maximum: 120, description: 'Months from the default start to the due date (default 12)' },
};

/**
 * A plan's own template: `{key, name, stages: [{key, name, offsetDays?}]}` where `offsetDays` is how many days
 * before the project's due date the stage is due by default (the last stage: 0). Stages without one are spread
 * evenly. Stage weights are equal.
 */
export function validateTemplate(input: unknown, field = 'template'): ProjectTemplate {
  const o = plainObject(input, field, keysOf(TEMPLATE_FIELDS));
  if (typeof o.key !== 'string' || !KEY.test(o.key)) throw new DomainValidationError(`${field}.key`, 'must be a lowercase letter followed by up to 39 lowercase letters, digits or _', { code: 'field.template-key' });
  if (BUILTIN_TEMPLATES.some((t) => t.key === o.key)) throw new DomainValidationError(`${field}.key`, `"${o.key}" is a built-in template`, { code: 'field.builtin-template', params: { key: o.key } });
  if (typeof o.name !== 'string' || o.name.trim() === '' || o.name.length > 100) throw new DomainValidationError(`${field}.name`, 'must be 1–100 characters', { code: 'field.length', params: { from: 1, to: 100 } });
  if (!Array.isArray(o.stages) || o.stages.length === 0 || o.stages.length > 30) throw new DomainValidationError(`${field}.stages`, 'must list 1 to 30 stages', { code: 'field.list-size', params: { from: 1, to: 30 } });
  let spanMonths = 12;
  if (o.spanMonths !== undefined) {
    if (typeof o.spanMonths !== 'number' || !Number.isInteger(o.spanMonths) || o.spanMonths < 1 || o.spanMonths > 120) throw new DomainValidationError(`${field}.spanMonths`, 'must be a whole number of months, 1 to 120', { code: 'field.whole-months', params: { from: 1, to: 120 } });
    spanMonths = o.spanMonths;
  }
  const keys = new Set<string>();
  const n = o.stages.length;
  let previousOffset = Infinity;
  const stages = o.stages.map((raw: unknown, i: number) => {
    const f = `${field}.stages[${i}]`;
    const s = plainObject(raw, f, keysOf(TEMPLATE_STAGE_FIELDS));
    if (typeof s.key !== 'string' || !KEY.test(s.key)) throw new DomainValidationError(`${f}.key`, 'must be a lowercase letter followed by up to 39 lowercase letters, digits or _', { code: 'field.template-key' });
    if (keys.has(s.key)) throw new DomainValidationError(`${f}.key`, `"${s.key}" is used twice`, { code: 'field.duplicate', params: { key: s.key } });
    keys.add(s.key);
    if (typeof s.name !== 'string' || s.name.trim() === '' || s.name.length > 100) throw new DomainValidationError(`${f}.name`, 'must be 1–100 characters', { code: 'field.length', params: { from: 1, to: 100 } });
    let dueAt = (i + 1) / n;
    if (s.offsetDays !== undefined) {
      if (typeof s.offsetDays !== 'number' || !Number.isInteger(s.offsetDays) || s.offsetDays < 0) throw new DomainValidationError(`${f}.offsetDays`, 'must be a whole number of days ≥ 0', { code: 'field.whole-days', params: { from: 0 } });
      if (i === n - 1 && s.offsetDays !== 0) throw new DomainValidationError(`${f}.offsetDays`, 'the last stage is due on the due date (0)', { code: 'field.last-offset-zero' });
      if (s.offsetDays > previousOffset) throw new DomainValidationError(`${f}.offsetDays`, `must not be more than the previous stage's ${previousOffset}; stages come in order`, { code: 'field.offset-over-previous', params: { previous: previousOffset } });
      previousOffset = s.offsetDays;
      // Offsets are days before the due date; as a share of the default span.
      dueAt = Math.max(0.001, 1 - s.offsetDays / (spanMonths * 30.4375));
    }
    return { key: s.key, name: s.name.trim(), dueAt, weight: 1 / n, ...(s.offsetDays !== undefined ? { offsetDays: s.offsetDays as number } : {}) };
  });
  for (let i = 1; i < stages.length; i++) stages[i].dueAt = Math.max(stages[i].dueAt, stages[i - 1].dueAt);
  return { key: o.key, name: o.name.trim(), stages, spanMonths };
}

/** The template a key names, among the built-ins and the plan's own; undefined if none. */
export function findTemplate(key: string, planTemplates: readonly ProjectTemplate[] = []): ProjectTemplate | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.key === key) ?? planTemplates.find((t) => t.key === key);
}

export interface StageMilestone {
  id: string;
  name: string;
  dueDate: string;
  weight: number;
  order: number;
}

/**
 * A template's stage milestones ending on `dueDate` (the last stage's hard deadline). Explicit `stageDates` win;
 * the others are spread between their nearest fixed neighbours in the template's proportions. Without
 * `startDate` the span starts `spanMonths` before the due date, or at the earliest explicit date if earlier.
 * `dueField` names the due date in errors (`openingDate` for schools).
 */
export function templateMilestones(
  template: Pick<ProjectTemplate, 'stages' | 'spanMonths'>,
  dueDate: string,
  opts: { startDate?: string; stageDates?: Record<string, unknown>; dueField?: string } = {},
): StageMilestone[] {
  const dueField = opts.dueField ?? 'dueDate';
  const due = isoDay(dueDate, dueField);
  const stages = template.stages;
  const keys = stages.map((s) => s.key);
  const label = (i: number) => `${stages[i].name} (${stages[i].key.replace(/_/g, ' ')})`;
  const given = plainObject(opts.stageDates ?? {}, 'stageDates', keys);
  const fixed = new Map<number, string>();
  let previous: { i: number; day: string } | undefined;
  keys.forEach((key, i) => {
    if (given[key] === undefined) return;
    const field = `stageDates.${key}`;
    const day = isoDay(given[key], field);
    if (i === keys.length - 1 && day !== due) throw new DomainValidationError(field, `must equal ${dueField} ${due} (the last stage is the hard deadline)`, { code: 'field.last-stage-on-due', params: { dueField, due } });
    if (previous && day < previous.day) throw new DomainValidationError(field, `${day} is before ${label(previous.i)} on ${previous.day}; stages come in order`, { code: 'field.stage-before-previous', params: { day, previous: stages[previous.i].name, previousDay: previous.day } });
    if (day > due) throw new DomainValidationError(field, `${day} is after ${dueField} ${due}`, { code: 'field.stage-after-due', params: { day, dueField, due } });
    fixed.set(i, day);
    previous = { i, day };
  });
  const earliest = [...fixed.values()][0];
  let start: string;
  if (opts.startDate !== undefined) {
    start = isoDay(opts.startDate, 'startDate');
    if (start > due || (start === due && keys.length > 1)) throw new DomainValidationError('startDate', `must be before ${dueField} ${due}`, { code: 'field.start-before-due', params: { dueField, due } });
    if (earliest !== undefined && earliest < start) {
      const [i] = [...fixed.entries()].find(([, d]) => d === earliest)!;
      throw new DomainValidationError(`stageDates.${keys[i]}`, `${earliest} is before the start date ${start}`, { code: 'field.stage-before-start', params: { day: earliest, start } });
    }
  } else {
    const defaultStart = addMonths(due, -template.spanMonths);
    start = earliest !== undefined && earliest < defaultStart ? earliest : defaultStart;
  }
  fixed.set(keys.length - 1, due);
  // Default offsets (days before the due date) hold where they fit between the dates already fixed.
  stages.forEach((s, i) => {
    if (s.offsetDays === undefined || fixed.has(i)) return;
    const day = addDays(due, -s.offsetDays);
    const lower = [...fixed.entries()].filter(([k]) => k < i).map(([, d]) => d);
    const upper = [...fixed.entries()].filter(([k]) => k > i).map(([, d]) => d);
    if (day >= start && lower.every((d) => d <= day) && upper.every((d) => d >= day)) fixed.set(i, day);
  });

  const shareAt = (i: number) => (i < 0 ? 0 : stages[i].dueAt);
  return stages.map((s, i) => {
    let day = fixed.get(i);
    if (day === undefined) {
      const lo = Math.max(-1, ...[...fixed.keys()].filter((k) => k < i));
      const hi = Math.min(...[...fixed.keys()].filter((k) => k > i));
      const from = lo < 0 ? start : fixed.get(lo)!;
      const span = daysBetween(from, fixed.get(hi)!);
      const width = shareAt(hi) - shareAt(lo);
      day = addDays(from, width > 0 ? Math.round((span * (shareAt(i) - shareAt(lo))) / width) : 0);
    }
    return { id: s.key, name: s.name, dueDate: day, weight: s.weight, order: i + 1 };
  });
}

export type StageAcceptanceVerdict = { ok: true } | { ok: false; code: string; reason: string; params: Record<string, string> };

/**
 * Stage order over the stages a project actually has (`projectStages`, in order): a stage can be reached once,
 * and only after the project's own stage before it. Stages the project does not have never block it, so a
 * kindergarten with its single 开园 stage can be accepted at once.
 */
export function canReachStage(projectStages: ReadonlyArray<{ id: string; name: string }>, stageKey: string, reached: readonly string[]): StageAcceptanceVerdict {
  const i = projectStages.findIndex((s) => s.id === stageKey);
  const known = projectStages.map((s) => s.id).join(', ');
  if (i < 0) return { ok: false, code: 'stage.unknown', reason: `Unknown stage "${stageKey}"; this project's stages are ${known}.`, params: { stage: stageKey, stages: known } };
  const name = projectStages[i].name;
  if (reached.includes(stageKey)) return { ok: false, code: 'stage.already-accepted', reason: `Stage ${name} (${stageKey}) has already been accepted.`, params: { stage: stageKey, stageName: name } };
  const before = projectStages[i - 1];
  if (before && !reached.includes(before.id)) {
    return {
      ok: false,
      code: 'stage.out-of-order',
      reason: `Stage ${name} (${stageKey}) cannot be accepted before ${before.name} (${before.id}) is accepted.`,
      params: { stage: stageKey, stageName: name, before: before.id, beforeName: before.name },
    };
  }
  return { ok: true };
}

/**
 * The day a report says a stage was reached: a calendar day, not after today in the plan's zone, and not
 * before the day the stage before it was reached.
 */
export function validateReachedOn(value: unknown, field: string, now: string, opts: { notBefore?: string; zone?: string } = {}): string {
  const day = isoDay(value, field);
  assertWithinDateBounds(day, field);
  const today = dayOf(now, 'now', opts.zone ?? DEFAULT_ZONE);
  if (day > today) throw new DomainValidationError(field, `${day} is in the future (today is ${today})`, { code: 'field.day-in-future', params: { day, today } });
  if (opts.notBefore !== undefined && day < opts.notBefore) throw new DomainValidationError(field, `${day} is before the previous stage was reached on ${opts.notBefore}`, { code: 'field.reached-before-previous', params: { day, previous: opts.notBefore } });
  return day;
}

/**
 * A project brought in under way: it is at `currentStage`, and every stage before it is recorded done on the
 * day it really happened (`pastStages[key]`). Each earlier stage needs a day, in stage order, none in the future.
 */
export function validatePastStages(
  projectStages: ReadonlyArray<{ id: string }>,
  currentStage: unknown,
  pastStagesInput: unknown,
  now: string,
  zone = DEFAULT_ZONE,
  field = 'pastStages',
): Record<string, string> {
  const keys = projectStages.map((s) => s.id);
  if (typeof currentStage !== 'string' || !keys.includes(currentStage)) {
    throw new DomainValidationError('currentStage', `must be one of this project's stages (${keys.join(', ')}), got ${JSON.stringify(currentStage)}`, { code: 'field.one-of', params: { allowed: keys.join(', '), got: shown(currentStage) } });
  }
  const before = keys.slice(0, keys.indexOf(currentStage));
  const given = plainObject(pastStagesInput ?? {}, field, before);
  const out: Record<string, string> = {};
  let previous: string | undefined;
  for (const key of before) {
    if (given[key] === undefined) throw new DomainValidationError(`${field}.${key}`, `the day stage ${key} was reached is required (the project is at ${currentStage})`, { code: 'field.stage-day-required', params: { stage: key, current: currentStage } });
    previous = validateReachedOn(given[key], `${field}.${key}`, now, { notBefore: previous, zone });
    out[key] = previous;
  }
  return out;
}
