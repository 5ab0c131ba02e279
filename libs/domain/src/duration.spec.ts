import { durationToMillis, hasDatePart, isIsoDuration, parseIsoDuration } from './duration';
import { DomainValidationError } from './errors';

describe('ISO 8601 durations in policies', () => {
  it('reads the forms policies use', () => {
    expect(parseIsoDuration('P5D')).toEqual({ years: 0, months: 0, weeks: 0, days: 5, hours: 0, minutes: 0, seconds: 0 });
    expect(parseIsoDuration('P1DT2H')).toMatchObject({ days: 1, hours: 2 });
    expect(parseIsoDuration('P2W')).toMatchObject({ weeks: 2, days: 0 });
    expect(parseIsoDuration('P1Y2M')).toMatchObject({ years: 1, months: 2 });
    expect(parseIsoDuration('PT30S')).toMatchObject({ seconds: 30, days: 0 });
  });

  it('turns the clock part into milliseconds, fractions included', () => {
    expect(durationToMillis('PT30S')).toBe(30_000);
    expect(durationToMillis('PT1.5S')).toBe(1_500);
    expect(durationToMillis('P1DT2H30M')).toBe((2 * 60 + 30) * 60_000); // the day is calendar-dependent, not counted
    expect(hasDatePart('PT30S')).toBe(false);
    expect(hasDatePart('P1DT2H')).toBe(true);
  });

  it.each(['P', 'PT', 'P5DT', '5D', 'p5d', '-P5D', 'P-5D', 'P1.5D', 'P5D ', ''])('refuses %j', (s) => {
    expect(isIsoDuration(s)).toBe(false);
    expect(() => parseIsoDuration(s)).toThrow(DomainValidationError);
  });

  it('names the field in the error', () => {
    expect(() => parseIsoDuration('5 days', 'policy.reminders[0]')).toThrow(
      expect.objectContaining({ field: 'policy.reminders[0]', message: expect.stringContaining('"5 days"') }),
    );
  });
});
