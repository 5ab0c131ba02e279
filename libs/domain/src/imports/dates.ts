/**
 * Deadlines as offices write them in a 完成时限 column: "2026年6月底", "6月30日前", "年底前", "2026年第三季度",
 * "每月25日前" (a repeating milestone), "长期坚持" (no deadline, periodic reporting), "2026.6.30", an Excel date.
 * A year left out is the plan's year. Impossible dates ("2月30日", "13月") are errors, not guesses.
 */
export type DueDate =
  /** One deadline: the end of this day. */
  | { type: 'date'; date: string }
  /** Every month by `day` ("每月25日前"; 0 is the month's last day), through `date` (the plan year's end). */
  | { type: 'monthly'; day: number; date: string }
  /** Every quarter's end ("每季度末"), through `date`. */
  | { type: 'quarterly'; date: string }
  /** Ongoing work ("长期坚持"): no deadline of its own; reported each quarter through `date`. */
  | { type: 'ongoing'; date: string };

export type DueProblem = { code: 'import.date-empty' | 'import.date-unreadable' | 'import.date-impossible' | 'import.date-out-of-range'; params: { text: string } };
export type DueResult = ({ ok: true; due: DueDate; start?: string; several?: boolean }) | ({ ok: false } & DueProblem);

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 二十五 → 25, 三十一 → 31 (numbers up to 99). */
function cnNumber(s: string): number {
  if (!s.includes('十')) return Number([...s].map((c) => CN_DIGITS[c]).join(''));
  const [tens, ones] = s.split('十');
  return (tens ? CN_DIGITS[tens] : 1) * 10 + (ones ? CN_DIGITS[ones] : 0);
}

/** Full-width digits and punctuation to ASCII, Chinese numerals before 年/月/日/号/季 to digits, spaces out. */
export function normaliseDateText(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[／]/g, '/')
    .replace(/[－—–~～]/g, '—')
    .replace(/\s+/g, '')
    .replace(/([零〇一二两三四五六七八九十]+)(?=[年月日号季])/g, (m, n: string, offset: number, all: string) => {
      // 二〇二六年 is a year written digit by digit.
      if (all[offset + m.length] === '年' && n.length === 4) return [...n].map((c) => CN_DIGITS[c]).join('');
      return String(cnNumber(n));
    });
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

class Impossible extends Error {}
class OutOfRange extends Error {}

function day(y: number, m: number, d: number | 'end'): string {
  if (y < 2000 || y > 2100) throw new OutOfRange();
  if (!(m >= 1 && m <= 12)) throw new Impossible();
  const last = lastDay(y, m);
  const dd = d === 'end' ? last : d;
  if (!(dd >= 1 && dd <= last)) throw new Impossible();
  return iso(y, m, dd);
}

const year = (s: string | undefined, fallback: number) => (s ? (s.length === 2 ? 2000 + Number(s) : Number(s)) : fallback);

/** One date in a segment of text, or undefined when none is written there. Throws Impossible / OutOfRange. */
function oneDate(t: string, planYear: number): DueDate | undefined {
  const end = (d: string): DueDate => ({ type: 'date', date: d });
  const yearEnd = (y: number) => day(y, 12, 'end');
  let m: RegExpExecArray | null;
  if (/长期坚持|长期|持续推进|持续开展|常态化|持续|长效/.test(t)) return { type: 'ongoing', date: yearEnd(planYear) };
  if ((m = /每月(\d{1,2})[日号]/.exec(t))) {
    const d = Number(m[1]);
    if (d < 1 || d > 31) throw new Impossible();
    return { type: 'monthly', day: d, date: yearEnd(planYear) };
  }
  if (/每月(底|末)/.test(t)) return { type: 'monthly', day: 0, date: yearEnd(planYear) };
  if (/每季度|每个季度|按季度/.test(t)) return { type: 'quarterly', date: yearEnd(planYear) };
  // 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日
  if ((m = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:[日号]|(?!\d))/.exec(t))) return end(day(Number(m[1]), Number(m[2]), Number(m[3])));
  // 2026.6 or 2026年6月(底|末|份)
  if ((m = /(\d{4})(?:年|\.|\/|-)(\d{1,2})(?:月(?:底|末|份|中旬|下旬)?|(?!\d))/.exec(t))) {
    const mid = /中旬/.test(t) ? 20 : 'end';
    return end(day(Number(m[1]), Number(m[2]), mid));
  }
  if ((m = /(?:(\d{4})年)?(?:第)?([1-9])季度/.exec(t))) {
    const q = Number(m[2]);
    if (q < 1 || q > 4) throw new Impossible();
    return end(day(year(m[1], planYear), q * 3, 'end'));
  }
  if ((m = /(?:(\d{4})年)?(上半年|年中|年底|年末|下半年|年内|全年|年度内|底|末)/.exec(t)) && (m[1] || m[2].length > 1)) {
    const y = year(m[1], planYear);
    return end(m[2] === '上半年' || m[2] === '年中' ? day(y, 6, 'end') : yearEnd(y));
  }
  if ((m = /(?:(\d{4})年)?(秋季|春季)开学/.exec(t))) {
    const y = year(m[1], planYear);
    return end(m[2] === '秋季' ? day(y, 8, 'end') : day(y, 2, 'end'));
  }
  if ((m = /(\d{1,2})月(\d{1,2})[日号]/.exec(t))) return end(day(planYear, Number(m[1]), Number(m[2])));
  if ((m = /(\d{1,2})月(?:底|末|份|前|$)/.exec(t))) return end(day(planYear, Number(m[1]), 'end'));
  if ((m = /(\d{1,2})月/.exec(t))) return end(day(planYear, Number(m[1]), 'end'));
  if ((m = /(\d{4})年/.exec(t))) return end(yearEnd(Number(m[1])));
  if ((m = /^(\d{4})$/.exec(t))) return end(yearEnd(Number(m[1])));
  if (/本年度|当年|今年/.test(t)) return end(yearEnd(planYear));
  return undefined;
}

