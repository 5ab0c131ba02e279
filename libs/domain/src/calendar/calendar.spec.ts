import { DomainValidationError } from '../errors';
import { addWorkdays, hasPublishedSchedule, isWorkday, mergeCalendar, rollToWorkday, validateCalendar, workdaysBetween } from './calendar';
import { seedCalendarFromPackage } from './seed';

// Official 2026 schedule (chinese-days 1.5.7): Mid-Autumn 09-25..27, National Day 10-01..07, swapped workdays Sun 09-20 and Sat 10-10.
const cal = seedCalendarFromPackage([2025, 2026]);

describe('working-day calendar', () => {
  it('follows the official 2026 National Day schedule', () => {
    expect(isWorkday('2026-09-30', cal)).toBe(true);
    expect(isWorkday('2026-10-01', cal)).toBe(false); // Thursday, holiday
    expect(isWorkday('2026-10-03', cal)).toBe(false); // Saturday inside the holiday
    expect(isWorkday('2026-09-25', cal)).toBe(false); // Friday, Mid-Autumn
    expect(isWorkday('2026-09-20', cal)).toBe(true); // Sunday, swapped working day
    expect(isWorkday('2026-10-10', cal)).toBe(true); // Saturday, swapped working day
    expect(isWorkday('2026-10-11', cal)).toBe(false); // ordinary Sunday
  });

  it('counts Monday–Friday in a year without a published schedule', () => {
    expect(hasPublishedSchedule(2026, cal)).toBe(true);
    expect(hasPublishedSchedule(2027, cal)).toBe(false);
    expect(isWorkday('2027-10-01', cal)).toBe(true); // a Friday: National Day 2027 is not published yet
    expect(isWorkday('2027-10-02', cal)).toBe(false);
  });

  it('moves by working days across the holiday', () => {
    expect(addWorkdays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkdays('2026-10-08', -1, cal)).toBe('2026-09-30');
    expect(addWorkdays('2026-10-09', 1, cal)).toBe('2026-10-10');
    expect(addWorkdays('2026-10-03', 1, cal)).toBe('2026-10-08'); // from a day off, +1 is the first working day after it
    expect(addWorkdays('2026-10-03', -1, cal)).toBe('2026-09-30');
    expect(addWorkdays('2026-10-03', 0, cal)).toBe('2026-10-03');
    expect(rollToWorkday('2026-10-03', 'forward', cal)).toBe('2026-10-08');
    expect(rollToWorkday('2026-10-03', 'backward', cal)).toBe('2026-09-30');
    expect(addWorkdays('2026-12-31', 1, cal)).toBe('2027-01-01'); // 2027 unpublished: a Friday counts
  });

  it('counts the working days between two dates', () => {
    expect(workdaysBetween('2026-09-30', '2026-10-08', cal)).toBe(1);
    expect(workdaysBetween('2026-10-08', '2026-09-30', cal)).toBe(-1);
    expect(workdaysBetween('2026-09-30', '2026-10-31', cal)).toBe(18); // October 2026 has 18 working days
    expect(workdaysBetween('2026-10-08', '2026-10-08', cal)).toBe(0);
  });

  it('lets an admin or a locality adjust the calendar, per-date overrides winning', () => {
    const local = mergeCalendar(cal, { overrides: { '2026-10-07': 'work', '2026-10-10': 'off' } });
    expect(isWorkday('2026-10-07', local)).toBe(true);
    expect(isWorkday('2026-10-10', local)).toBe(false);
    expect(addWorkdays('2026-10-08', -1, local)).toBe('2026-10-07');
    expect(isWorkday('2026-10-07', cal)).toBe(false); // the base is not changed

    const published = mergeCalendar(local, { years: { '2027': { holidays: ['2027-01-01'], workdays: [] } } });
    expect(hasPublishedSchedule(2027, published)).toBe(true);
    expect(isWorkday('2027-01-01', published)).toBe(false);
    expect(published.overrides).toEqual({ '2026-10-07': 'work', '2026-10-10': 'off' });
  });

  it('refuses malformed dates and calendar data, naming the field', () => {
    expect(() => isWorkday('2026-02-30', cal)).toThrow(DomainValidationError);
    expect(() => isWorkday('2026/10/01', cal)).toThrow(DomainValidationError);
    expect(() => validateCalendar({ years: { '2027': { holidays: ['2027-13-01'], workdays: [] } } })).toThrow(
      expect.objectContaining({ field: 'calendar.years.2027.holidays[0]' }),
    );
    expect(() => validateCalendar({ years: {}, overrides: { '2026-10-07': 'yes' } })).toThrow(
      expect.objectContaining({ field: 'calendar.overrides.2026-10-07' }),
    );
    expect(validateCalendar(cal)).toEqual(cal);
  });
});
