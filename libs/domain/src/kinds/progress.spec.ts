import { DomainValidationError } from '../errors';
import { behindExpectation, expectedProgress } from './progress';

describe('expected progress', () => {
  // 2024 is a leap year: 2 July 00:00 is exactly half of its 366 days.
  it('is linear over the period, with the last day included', () => {
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-07-02')).toBe(0.5);
    expect(expectedProgress('2024-01-01', '2024-12-31', '2023-12-31T23:00:00+08:00')).toBe(0);
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-12-31T12:00:00+08:00')).toBeLessThan(1);
    expect(expectedProgress('2024-01-01', '2024-12-31', '2025-01-01')).toBe(1);
  });

  it('counts days in the plan zone: 16:00 UTC on 1 July is 2 July in Beijing', () => {
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-07-01T16:00:00Z')).toBe(0.5);
  });

  it('follows a planned curve, interpolating between its points', () => {
    const curve = [
      { at: '2024-06-30', share: 0.2 },
      { at: '2024-09-30', share: 0.9 },
    ];
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-07-01', curve)).toBeCloseTo(0.2, 9);
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-10-01', curve)).toBeCloseTo(0.9, 9);
    expect(expectedProgress('2024-01-01', '2024-12-31', '2024-08-16', curve)).toBeCloseTo(0.2 + 0.7 * (46 / 92), 9);
  });

  it('refuses a curve that goes backwards, naming the point', () => {
    const at = (curve: unknown) => {
      try {
        expectedProgress('2024-01-01', '2024-12-31', '2024-07-01', curve as never);
      } catch (e) {
        return (e as DomainValidationError).field;
      }
    };
    expect(at([{ at: '2024-06-30', share: 0.5 }, { at: '2024-09-30', share: 0.4 }])).toBe('curve[1].share');
    expect(at([{ at: '2024-06-30', share: 0.2 }, { at: '2024-06-30', share: 0.4 }])).toBe('curve[1].at');
    expect(at([{ at: '2025-06-30', share: 0.2 }])).toBe('curve[0].at');
    expect(at([{ at: '2024-06-30', share: 20 }])).toBe('curve[0].share');
  });

  it('is behind only when trailing by more than the tolerance', () => {
    expect(behindExpectation(0.4, 0.5, 0.1)).toBe(false);
    expect(behindExpectation(0.399, 0.5, 0.1)).toBe(true);
    expect(behindExpectation(0.7, 0.5, 0)).toBe(false);
  });
});
