/**
 * Formatting of instants, days, money, ratios and durations the way a reader of each locale expects,
 * through the runtime's ICU (Intl). Every number goes through Intl.NumberFormat with bounded fraction
 * digits, so floating-point noise (0.19999999999999996) never reaches a reader.
 */
import { DateTime } from 'luxon';
import { Locale } from './locale';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const intlTag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-CN');

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(intlTag(locale), opts)));
  return f;
}

/** A count or a measured quantity with grouping: 9000 → "9,000"; at most `digits` decimals (default 2). */
export function formatNumber(value: number, locale: Locale, digits = 2): string {
  return nf(locale, { maximumFractionDigits: digits }).format(value);
}

/** A measured ratio as a percentage with one decimal at least and two at most: 0.08 → "8.0%", 0.0999 → "9.99%". */
export function formatRatio(value: number, locale: Locale): string {
  return nf(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

/** A rule's ratio as written in a plan: 0.1 → "10%", 0.125 → "12.5%". */
export function formatRuleRatio(value: number, locale: Locale): string {
  return nf(locale, { style: 'percent', maximumFractionDigits: 2 }).format(value);
}

/**
 * Money given in whole yuan: Chinese readers get 元 below ten thousand and 万元 from there on
 * (49,000,000 → "4,900万元", 1,234,500 → "123.45万元"); English readers get "¥49,000,000".
 */
export function formatMoney(yuan: number, locale: Locale): string {
  if (locale === 'en') return `¥${formatNumber(yuan, locale, 2)}`;
  if (Math.abs(yuan) >= 10_000) return `${formatNumber(yuan / 10_000, locale, 2)}万元`;
  return `${formatNumber(yuan, locale, 2)}元`;
}

function zoned(value: string | number | Date, zone: string): DateTime | undefined {
  const t =
    typeof value === 'number' ? DateTime.fromMillis(value) : value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(value, { zone });
  return t.isValid ? t.setZone(zone) : undefined;
}

/** An instant in the plan's zone: "2026年11月1日 23:59" / "1 Nov 2026, 23:59". Unparseable input is shown as given. */
export function formatInstant(value: string | number | Date, locale: Locale, zone = DEFAULT_TIME_ZONE): string {
  const t = zoned(value, zone);
  if (!t) return String(value);
  if (locale === 'en') return t.setLocale('en-GB').toFormat('d LLL yyyy, HH:mm');
  return `${t.year}年${t.month}月${t.day}日 ${t.toFormat('HH:mm')}`;
}

/** A calendar day: "11月1日" in the reference year, else "2027年1月5日"; "1 Nov" / "5 Jan 2027". */
export function formatDay(value: string, locale: Locale, opts: { zone?: string; referenceYear?: number } = {}): string {
  const zone = opts.zone ?? DEFAULT_TIME_ZONE;
  const t = /^\d{4}-\d{2}-\d{2}$/.test(value) ? DateTime.fromISO(value, { zone }) : zoned(value, zone);
  if (!t || !t.isValid) return String(value);
  const withYear = opts.referenceYear === undefined || t.year !== opts.referenceYear;
  if (locale === 'en') return t.setLocale('en-GB').toFormat(withYear ? 'd LLL yyyy' : 'd LLL');
  return `${withYear ? `${t.year}年` : ''}${t.month}月${t.day}日`;
}

/** The day part (YYYY-MM-DD) of an instant in the plan's zone. */
export function dayInZone(value: string | number | Date, zone = DEFAULT_TIME_ZONE): string | undefined {
  return zoned(value, zone)?.toISODate() ?? undefined;
}

/**
 * A deadline: one given as a day (due at its end, 23:59:59 local) reads as the day ("11月1日"); an exact one
 * reads as the instant ("2026年11月1日 23:59").
 */
export function formatDeadline(value: string, locale: Locale, opts: { zone?: string; referenceYear?: number } = {}): string {
  const zone = opts.zone ?? DEFAULT_TIME_ZONE;
  const t = zoned(value, zone);
  if (!t) return String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) || (t.hour === 23 && t.minute === 59 && t.second === 59)) {
    return formatDay(t.toISODate() as string, locale, opts);
  }
  return formatInstant(value, locale, zone);
}
