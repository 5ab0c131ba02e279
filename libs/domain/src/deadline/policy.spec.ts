import { DomainValidationError } from '../errors';
import { DEFAULT_POLICY, DeadlinePolicy, mergePolicy, validatePolicy, validatePolicyOverride } from './policy';

const withPolicy = (patch: Record<string, unknown>) => ({ ...DEFAULT_POLICY, ...patch });
const failure = (input: unknown) => {
  try {
    validatePolicy(input);
  } catch (e) {
    if (e instanceof DomainValidationError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected the policy to be refused');
};

describe('deadline policy validation', () => {
  it('accepts the default policy and defaults the time zone', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    const { timeZone, ...noZone } = DEFAULT_POLICY;
    expect(timeZone).toBe('Asia/Shanghai');
    expect(validatePolicy(noZone).timeZone).toBe('Asia/Shanghai');
  });

  it('names the escalation step with a bad duration', () => {
    const escalations = [DEFAULT_POLICY.escalations[0], { ...DEFAULT_POLICY.escalations[1], after: '3 days' }];
    expect(failure(withPolicy({ escalations }))).toEqual({ field: 'policy.escalations[1].after', message: expect.stringContaining('"3 days"') });
  });

  it('names the reminder with a bad duration', () => {
    expect(failure(withPolicy({ reminders: ['P5D', 'P1'] })).field).toBe('policy.reminders[1]');
  });

  it('refuses escalation levels that do not increase', () => {
    const escalations = [
      { after: 'P1D', level: 2, notify: ['unitHead'] },
      { after: 'P3D', level: 2, notify: ['office'] },
    ];
    expect(failure(withPolicy({ escalations }))).toEqual({ field: 'policy.escalations[1].level', message: expect.stringContaining('2 follows 2') });
  });

  it('refuses escalations that do not come later than the previous one', () => {
    const escalations = [
      { after: 'P3D', level: 1, notify: ['unitHead'] },
      { after: 'P1D', level: 2, notify: ['office'] },
    ];
    expect(failure(withPolicy({ escalations })).field).toBe('policy.escalations[1].after');
  });

  it('refuses a tolerance of 1.5', () => {
    expect(failure(withPolicy({ tolerance: 1.5 }))).toEqual({ field: 'policy.tolerance', message: expect.stringContaining('from 0 to 1') });
  });

  it.each([
    [{ timeZone: 'Asia/Beijing' }, 'policy.timeZone'],
    [{ calendar: 'lunar' }, 'policy.calendar'],
    [{ repeatEvery: 'PT0S' }, 'policy.repeatEvery'],
    [{ warningWindow: undefined }, 'policy.warningWindow'],
    [{ escalations: [{ after: 'P1D', level: 1, notify: ['mayor'] }] }, 'policy.escalations[0].notify[0]'],
    [{ reminder: ['P1D'] }, 'policy.reminder'],
  ])('refuses %j at %s', (patch, field) => {
    expect(failure(withPolicy(patch)).field).toBe(field);
  });

  it('uses the caller’s field prefix', () => {
    expect(() => validatePolicy(withPolicy({ tolerance: -1 }), 'plan.policy')).toThrow(expect.objectContaining({ field: 'plan.policy.tolerance' }));
  });
});

describe('per-project override of the plan policy', () => {
  it('replaces only the fields given', () => {
    const merged: DeadlinePolicy = mergePolicy(DEFAULT_POLICY, { calendar: 'natural', reminders: ['P3D'] });
    expect(merged).toEqual({ ...DEFAULT_POLICY, calendar: 'natural', reminders: ['P3D'] });
    expect(mergePolicy(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
    expect(mergePolicy(DEFAULT_POLICY, { tolerance: undefined }).tolerance).toBe(0.1);
  });

  it('refuses an invalid override', () => {
    expect(() => mergePolicy(DEFAULT_POLICY, { tolerance: 2 })).toThrow(DomainValidationError);
    expect(() => validatePolicyOverride({ repeatEvery: 'weekly' })).toThrow(expect.objectContaining({ field: 'policyOverride.repeatEvery' }));
    expect(validatePolicyOverride({ warningWindow: 'P10D' })).toEqual({ warningWindow: 'P10D' });
  });
});
