/** Dates in the plan's time zone as a Chinese reader writes them, numbers with their units. */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const DEFAULT_TZ = 'Asia/Shanghai';

/** `2026年11月1日 23:59` in the zone. */
export function dateTime(iso: string | null | undefined, tz = DEFAULT_TZ): string {
  if (!iso) return '—';
  return dayjs(iso).tz(tz).format('YYYY年M月D日 HH:mm');
}
/** `2026年11月1日` for a day (`YYYY-MM-DD`) or an instant in the zone. */
export function date(value: string | null | undefined, tz = DEFAULT_TZ): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return dayjs(value).format('YYYY年M月D日');
  return dayjs(value).tz(tz).format('YYYY年M月D日');
}
/** Grouped whole numbers with a unit: `1,200 个学位`. */
export function num(n: unknown, unit = ''): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  const s = Number.isInteger(n) ? n.toLocaleString('zh-CN') : (Math.round(n * 100) / 100).toLocaleString('zh-CN');
  return unit ? `${s} ${unit}` : s;
}
/** A ratio 0..1 as `87.5%` (no float noise). */
export function percent(r: unknown): string {
  if (typeof r !== 'number' || !Number.isFinite(r)) return '—';
  return `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
}
/** 元 as 万元 when large. */
export function yuan(n: unknown): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  return n >= 10000 ? `${(Math.round(n / 100) / 100).toLocaleString('zh-CN')} 万元` : `${n.toLocaleString('zh-CN')} 元`;
}
/** How late, in whole days since the deadline: "逾期3天". */
export function lateness(dueIso: string, now = Date.now()): string {
  const ms = now - Date.parse(dueIso);
  if (ms <= 0) return '';
  const days = Math.floor(ms / 86_400_000);
  if (days >= 1) return `逾期${days}天`;
  const hours = Math.floor(ms / 3_600_000);
  return hours >= 1 ? `逾期${hours}小时` : '刚刚逾期';
}
