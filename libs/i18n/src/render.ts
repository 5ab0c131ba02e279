/**
 * Late rendering of stored texts: a text is a stable `code` with `params`; it becomes words only when a reader
 * reads it, in the reader's language and the plan's time zone.
 *
 * Parameter naming convention (how a raw value is formatted before it enters the ICU message):
 * - `dueAt`, `*DueAt`, `closesAt`: a deadline (a day-precision one reads as the day);
 * - other `*At`: an instant in the plan's zone; `*Date`: a calendar day;
 * - `min*Rate`, `min*Share`, `threshold`, `margin`: a rule's ratio ("10%"); other `*Rate`, `*Share` and `value`:
 *   a measured ratio ("8.0%") — `threshold`, `margin` and `value` are plain quantities when `measure` is `count`;
 * - `*Yuan`: money in whole yuan ("4,900万元"); with a `unit` param, amounts (actual, target, min, max, expected,
 *   delivered, planned, achieved) carry it ("1,080个", "85.0%", "120万元");
 * - any `YYYY-MM-DD` string: a calendar day;
 * - derived: `late` / `left` (how long past / until `dueAt`, in the policy's unit), `levelName`, `progress`.
 * Other numbers go to ICU as numbers (plurals, grouping).
 */
import IntlMessageFormat from 'intl-messageformat';
import { CalendarData, workdaysBetween } from '../../domain/src/calendar/calendar';
import { en } from './catalogue/en';
import { zhCN } from './catalogue/zh-CN';
import {
  DEFAULT_TIME_ZONE,
  dayInZone,
  formatDay,
  formatDeadline,
  formatInstant,
  formatMoney,
  formatNumber,
  formatRatio,
  formatRuleRatio,
} from './format';
import { DEFAULT_LOCALE, Locale } from './locale';

export const CATALOGUES: Record<Locale, Record<string, string>> = { 'zh-CN': zhCN, en };

export type ParamValue = string | number | boolean | null | undefined;
export type MessageParams = Record<string, ParamValue>;

export interface RenderContext {
  locale?: Locale;
  /** The plan's time zone; default Asia/Shanghai. */
  zone?: string;
  /** "Now" for lateness and for leaving out the current year; default the wall clock. */
  now?: number;
  /** The deadline policy's calendar: lateness in working days (`workdays`) or days (`natural`). */
  calendar?: 'workdays' | 'natural';
  /** The working-day calendar, needed to count working days. */
  calendarData?: CalendarData;
}

const compiled = new Map<string, IntlMessageFormat>();

function compile(locale: Locale, code: string): IntlMessageFormat | undefined {
  const key = `${locale}|${code}`;
  let mf = compiled.get(key);
  if (!mf) {
    const source = CATALOGUES[locale][code];
    if (source === undefined) return undefined;
    mf = new IntlMessageFormat(source, locale === 'en' ? 'en' : 'zh-CN', undefined, { ignoreTag: true });
    compiled.set(key, mf);
  }
  return mf;
}

/** A reason given for one field of a request (`field.*`): said after the field's path. */
export const isFieldReason = (code: string): boolean => code.startsWith('field.');

export function hasMessage(code: string, locale: Locale = DEFAULT_LOCALE): boolean {
  return CATALOGUES[locale][code] !== undefined;
}

const DAY_MS = 86_400_000;

/** How long from one instant to another, in the largest whole unit: working days or days from one day on, else hours, minutes, seconds. */
export function formatDuration(
  fromMs: number,
  toMs: number,
  ctx: RenderContext,
): string {
  const locale = ctx.locale ?? DEFAULT_LOCALE;
  const ms = Math.abs(toMs - fromMs);
  const say = (unit: string, n: number) => compile(locale, `duration.${unit}`)!.format({ n }) as string;
  if (ms >= DAY_MS) {
    // From a day on, lateness is counted in days of the plan's zone (due 11月1日, today 11月6日: 5 days), as an office counts it.
    const zone = ctx.zone ?? DEFAULT_TIME_ZONE;
    const [a, b] = [dayInZone(Math.min(fromMs, toMs), zone)!, dayInZone(Math.max(fromMs, toMs), zone)!];
    if (ctx.calendar === 'workdays' && ctx.calendarData) {
      const n = workdaysBetween(a, b, ctx.calendarData);
      if (n > 0) return say('workdays', n);
    }
    return say('days', Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS));
  }
  for (const [unit, size] of [['hours', 3_600_000], ['minutes', 60_000], ['seconds', 1000]] as const) {
    const n = Math.floor(ms / size);
    if (n >= 1) return say(unit, n);
  }
  return say('less-than-second', 0);
}

/** Amounts of a figure with a unit (`unit`: 个, 所, 元, %, …): shown with their unit. */
const AMOUNT_KEYS = new Set(['actual', 'target', 'min', 'max', 'expected', 'delivered', 'planned', 'achieved']);

function formatAmount(value: number, unit: string, locale: Locale): string {
  if (unit === '%') return formatRatio(value, locale);
  if (unit === '元') return formatMoney(value, locale);
  return `${formatNumber(value, locale)}${unit}`;
}

