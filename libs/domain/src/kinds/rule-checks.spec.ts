import { nextRuleCheck } from './rule-checks';

const at = (iso: string) => Date.parse(iso);

describe('when a rule can change colour with the date alone', () => {
  it('a rotation turns on its check date, at midnight in Shanghai, and never after', () => {
    const targets = { checkDate: '2027-09-30' };
    expect(nextRuleCheck('teacher_rotation', targets, at('2027-03-01T00:00:00Z'))).toBe(at('2027-09-29T16:00:00Z'));
    expect(nextRuleCheck('teacher_rotation', targets, at('2027-09-30T00:00:00Z'))).toBeUndefined();
  });

  it('an indicator without a check date has nothing to wait for', () => {
    expect(nextRuleCheck('indicator', { threshold: 0.85, direction: '>=' }, at('2027-03-01T00:00:00Z'))).toBeUndefined();
  });

  it('training is looked at weekly while its period runs, then at the end of the hours cycle', () => {
    const targets = { start: '2027-01-01', end: '2027-12-31', personTimes: { county: 6000 }, hoursCycle: { hoursPerTeacher: 360, start: '2027-01-01', end: '2031-12-31' } };
    const start = at('2026-12-31T16:00:00Z');
    expect(nextRuleCheck('training_quota', targets, start + 1000)).toBe(start + 7 * 86_400_000);
    expect(nextRuleCheck('training_quota', targets, at('2028-06-01T00:00:00Z'))).toBe(at('2031-12-30T16:00:00Z'));
  });

  it('generic projects and schools (whose stages are milestones) need no rule timer', () => {
    expect(nextRuleCheck('generic', {}, 0)).toBeUndefined();
    expect(nextRuleCheck('school_construction', { seatsPlanned: 1, classesPlanned: 1, investmentPlanned: 1 }, 0)).toBeUndefined();
  });
});
