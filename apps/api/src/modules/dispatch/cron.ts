import { CronExpressionParser } from 'cron-parser';
import type { FieldProblem } from '../../common/errors';

/** One field of a cron expression: its name in messages, its range, and the names it accepts. */
interface CronField {
  name: string;
  /** Its name in message params (a select in the catalogue). */
  key: string;
  min: number;
  max: number;
  names?: string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const SECOND: CronField = { name: 'second', key: 'second', min: 0, max: 59 };
const MINUTE: CronField = { name: 'minute', key: 'minute', min: 0, max: 59 };
const HOUR: CronField = { name: 'hour', key: 'hour', min: 0, max: 23 };
const DAY_OF_MONTH: CronField = { name: 'day of month', key: 'dayOfMonth', min: 1, max: 31 };
const MONTH: CronField = { name: 'month', key: 'month', min: 1, max: 12, names: MONTH_NAMES };
const DAY_OF_WEEK: CronField = { name: 'day of week', key: 'dayOfWeek', min: 0, max: 7, names: DAY_NAMES };
const YEAR: CronField = { name: 'year', key: 'year', min: 2000, max: 2100 };

const LAYOUTS: Record<number, CronField[]> = {
  5: [MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  6: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK],
  7: [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR],
};

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The problem with one field's value, or undefined when every part is within the field's range. */
function fieldProblem(value: string, f: CronField): string | undefined {
  const number = (token: string): number | undefined => {
    const upper = token.toUpperCase();
    if (f.names?.includes(upper)) return f.names.indexOf(upper) + (f === MONTH ? 1 : 0);
    return /^\d{1,4}$/.test(token) ? Number(token) : undefined;
  };
  for (const part of value.split(',')) {
    const m = /^([^/]+)(?:\/(\d{1,4}))?$/.exec(part);
    if (!m) return `${JSON.stringify(part)} is not a value, range or step`;
    const [, base, step] = m;
    if (step !== undefined && (Number(step) < 1 || Number(step) > f.max)) return `the step ${step} is outside 1–${f.max}`;
    if (base === '*' || base === '?') continue;
    const bounds = base.split('-');
    if (bounds.length > 2) return `${JSON.stringify(base)} is not a range`;
    const values = bounds.map(number);
    if (values.some((v) => v === undefined)) return `${JSON.stringify(base)} is not a number${f.names ? ` or a name (${f.names[0]}…)` : ''}`;
    const outside = values.find((v) => v! < f.min || v! > f.max);
    if (outside !== undefined) return `${outside} is outside ${f.min}–${f.max}`;
    if (values.length === 2 && values[0]! > values[1]!) return `the range ${base} runs backwards`;
  }
  return undefined;
}

export interface CronCheck {
  problems: FieldProblem[];
  /** The shortest gap between two runs found (ms), when the expression is valid. */
  shortestGapMs?: number;
}

/**
 * Checks a cron expression as Temporal Schedules read it (5 fields; 6 with seconds; 7 with seconds and year;
 * @hourly-style macros; `@every <Go duration>`) before it goes to Temporal: every field within its range,
 * only the syntax both understand, and runs no closer together than `minIntervalMs`. Problems name `field`
 * and say which cron field is wrong.
 */
export function checkCron(expression: string, timeZone: string, minIntervalMs: number, field = 'cron', now = new Date()): CronCheck {
  const problem = (message: string, code: string, params: Record<string, string | number> = {}): CronCheck => ({ problems: [{ field, message, code, params }] });
  const text = expression.trim();
  if (/^(CRON_)?TZ=/i.test(text)) return problem('give the time zone in timeZone, not in the expression', 'field.cron-tz');
  let gap: number;
  const every = /^@every\s+(\S+?)(?:\/(\S+))?$/.exec(text);
  if (every) {
    const parts = [...every[1].matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
    if (!parts.length || parts.map((p) => p[0]).join('') !== every[1]) return problem(`@every needs a duration such as 24h or 1h30m, not ${JSON.stringify(every[1])}`, 'field.cron-every', { got: JSON.stringify(every[1]) });
    gap = parts.reduce((sum, p) => sum + Number(p[1]) * GO_UNITS[p[2]], 0);
  } else {
    const expanded = text.startsWith('@') ? MACROS[text.toLowerCase()] : text;
    if (!expanded) return problem(`${JSON.stringify(text)} is not a known macro (@hourly, @daily, @weekly, @monthly, @yearly, @every <duration>)`, 'field.cron-macro', { got: JSON.stringify(text) });
    const fields = expanded.split(/\s+/);
    const layout = LAYOUTS[fields.length];
    if (!layout) return problem(`has ${fields.length} fields; give 5 (minute hour day-of-month month day-of-week), 6 (with seconds first) or 7 (with the year last)`, 'field.cron-field-count', { count: fields.length });
    for (const [i, f] of layout.entries()) {
      const p = fieldProblem(fields[i], f);
      if (p) return { problems: [{ field, message: `the ${f.name} field: ${p}`, code: 'error.cron-field', params: { part: f.key, min: String(f.min), max: String(f.max) } }] };
    }
    const withoutYear = fields.length === 7 ? fields.slice(0, 6) : fields;
    let runs: Date[];
    try {
      const parsed = CronExpressionParser.parse(withoutYear.join(' '), { currentDate: now, tz: timeZone });
      runs = parsed.take(50).map((d) => d.toDate());
    } catch (err) {
      return problem(`is not a cron expression that can run: ${(err as Error).message}`, 'field.cron-invalid', { got: JSON.stringify(text) });
    }
    if (runs.length < 2) return { problems: [] };
    gap = Math.min(...runs.slice(1).map((d, i) => d.getTime() - runs[i].getTime()));
  }
  if (gap < minIntervalMs) {
    const seconds = Math.round(gap / 1000);
    const minSeconds = Math.round(minIntervalMs / 1000);
    const message = `runs every ${seconds} s; the shortest interval allowed is ${minSeconds} s (SCHEDULE_MIN_INTERVAL)`;
    return { problems: [{ field, message, code: 'error.cron-too-frequent', params: { seconds, minSeconds } }], shortestGapMs: gap };
  }
  return { problems: [], shortestGapMs: gap };
}
