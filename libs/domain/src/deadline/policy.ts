import { IANAZone } from 'luxon';
import { nominalMillis, parseIsoDuration } from '../duration';
import { DomainValidationError, shown } from '../errors';
import { Fields, keysOf } from '../kinds/fields';

/** Who is told: the responsible owner, the unit head, the leading-group office, the leading-group leader. */
export type Audience = 'owner' | 'unitHead' | 'office' | 'leader';
export const AUDIENCES: readonly Audience[] = ['owner', 'unitHead', 'office', 'leader'];

export interface EscalationStep {
  /** ISO duration after the deadline. */
  after: string;
  /** 1, 2, 3 … strictly increasing along the list. */
  level: number;
  notify: Audience[];
  /** The project goes into the next circular (通报). */
  circular?: boolean;
}

export interface DeadlinePolicy {
  calendar: 'workdays' | 'natural';
  /** IANA zone in which days are counted. */
  timeZone: string;
  /** ISO durations before the deadline, e.g. ['P5D', 'P1D']. */
  reminders: string[];
  escalations: EscalationStep[];
  /** The highest level repeats this often until accepted. */
  repeatEvery?: string;
  /** A deadline within this window without an accepted report makes the status yellow. */
  warningWindow: string;
  /** Progress behind the pro-rated expectation by more than this (0..1) makes the status yellow. */
  tolerance: number;
}

export const DEFAULT_POLICY: DeadlinePolicy = {
  calendar: 'workdays',
  timeZone: 'Asia/Shanghai',
  reminders: ['P5D', 'P1D'],
  escalations: [
    { after: 'P1D', level: 1, notify: ['unitHead'] },
    { after: 'P3D', level: 2, notify: ['office'] },
    { after: 'P7D', level: 3, notify: ['leader'], circular: true },
  ],
  repeatEvery: 'P7D',
  warningWindow: 'P5D',
  tolerance: 0.1,
};

const DURATION = { is: 'duration', description: 'ISO 8601 duration such as P5D or PT30S' } as const;
/** The fields of an escalation step, as `validatePolicy` reads them and the API documents them. */
export const ESCALATION_STEP_FIELDS: Fields = {
  after: { ...DURATION, description: 'How long after the deadline (ISO 8601 duration, increasing along the steps)' },
  level: { is: 'integer', minimum: 1, description: '1, 2, 3 … strictly increasing along the list' },
  notify: { is: 'list', of: { is: 'oneOf', values: AUDIENCES }, minItems: 1 },
  circular: { is: 'boolean', optional: true, description: 'The project goes into the next circular' },
};
/** The fields of a deadline policy or of an override of it (every field optional there). */
export const POLICY_FIELDS: Fields = {
  calendar: { is: 'oneOf', values: ['workdays', 'natural'] },
  timeZone: { is: 'timeZone', optional: true, description: 'IANA zone in which days are counted (default Asia/Shanghai)' },
  reminders: { is: 'list', of: DURATION, description: 'Durations before the deadline, e.g. ["P5D", "P1D"]' },
  escalations: { is: 'list', of: { is: 'object', fields: ESCALATION_STEP_FIELDS } },
  repeatEvery: { ...DURATION, optional: true, description: 'The highest level repeats this often until accepted (longer than zero)' },
  warningWindow: { ...DURATION, description: 'A deadline within this window without an accepted report makes the status yellow' },
  tolerance: { is: 'ratio', description: 'Progress behind the pro-rated expectation by more than this share makes the status yellow' },
};
const KEYS = keysOf(POLICY_FIELDS);
type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function duration(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new DomainValidationError(field, 'must be an ISO 8601 duration string such as P5D or PT30S', { code: 'field.iso-duration', params: { got: shown(v) } });
  parseIsoDuration(v, field);
  return v;
}

function list(v: unknown, field: string): unknown[] {
  if (!Array.isArray(v)) throw new DomainValidationError(field, 'must be a list', { code: 'field.list' });
  return v;
}

