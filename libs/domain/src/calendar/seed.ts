import packageData from 'chinese-days/dist/chinese-days.json';
import type { CalendarData } from './calendar';

// Dates map to "English name,中文名,days"; only the dates matter here.
const data = packageData as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Years for which the chinese-days package carries the official schedule (2004–2026 in 1.5.7). */
export function packageScheduleYears(): number[] {
  const years = new Set([...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** The official schedule from the chinese-days package, for `years` (default: all it knows). Years it does not know are left out: they count Monday–Friday. */
export function seedCalendarFromPackage(years: number[] = packageScheduleYears()): CalendarData {
  const known = packageScheduleYears();
  const calendar: CalendarData = { years: {} };
  for (const y of [...new Set(years)].filter((y) => known.includes(y)).sort()) calendar.years[y] = { holidays: [], workdays: [] };
  for (const kind of ['holidays', 'workdays'] as const) {
    for (const date of Object.keys(data[kind]).sort()) calendar.years[date.slice(0, 4)]?.[kind].push(date);
  }
  return calendar;
}