const rank = (d: DueDate) => d.date;

/**
 * The deadline a 完成时限 cell states. A cell with several dates ("2026年6月底开工，12月底前投入使用", "2026年3月—6月")
 * is due at the latest of them (`several`), the earliest being its start. An Excel date cell arrives as a Date.
 */
export function parseDueDate(input: unknown, planYear: number): DueResult {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return { ok: false, code: 'import.date-unreadable', params: { text: String(input) } };
    // Spreadsheet dates carry no zone: their calendar day is the one written.
    const d = iso(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
    if (input.getUTCFullYear() < 2000 || input.getUTCFullYear() > 2100) return { ok: false, code: 'import.date-out-of-range', params: { text: d } };
    return { ok: true, due: { type: 'date', date: d } };
  }
  const raw = String(input ?? '').trim();
  if (!raw) return { ok: false, code: 'import.date-empty', params: { text: '' } };
  const t = normaliseDateText(raw);
  // "2025—2027年": a span of years ends with the last.
  const span = /^(\d{4})年?—(\d{4})年?$/.exec(t);
  const segments = span ? [`${span[1]}年`, `${span[2]}年`] : splitSegments(t);
  const found: DueDate[] = [];
  try {
    let lastYear = planYear;
    for (const s of segments) {
      // "2026年3月—6月": the second half keeps the first half's year.
      const d = oneDate(s, /^\d{4}/.test(s) || /\d{4}年/.test(s) ? planYear : lastYear);
      if (d) {
        found.push(d);
        lastYear = Number(d.date.slice(0, 4));
      }
    }
  } catch (e) {
    if (e instanceof Impossible) return { ok: false, code: 'import.date-impossible', params: { text: raw } };
    if (e instanceof OutOfRange) return { ok: false, code: 'import.date-out-of-range', params: { text: raw } };
    throw e;
  }
  if (!found.length) return { ok: false, code: 'import.date-unreadable', params: { text: raw } };
  const repeating = found.find((d) => d.type !== 'date');
  if (repeating) return { ok: true, due: repeating };
  const sorted = [...found].sort((a, b) => rank(a).localeCompare(rank(b)));
  const due = sorted[sorted.length - 1];
  return { ok: true, due, ...(found.length > 1 ? { several: true, start: sorted[0].date } : {}) };
}

function splitSegments(t: string): string[] {
  return t.split(/[，,；;、]|—|至|到|和|及/).filter(Boolean);
}

/** The days a repeating deadline falls on from `from` (exclusive of days before it) through its end, in order. */
export function occurrences(due: DueDate, from: string): string[] {
  const end = due.date;
  const [fy, fm] = from.split('-').map(Number);
  const out: string[] = [];
  if (due.type === 'date') return [due.date];
  for (let y = fy, m = fm; `${y}-${pad(m)}` <= end.slice(0, 7); m === 12 ? ((m = 1), y++) : m++) {
    let d: string | undefined;
    if (due.type === 'monthly') d = iso(y, m, due.day === 0 ? lastDay(y, m) : Math.min(due.day, lastDay(y, m)));
    else if (m % 3 === 0) d = iso(y, m, lastDay(y, m));
    if (d && d >= from && d <= end) out.push(d);
  }
  if (!out.length || out[out.length - 1] !== end) {
    if (due.type === 'ongoing' || due.type === 'quarterly') out.push(end);
  }
  return [...new Set(out)];
}
