import { DateTime } from 'luxon';
import { addWorkdays, CalendarData, hasPublishedSchedule, rollToWorkday } from '../calendar/calendar';
import { durationToMillis, parseIsoDuration } from '../duration';
import { DomainValidationError, shown } from '../errors';
import { assertWithinDateBounds } from './bounds';
import { Audience, DeadlinePolicy } from './policy';

export interface DeadlineEvent {
  kind: 'warning' | 'reminder' | 'overdue' | 'escalation';
  /** ISO instant with the offset of policy.timeZone. */
  at: string;
  level?: number;
  notify: Audience[];
  /** Escalations only: 0 first firing, 1.. repeats of the highest level. */
  repeat?: number;
  /** The step goes into the next circular. */
  circular?: boolean;
  /** The policy duration that produced it: '-P5D' before the deadline, '+P3D' after it, 'PT0S' for overdue; a repeat carries '+repeatEvery' (from the previous firing). */
  offset: string;
}

export interface DeadlinePlan {
  deadline: string;
  /** Sorted by `at`; ties keep policy order (warning, reminders, overdue, escalations, repeats). */
  events: DeadlineEvent[];
  notes: string[];
}

/** In `workdays` mode a week counts as 5 working days. */
export const WORKDAYS_PER_WEEK = 5;

function toZoned(instant: string, timeZone: string, field = 'instant'): DateTime {
  const t = DateTime.fromISO(instant, { zone: timeZone });
  if (!t.isValid) throw new DomainValidationError(field, `${JSON.stringify(instant)} is not an ISO 8601 instant such as 2026-10-08T17:00:00+08:00`, { code: 'field.iso-instant', params: { got: shown(instant) } });
  return t.setZone(timeZone);
}

const format = (t: DateTime) => t.toISO({ suppressMilliseconds: true }) as string;

function shift(t: DateTime, duration: string, sign: 1 | -1, policy: DeadlinePolicy, calendar: CalendarData): DateTime {
  const d = parseIsoDuration(duration, 'duration');
  const clock = { milliseconds: sign * durationToMillis(d) };
  if (policy.calendar === 'natural') {
    const dateParts = { years: d.years, months: d.months, weeks: d.weeks, days: d.days };
    return (sign === 1 ? t.plus(dateParts) : t.minus(dateParts)).plus(clock);
  }
  const workdays = d.weeks * WORKDAYS_PER_WEEK + d.days;
  if (d.years + d.months + workdays === 0) return t.plus(clock); // clock-only durations ignore the calendar
  const months = { years: d.years, months: d.months };
  const moved = sign === 1 ? t.plus(months) : t.minus(months);
  // Before the deadline land on the working day before (a reminder must not be late), after it on the next one.
  const landed = workdays
    ? addWorkdays(moved.toISODate() as string, sign * workdays, calendar)
    : rollToWorkday(moved.toISODate() as string, sign === 1 ? 'forward' : 'backward', calendar);
  const [year, month, day] = landed.split('-').map(Number);
  return moved.set({ year, month, day }).plus(clock); // keeps the local time of day
}

/**
 * Moves an instant by a policy duration, forwards (+1) or backwards (-1). `workdays`: years/months are calendar
 * months, days and weeks (W = 5) are working days in policy.timeZone keeping the local time of day, a landing on a
 * non-working day goes to the working day before (backwards) or after (forwards); hours/minutes/seconds are then
 * added as clock time. `natural`: calendar and clock time in the zone.
 */
export function shiftByPolicyDuration(instant: string, duration: string, sign: 1 | -1, policy: DeadlinePolicy, calendar: CalendarData): string {
  return format(shift(toZoned(instant, policy.timeZone), duration, sign, policy, calendar));
}

/** Every warning, reminder, overdue and escalation event of one deadline, as instants in the policy's zone. */
export function planDeadline(args: { deadline: string; policy: DeadlinePolicy; calendar: CalendarData; repeatCount?: number }): DeadlinePlan {
  const { policy, calendar, repeatCount = 3 } = args;
  if (!Number.isInteger(repeatCount) || repeatCount < 0) throw new DomainValidationError('repeatCount', `must be a whole number ≥ 0, got ${repeatCount}`, { code: 'field.whole-min', params: { from: 0, got: shown(repeatCount) } });
  assertWithinDateBounds(args.deadline, 'deadline');
  const deadline = toZoned(args.deadline, policy.timeZone, 'deadline');
  const timed: { t: DateTime; event: Omit<DeadlineEvent, 'at'> }[] = [];
  const before = (d: string) => shift(deadline, d, -1, policy, calendar);
  const after = (t: DateTime, d: string) => shift(t, d, 1, policy, calendar);

  timed.push({ t: before(policy.warningWindow), event: { kind: 'warning', notify: ['owner'], offset: `-${policy.warningWindow}` } });
  for (const r of policy.reminders) timed.push({ t: before(r), event: { kind: 'reminder', notify: ['owner'], offset: `-${r}` } });
  timed.push({ t: deadline, event: { kind: 'overdue', notify: ['owner'], offset: 'PT0S' } });
  for (const step of policy.escalations) {
    const event: Omit<DeadlineEvent, 'at'> = { kind: 'escalation', level: step.level, notify: [...step.notify], repeat: 0, offset: `+${step.after}` };
    if (step.circular) event.circular = true;
    timed.push({ t: after(deadline, step.after), event });
  }
  if (policy.repeatEvery && policy.escalations.length > 0) {
    const top = timed[timed.length - 1]; // levels increase strictly, so the last step is the highest
    for (let i = 1, t = top.t; i <= repeatCount; i++) {
      t = after(t, policy.repeatEvery);
      timed.push({ t, event: { ...top.event, notify: [...top.event.notify], repeat: i, offset: `+${policy.repeatEvery}` } });
    }
  }

  const events = timed
    .map(({ t, event }, order) => ({ ms: t.toMillis(), order, event: { ...event, at: format(t) } as DeadlineEvent }))
    .sort((a, b) => a.ms - b.ms || a.order - b.order)
    .map((e) => e.event);
  return { deadline: format(deadline), events, notes: policy.calendar === 'workdays' ? scheduleNotes(timed.map((e) => e.t.year), calendar) : [] };
}

/** One note per year in the span of the events that has no published holiday schedule. */
function scheduleNotes(years: number[], calendar: CalendarData): string[] {
  const notes: string[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) {
    if (!hasPublishedSchedule(y, calendar)) notes.push(`${y} has no published holiday schedule: Monday–Friday counted as working days`);
  }
  return notes;
}
