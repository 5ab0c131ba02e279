import { packageScheduleYears, seedCalendarFromPackage } from './seed';

describe('calendar seeded from chinese-days', () => {
  it('knows 2026 but not 2027', () => {
    expect(packageScheduleYears()).toContain(2026);
    expect(packageScheduleYears()).not.toContain(2027);
    expect(Object.keys(seedCalendarFromPackage([2026, 2027]).years)).toEqual(['2026']);
  });

  it('carries the 2026 National Day holiday and its swapped working days', () => {
    const y2026 = seedCalendarFromPackage([2026]).years['2026'];
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-10-01', '2026-10-04', '2026-10-07', '2026-09-25']));
    expect(y2026.holidays).not.toContain('2026-10-08');
    expect(y2026.workdays).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
    expect(y2026.holidays.every((d) => d.startsWith('2026-'))).toBe(true);
  });
});
