import { mergeCalendar } from '../calendar/calendar';
import { seedCalendarFromPackage } from '../calendar/seed';
import { DeadlineEvent, planDeadline, shiftByPolicyDuration } from './plan';
import { DEFAULT_POLICY, DeadlinePolicy } from './policy';

// Official 2026 schedule: Mid-Autumn Fri 09-25..Sun 09-27 off, National Day Thu 10-01..Wed 10-07 off,
// swapped working days Sun 09-20 and Sat 10-10. 2027 is not published.
const calendar = seedCalendarFromPackage([2025, 2026]);
const workdays: DeadlinePolicy = { ...DEFAULT_POLICY, reminders: ['P8D', 'P5D', 'P1D'] };
const natural: DeadlinePolicy = { ...workdays, calendar: 'natural' };

const at = (events: DeadlineEvent[], kind: DeadlineEvent['kind'], offset: string) =>
  events.filter((e) => e.kind === kind && e.offset === offset).map((e) => e.at);

describe('deadline plan around the 2026 National Day holiday', () => {
  const deadline = '2026-10-08T17:00:00+08:00'; // first working day after the holiday

  it('workdays: reminders skip the holiday and count the swapped Sunday', () => {
    const { events, notes } = planDeadline({ deadline, policy: workdays, calendar });
    expect(at(events, 'reminder', '-P1D')).toEqual(['2026-09-30T17:00:00+08:00']);
    expect(at(events, 'reminder', '-P5D')).toEqual(['2026-09-23T17:00:00+08:00']); // 09-30, 29, 28, (Mid-Autumn), 24, 23
    expect(at(events, 'reminder', '-P8D')).toEqual(['2026-09-20T17:00:00+08:00']); // the swapped Sunday is the 8th working day
    expect(at(events, 'warning', '-P5D')).toEqual(['2026-09-23T17:00:00+08:00']);
    expect(notes).toEqual([]);
  });

  it('workdays: escalations count the swapped Saturday', () => {
    const { events } = planDeadline({ deadline, policy: workdays, calendar });
    expect(at(events, 'overdue', 'PT0S')).toEqual([deadline]);
    expect(at(events, 'escalation', '+P1D')).toEqual(['2026-10-09T17:00:00+08:00']);
    expect(at(events, 'escalation', '+P3D')).toEqual(['2026-10-12T17:00:00+08:00']); // 10-09, Sat 10-10, Mon 10-12
    expect(at(events, 'escalation', '+P7D')[0]).toBe('2026-10-16T17:00:00+08:00');
  });

  it('natural: plain calendar days', () => {
    const { events } = planDeadline({ deadline, policy: natural, calendar });
    expect(at(events, 'reminder', '-P8D')).toEqual(['2026-09-30T17:00:00+08:00']);
    expect(at(events, 'reminder', '-P5D')).toEqual(['2026-10-03T17:00:00+08:00']);
    expect(at(events, 'reminder', '-P1D')).toEqual(['2026-10-07T17:00:00+08:00']);
    expect(at(events, 'escalation', '+P1D')).toEqual(['2026-10-09T17:00:00+08:00']);
    expect(at(events, 'escalation', '+P3D')).toEqual(['2026-10-11T17:00:00+08:00']);
  });

  it('lists events in time order with who is told', () => {
    const { events } = planDeadline({ deadline, policy: workdays, calendar, repeatCount: 0 });
    expect(events.map((e) => [e.kind, e.offset, e.level ?? null, e.notify])).toEqual([
      ['reminder', '-P8D', null, ['owner']],
      ['warning', '-P5D', null, ['owner']], // same instant as the P5D reminder: policy order kept
      ['reminder', '-P5D', null, ['owner']],
      ['reminder', '-P1D', null, ['owner']],
      ['overdue', 'PT0S', null, ['owner']],
      ['escalation', '+P1D', 1, ['unitHead']],
      ['escalation', '+P3D', 2, ['office']],
      ['escalation', '+P7D', 3, ['leader']],
    ]);
    expect(events.find((e) => e.level === 3)?.circular).toBe(true);
  });

  it('counts days in the policy time zone, whatever offset the deadline comes with', () => {
    // 2026-10-07T16:30Z is 00:30 on 10-08 in Shanghai
    const { deadline: d, events } = planDeadline({ deadline: '2026-10-07T16:30:00Z', policy: workdays, calendar });
    expect(d).toBe('2026-10-08T00:30:00+08:00');
    expect(at(events, 'reminder', '-P1D')).toEqual(['2026-09-30T00:30:00+08:00']);
  });
});

