import { DataSource } from 'typeorm';
import { CalendarData } from '../../libs/domain/src/calendar';
import { packageScheduleYears, seedCalendarFromPackage } from '../../libs/domain/src/calendar/seed';

export const DEFAULT_LOCALITY = 'default';

/** Seeds the calendar table from the package for the years it knows; an admin's edits (source ≠ package) are kept. */
export async function seedCalendar(ds: DataSource, locality = DEFAULT_LOCALITY): Promise<number> {
  const seed = seedCalendarFromPackage(packageScheduleYears());
  let added = 0;
  for (const [year, day] of Object.entries(seed.years)) {
    const res = await ds.query(
      `INSERT INTO calendar_years (locality, year, holidays, workdays, source) VALUES ($1, $2, $3, $4, 'package')
       ON CONFLICT (locality, year) DO NOTHING`,
      [locality, Number(year), day.holidays, day.workdays],
    );
    added += Array.isArray(res) ? 0 : Number(res?.rowCount ?? 0);
  }
  return added;
}

/** The working-day calendar as the product keeps it now. */
export async function loadCalendar(ds: DataSource, locality = DEFAULT_LOCALITY): Promise<CalendarData> {
  const rows: Array<{ year: number; holidays: string[]; workdays: string[] }> = await ds.query(
    'SELECT year, holidays, workdays FROM calendar_years WHERE locality = $1',
    [locality],
  );
  if (rows.length === 0) {
    await seedCalendar(ds, locality);
    return loadCalendar(ds, locality);
  }
  return { years: Object.fromEntries(rows.map((r) => [String(r.year), { holidays: r.holidays, workdays: r.workdays }])) };
}
