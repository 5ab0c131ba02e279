import { ApplicationFailure } from '@temporalio/common';
import { deterministic } from '../../../../activities/project/project.activities';
import { seedCalendarFromPackage } from '../calendar/seed';
import { DomainValidationError } from '../errors';
import { assertWithinDateBounds, withinDateBounds } from './bounds';
import { planDeadline } from './plan';
import { DEFAULT_POLICY } from './policy';

describe('the date bound of the domain (2000-01-01 to 2100-12-31)', () => {
  it('takes the first and last day in any zone, and refuses year 0, 1999, 2101 and 9999', () => {
    expect(['2000-01-01', '2000-01-01T00:00:00+08:00', '2100-12-31', '2100-12-31T23:59:59+08:00', '2026-11-13T18:00:00+08:00'].map(withinDateBounds)).toEqual([true, true, true, true, true]);
    expect(['0000-01-01', '1999-12-30', '2101-01-02', '9999-12-31', '9999-12-31T17:00:00+08:00', 'not a date'].map(withinDateBounds)).toEqual([false, false, false, false, false, false]);
    expect(() => assertWithinDateBounds('9999-12-31', 'dueAt')).toThrow(new DomainValidationError('dueAt', 'must be a date from 2000-01-01 to 2100-12-31, got "9999-12-31"', { code: 'field.date-bounds' }));
  });

  it('the deadline planner refuses a deadline outside the bound at once, naming the field', () => {
    const calendar = seedCalendarFromPackage();
    const started = Date.now();
    expect(() => planDeadline({ deadline: '9999-12-31T17:00:00+08:00', policy: DEFAULT_POLICY, calendar })).toThrow(DomainValidationError);
    expect(() => planDeadline({ deadline: '0000-01-01T00:00:00Z', policy: DEFAULT_POLICY, calendar })).toThrow(/deadline: must be a date from 2000-01-01/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('the planning activity turns it into a non-retryable ValidationError naming the milestone field', () => {
    const calendar = seedCalendarFromPackage();
    let failure: unknown;
    try {
      deterministic(() => planDeadline({ deadline: '9999-12-31T17:00:00+08:00', policy: DEFAULT_POLICY, calendar }), 'milestones.m1.');
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'ValidationError', nonRetryable: true, details: [{ field: 'milestones.m1.deadline' }] });
  });
});