describe('deadline plan rules', () => {
  it('escalations +P1D/+P3D skip a weekend', () => {
    const friday = '2026-11-13T18:00:00+08:00';
    expect(at(planDeadline({ deadline: friday, policy: workdays, calendar }).events, 'escalation', '+P1D')).toEqual(['2026-11-16T18:00:00+08:00']);
    expect(at(planDeadline({ deadline: friday, policy: workdays, calendar }).events, 'escalation', '+P3D')).toEqual(['2026-11-18T18:00:00+08:00']);
    expect(at(planDeadline({ deadline: friday, policy: natural, calendar }).events, 'escalation', '+P1D')).toEqual(['2026-11-14T18:00:00+08:00']);
  });

  it('a 2027 deadline counts weekdays and says so', () => {
    const { events, notes } = planDeadline({ deadline: '2027-01-04T09:00:00+08:00', policy: DEFAULT_POLICY, calendar });
    expect(at(events, 'reminder', '-P1D')).toEqual(['2027-01-01T09:00:00+08:00']); // New Year's Day, but 2027 is unpublished
    expect(at(events, 'reminder', '-P5D')).toEqual(['2026-12-28T09:00:00+08:00']);
    expect(notes).toEqual(['2027 has no published holiday schedule: Monday–Friday counted as working days']);
  });

  it('once an admin publishes 2027 the reminder moves and the note goes away', () => {
    const published = mergeCalendar(calendar, { years: { '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } } });
    const { events, notes } = planDeadline({ deadline: '2027-01-04T09:00:00+08:00', policy: DEFAULT_POLICY, calendar: published });
    expect(at(events, 'reminder', '-P1D')).toEqual(['2026-12-31T09:00:00+08:00']);
    expect(notes).toEqual([]);
  });

  it('an override making a date off moves the reminder', () => {
    const local = mergeCalendar(calendar, { overrides: { '2026-09-30': 'off' } });
    const { events } = planDeadline({ deadline: '2026-10-08T17:00:00+08:00', policy: DEFAULT_POLICY, calendar: local });
    expect(at(events, 'reminder', '-P1D')).toEqual(['2026-09-29T17:00:00+08:00']);
  });

  it('PT30S-scale policies give instants 30 s apart in both calendars, even on a holiday', () => {
    const fast: DeadlinePolicy = {
      ...DEFAULT_POLICY,
      reminders: ['PT60S', 'PT30S'],
      warningWindow: 'PT90S',
      escalations: [
        { after: 'PT30S', level: 1, notify: ['unitHead'] },
        { after: 'PT60S', level: 2, notify: ['office'] },
        { after: 'PT90S', level: 3, notify: ['leader'], circular: true },
      ],
      repeatEvery: 'PT30S',
    };
    const deadline = '2026-10-03T12:00:00+08:00'; // a Saturday inside the National Day holiday
    for (const policy of [fast, { ...fast, calendar: 'natural' as const }]) {
      const { events } = planDeadline({ deadline, policy, calendar });
      expect(events.map((e) => e.at)).toEqual(
        ['11:58:30', '11:59:00', '11:59:30', '12:00:00', '12:00:30', '12:01:00', '12:01:30', '12:02:00', '12:02:30', '12:03:00'].map(
          (t) => `2026-10-03T${t}+08:00`,
        ),
      );
      expect(events.map((e) => e.kind)).toEqual(['warning', 'reminder', 'reminder', 'overdue', 'escalation', 'escalation', 'escalation', 'escalation', 'escalation', 'escalation']);
    }
    expect(shiftByPolicyDuration(deadline, 'PT1.5S', 1, fast, calendar)).toBe('2026-10-03T12:00:01.500+08:00');
  });

  it('repeats the top level every repeatEvery until accepted', () => {
    const { events } = planDeadline({ deadline: '2026-11-13T18:00:00+08:00', policy: DEFAULT_POLICY, calendar });
    const top = events.filter((e) => e.level === 3);
    expect(top.map((e) => [e.at, e.repeat, e.offset])).toEqual([
      ['2026-11-24T18:00:00+08:00', 0, '+P7D'],
      ['2026-12-03T18:00:00+08:00', 1, '+P7D'],
      ['2026-12-14T18:00:00+08:00', 2, '+P7D'],
      ['2026-12-23T18:00:00+08:00', 3, '+P7D'],
    ]);
    expect(top.every((e) => e.kind === 'escalation' && e.notify.join() === 'leader' && e.circular)).toBe(true);
    expect(planDeadline({ deadline: '2026-11-13T18:00:00+08:00', policy: DEFAULT_POLICY, calendar, repeatCount: 1 }).events.filter((e) => e.level === 3)).toHaveLength(2);
    const { repeatEvery, ...once } = DEFAULT_POLICY;
    expect(repeatEvery).toBe('P7D');
    expect(planDeadline({ deadline: '2026-11-13T18:00:00+08:00', policy: once, calendar }).events.filter((e) => e.level === 3)).toHaveLength(1);
  });

  it('a reminder landing on a day off goes to the working day before, an escalation to the one after', () => {
    const policy: DeadlinePolicy = { ...DEFAULT_POLICY, reminders: ['P1M'] };
    expect(shiftByPolicyDuration('2026-11-01T09:00:00+08:00', 'P1M', -1, policy, calendar)).toBe('2026-09-30T09:00:00+08:00'); // 10-01 is off
    expect(shiftByPolicyDuration('2026-09-01T09:00:00+08:00', 'P1M', 1, policy, calendar)).toBe('2026-10-08T09:00:00+08:00');
    expect(shiftByPolicyDuration('2026-10-04T09:00:00+08:00', 'P1D', -1, policy, calendar)).toBe('2026-09-30T09:00:00+08:00'); // due on a day off
    expect(shiftByPolicyDuration('2026-09-30T09:00:00+08:00', 'P1W', 1, policy, calendar)).toBe('2026-10-13T09:00:00+08:00'); // a week = 5 working days: 10-08, 09, Sat 10, 12, 13
    expect(shiftByPolicyDuration('2026-09-30T09:00:00+08:00', 'P1DT2H', 1, policy, calendar)).toBe('2026-10-08T11:00:00+08:00');
  });

  it('refuses a deadline that is not an instant', () => {
    expect(() => planDeadline({ deadline: 'next Friday', policy: DEFAULT_POLICY, calendar })).toThrow(expect.objectContaining({ field: 'deadline' }));
  });
});