function formatParam(key: string, value: ParamValue, params: MessageParams, ctx: Required<Pick<RenderContext, 'zone'>> & RenderContext, locale: Locale): ParamValue {
  if (value === null || value === undefined) return '';
  const referenceYear = Number(dayInZone(ctx.now ?? Date.now(), ctx.zone)?.slice(0, 4));
  if (typeof value === 'string') {
    if (key === 'dueAt' || key.endsWith('DueAt') || key === 'closesAt') return formatDeadline(value, locale, { zone: ctx.zone, referenceYear });
    if (key.endsWith('At')) return formatInstant(value, locale, ctx.zone);
    if (key.endsWith('Date') || /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, locale, { zone: ctx.zone, referenceYear });
    return value;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return typeof value === 'boolean' ? String(value) : value;
  if (key === 'year' || key === 'number') return String(value); // 2026年第57期, not 2,026
  if (typeof params.unit === 'string' && AMOUNT_KEYS.has(key)) return formatAmount(value, params.unit, locale);
  const count = params.measure === 'count';
  if (/^min\w*(Rate|Share)$/.test(key) || ((key === 'threshold' || key === 'margin') && !count)) return formatRuleRatio(value, locale);
  if (/(Rate|Share)$/.test(key) || (key === 'value' && !count)) return formatRatio(value, locale);
  if (key === 'threshold' || key === 'margin' || key === 'value') return formatNumber(value, locale);
  if (key.endsWith('Yuan')) return formatMoney(value, locale);
  if (key.endsWith('Hours')) return formatNumber(value, locale, 1);
  return formatNumber(value, locale);
}

/** `TYPE.plural` of @formatjs/icu-messageformat-parser (intl-messageformat's parser), which intl-messageformat does not re-export. */
const PLURAL_ELEMENT = 6;

const SELECT_ELEMENT = 5;

/** Names of the arguments a message uses as plural counts (those stay numbers) and as selects. */
function argumentsOf(mf: IntlMessageFormat): { plurals: Set<string>; selects: Set<string>; all: Set<string> } {
  const plurals = new Set<string>();
  const selects = new Set<string>();
  const all = new Set<string>();
  const walk = (elements: unknown[]) => {
    for (const el of elements as Array<{ type: number; value: string; options?: Record<string, { value: unknown[] }> }>) {
      if (el.type === PLURAL_ELEMENT) plurals.add(el.value);
      if (el.type === SELECT_ELEMENT) selects.add(el.value);
      if (el.type >= 1 && el.type <= 6) all.add(el.value);
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(mf.getAst());
  return { plurals, selects, all };
}

/** The message of `code` with `params` in the reader's language; undefined when the catalogue has no such code. */
export function renderMessage(code: string, params: MessageParams = {}, ctx: RenderContext = {}): string | undefined {
  const locale = ctx.locale ?? DEFAULT_LOCALE;
  const mf = compile(locale, code);
  if (!mf) return undefined;
  const full = { ...ctx, zone: ctx.zone ?? DEFAULT_TIME_ZONE };
  const now = ctx.now ?? Date.now();
  const values: Record<string, ParamValue> = {};
  const { plurals, selects, all } = argumentsOf(mf);
  for (const [k, v] of Object.entries(params)) values[k] = plurals.has(k) && typeof v === 'number' ? v : formatParam(k, v, params, full, locale);
  // "15/20所": the amount reached beside its target reads as the bare number, the target carries the unit.
  if (typeof params.actual === 'number' && Number.isFinite(params.actual)) values.actualNumber = formatNumber(params.actual, locale);
  if (typeof params.delivered === 'number' && Number.isFinite(params.delivered)) values.deliveredNumber = formatNumber(params.delivered, locale);
  // A target as written: "20所", or a range "1–2所" (the unit once, after the upper bound).
  if (typeof params.min === 'number' && typeof params.max === 'number') values.goal = `${formatNumber(params.min, locale)}–${values.max}`;
  else if (values.target !== undefined) values.goal = values.target;
  else if (values.min !== undefined) values.goal = values.min;
  if (typeof params.actual === 'number' && typeof params.max === 'number' && typeof params.unit === 'string' && params.actual > params.max)
    values.excess = formatAmount(params.actual - params.max, params.unit, locale);
  // Booleans reach `select` as "true"/"false"; numbers stay numbers for plurals.
  const due = typeof params.dueAt === 'string' ? Date.parse(params.dueAt) : NaN;
  if (!Number.isNaN(due)) {
    values.late = formatDuration(due, Math.max(now, due), { ...full, locale });
    values.left = formatDuration(Math.min(now, due), due, { ...full, locale });
  }
  if (typeof params.level === 'string' && code !== 'training.level') values.levelName = renderMessage('training.level', { level: params.level }, ctx);
  if (code.startsWith('portfolio.') && code !== 'portfolio.progress') values.progress = renderMessage('portfolio.progress', params, ctx);
  // A text that quotes a refusal (an import row that could not be created) says the refusal's own coded reason.
  if (typeof params.reasonCode === 'string' && params.reasonCode !== code) {
    const { reasonCode, ...reasonParams } = params;
    const said = renderMessage(reasonCode as string, reasonParams, ctx);
    if (said !== undefined) values.reason = isFieldReason(reasonCode as string) && params.field ? renderMessage('field.problem', { field: params.field, reason: said }, ctx) : said;
  }
  // A select whose value is missing takes its `none` branch, or `other` where it has none.
  for (const key of selects) if (values[key] === undefined || values[key] === '') values[key] = 'none';
  for (const key of plurals) if (typeof values[key] !== 'number') values[key] = Number(values[key]) || 0;
  for (const key of all) if (values[key] === undefined) values[key] = '';
  return String(mf.format(values as Record<string, string | number>));
}

/** A stored text: a code with params, and, for texts from before codes existed, the prose it was stored with. */
export interface CodedText {
  code?: string | null;
  params?: MessageParams | null;
  message?: string | null;
}

/** Renders a stored text; a code the catalogue does not know, or an old text without params, keeps its stored prose. */
export function renderText(text: CodedText, ctx: RenderContext = {}): string {
  if (text.code && (text.params || !text.message)) {
    const rendered = renderMessage(text.code, text.params ?? {}, ctx);
    if (rendered !== undefined) return rendered;
  }
  return text.message ?? text.code ?? '';
}