function escalations(v: unknown, field: string, daysPerWeek: number): EscalationStep[] {
  const steps = list(v, field).map((raw, i): EscalationStep => {
    const path = `${field}[${i}]`;
    if (!isObject(raw)) throw new DomainValidationError(path, 'must be { after, level, notify, circular? }', { code: 'field.object-shape', params: { shape: '{ after, level, notify, circular? }' } });
    const unknown = Object.keys(raw).find((k) => !keysOf(ESCALATION_STEP_FIELDS).includes(k));
    if (unknown) throw new DomainValidationError(`${path}.${unknown}`, 'is not a field of an escalation step', { code: 'field.unknown-field', params: { allowed: 'after, level, notify, circular' } });
    const after = duration(raw.after, `${path}.after`);
    if (!Number.isInteger(raw.level) || (raw.level as number) < 1) throw new DomainValidationError(`${path}.level`, 'must be an integer ≥ 1', { code: 'field.whole-min', params: { from: 1 } });
    const notify = list(raw.notify, `${path}.notify`);
    if (notify.length === 0) throw new DomainValidationError(`${path}.notify`, 'must name at least one audience', { code: 'field.audience-needed' });
    notify.forEach((a, j) => {
      if (!AUDIENCES.includes(a as Audience)) throw new DomainValidationError(`${path}.notify[${j}]`, `must be one of ${AUDIENCES.join(', ')}`, { code: 'field.one-of', params: { allowed: AUDIENCES.join(', '), got: shown(a) } });
    });
    if (raw.circular !== undefined && typeof raw.circular !== 'boolean') throw new DomainValidationError(`${path}.circular`, 'must be true or false', { code: 'field.boolean' });
    const step: EscalationStep = { after, level: raw.level as number, notify: [...new Set(notify as Audience[])] };
    if (raw.circular !== undefined) step.circular = raw.circular;
    return step;
  });
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    if (!prev) return;
    if (step.level <= prev.level) throw new DomainValidationError(`${field}[${i}].level`, `levels must increase strictly: ${step.level} follows ${prev.level}`, { code: 'field.levels-increase', params: { step: step.level, previous: prev.level } });
    // Mixed units are ordered by nominal length (a month = 30 days, a week = 5 or 7 days depending on the calendar).
    if (nominalMillis(step.after, daysPerWeek) <= nominalMillis(prev.after, daysPerWeek)) {
      throw new DomainValidationError(`${field}[${i}].after`, `must come strictly after the previous step: ${step.after} follows ${prev.after}`, { code: 'field.after-previous-step', params: { after: step.after, previous: prev.after } });
    }
  });
  return steps;
}

/** Checks a complete policy (timeZone defaults to Asia/Shanghai) and returns a clean copy; unknown fields are refused so that typos do not pass silently. */
export function validatePolicy(input: unknown, fieldPrefix = 'policy'): DeadlinePolicy {
  const p = validatePolicyOverride(input, fieldPrefix);
  for (const key of keysOf(POLICY_FIELDS).filter((k) => !POLICY_FIELDS[k].optional) as Array<keyof DeadlinePolicy>) {
    if (p[key] === undefined) throw new DomainValidationError(`${fieldPrefix}.${key}`, 'is required', { code: 'field.required' });
  }
  return { ...(p as DeadlinePolicy), timeZone: p.timeZone ?? DEFAULT_POLICY.timeZone };
}

/** Checks the fields present in a per-project override of the plan's policy. */
export function validatePolicyOverride(input: unknown, fieldPrefix = 'policyOverride'): Partial<DeadlinePolicy> {
  if (!isObject(input)) throw new DomainValidationError(fieldPrefix, 'must be an object', { code: 'field.object' });
  const field = (k: string) => `${fieldPrefix}.${k}`;
  const unknown = Object.keys(input).find((k) => !KEYS.includes(k));
  if (unknown) throw new DomainValidationError(field(unknown), `is not a policy field (expected ${KEYS.join(', ')})`, { code: 'field.unknown-field', params: { allowed: KEYS.join(', ') } });
  const out: Partial<DeadlinePolicy> = {};
  const { calendar, timeZone, reminders, repeatEvery, warningWindow, tolerance } = input;
  if (calendar !== undefined) {
    if (calendar !== 'workdays' && calendar !== 'natural') throw new DomainValidationError(field('calendar'), 'must be "workdays" or "natural"', { code: 'field.one-of', params: { allowed: 'workdays, natural', got: shown(calendar) } });
    out.calendar = calendar;
  }
  if (timeZone !== undefined) {
    if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
      throw new DomainValidationError(field('timeZone'), `${JSON.stringify(timeZone)} is not an IANA time zone such as Asia/Shanghai`, { code: 'field.time-zone', params: { got: shown(timeZone) } });
    }
    out.timeZone = timeZone;
  }
  if (reminders !== undefined) out.reminders = list(reminders, field('reminders')).map((r, i) => duration(r, `${field('reminders')}[${i}]`));
  if (input.escalations !== undefined) out.escalations = escalations(input.escalations, field('escalations'), calendar === 'natural' ? 7 : 5);
  if (repeatEvery !== undefined) {
    out.repeatEvery = duration(repeatEvery, field('repeatEvery'));
    if (nominalMillis(out.repeatEvery) === 0) throw new DomainValidationError(field('repeatEvery'), 'must be longer than zero', { code: 'field.longer-than-zero' });
  }
  if (warningWindow !== undefined) out.warningWindow = duration(warningWindow, field('warningWindow'));
  if (tolerance !== undefined) {
    if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance <= 1)) {
      throw new DomainValidationError(field('tolerance'), `must be a number from 0 to 1 (a share, 0.1 = 10%), got ${JSON.stringify(tolerance)}`, { code: 'field.ratio', params: { got: shown(tolerance) } });
    }
    out.tolerance = tolerance;
  }
  return out;
}

/** The plan's policy with a project's override applied field by field (lists are replaced, not merged); the result is validated. */
export function mergePolicy(base: DeadlinePolicy, override?: Partial<DeadlinePolicy>): DeadlinePolicy {
  const defined = Object.fromEntries(Object.entries(override ?? {}).filter(([, v]) => v !== undefined));
  return validatePolicy({ ...base, ...defined });
}
