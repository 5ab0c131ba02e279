import { evaluateTraining } from './training-quota';
import { renderText } from '../../../i18n/src';
const say = (r: { code: string; params?: Record<string, string | number | boolean> }, locale: 'zh-CN' | 'en', now: string) => renderText(r, { locale, now: Date.parse(now) });

// 2024 is a leap year: on 2 July half of the year has gone.
const year = { start: '2024-01-01', end: '2024-12-31' };
const targets = { ...year, personTimes: { municipal: 500, county: 6000, school: 9000 } };
const midYear = '2024-07-02';
const level = (r: ReturnType<typeof evaluateTraining>, l: string) => r.levels.find((x) => x.level === l)!;

describe('training quotas', () => {
  it('shows each level against its target and the pro-rated expectation', () => {
    const result = evaluateTraining(targets, { personTimes: { municipal: 300, county: 3000, school: 4500 } }, midYear);
    expect(result.status).toBe('green');
    expect(result.expectedShare).toBe(0.5);
    expect(result.levels).toEqual([
      { level: 'municipal', actual: 300, target: 500, completionRate: 0.6, expected: 250 },
      { level: 'county', actual: 3000, target: 6000, completionRate: 0.5, expected: 3000 },
      { level: 'school', actual: 4500, target: 9000, completionRate: 0.5, expected: 4500 },
    ]);
    expect(result.reasons.map((r) => r.code)).toEqual(['training.on-schedule']);
  });

  it('tolerates trailing by exactly the tolerance, not a person-time more', () => {
    const figures = (county: number) => ({ personTimes: { municipal: 250, county, school: 4500 } });
    expect(evaluateTraining(targets, figures(2400), midYear, 0.1).status).toBe('green');
    const behind = evaluateTraining(targets, figures(2399), midYear, 0.1);
    expect(behind.status).toBe('yellow');
    expect(behind.reasons).toEqual([expect.objectContaining({ code: 'training.behind-schedule', rule: 'target=6000, tolerance=0.1' })]);
    expect(say(behind.reasons[0], 'zh-CN', midYear)).toBe('县级培训完成2,399人次，目标6,000人次（39.98%）；按进度目前应完成3,000人次（50.0%）');
    expect(say(behind.reasons[0], 'en', midYear)).toBe('Training (county): 2,399 of 6,000 person-times (39.98%); 3,000 (50.0%) expected by now.');
  });

  it('counts a level nobody reported as zero', () => {
    const result = evaluateTraining(targets, { personTimes: { county: 3000, school: 4500 } }, midYear);
    expect(result.status).toBe('yellow');
    expect(level(result, 'municipal')).toMatchObject({ actual: 0, completionRate: 0 });
  });

  it('fails a level short of its target once the period is over', () => {
    const figures = { personTimes: { municipal: 500, county: 6000, school: 8999 } };
    expect(evaluateTraining(targets, figures, '2024-12-31T18:00:00+08:00').status).toBe('green');
    const after = evaluateTraining(targets, figures, '2025-01-01');
    expect(after.status).toBe('red');
    expect(after.reasons.map((r) => r.code)).toEqual(['training.quota-missed']);
    expect(evaluateTraining(targets, { personTimes: { ...figures.personTimes, school: 9000 } }, '2025-01-01').reasons.map((r) => r.code)).toEqual([
      'training.targets-reached',
    ]);
  });

  it('reports exceeding a target as a completion rate above 100%', () => {
    const result = evaluateTraining(targets, { personTimes: { municipal: 650, county: 6000, school: 9000 } }, midYear);
    expect(result.status).toBe('green');
    expect(level(result, 'municipal').completionRate).toBe(1.3);
  });

  it('tracks an all-levels total', () => {
    const result = evaluateTraining({ ...year, personTimes: {}, totalPersonTimes: 9000 }, { personTimes: { national: 100, county: 2000, school: 1000 } }, midYear);
    expect(level(result, 'total')).toMatchObject({ actual: 3100, target: 9000, expected: 4500 });
    expect(result.status).toBe('yellow');
  });

  it('follows a planned curve instead of a straight line', () => {
    const curve = [{ at: '2024-06-30', share: 0.2 }];
    const figures = { personTimes: { municipal: 100, county: 1200, school: 1800 } };
    expect(evaluateTraining(targets, figures, '2024-07-01', 0.1).status).toBe('yellow');
    expect(evaluateTraining(targets, figures, '2024-07-01', 0.1, curve).status).toBe('green');
  });

  it('checks hours per teacher over the five-year cycle (360 h)', () => {
    // 2021-01-01..2025-12-31 has 1826 days; 2023-07-02 is day 912, just under half-way.
    const withHours = { ...targets, hoursCycle: { hoursPerTeacher: 360, start: '2021-01-01', end: '2025-12-31', teachers: 4200 } };
    const onTrack = { municipal: 250, county: 3000, school: 4500 };
    const mid = evaluateTraining(withHours, { personTimes: onTrack, averageHoursPerTeacher: 150 }, '2023-07-02');
    expect(mid.hours).toMatchObject({ hoursPerTeacher: 360, totalHoursTarget: 1_512_000, expected: 179.8 });
    expect(mid.status).toBe('green');
    const behind = evaluateTraining(withHours, { personTimes: onTrack, averageHoursPerTeacher: 140 }, '2023-07-02');
    expect(behind.reasons.map((r) => r.code)).toContain('training.hours-behind-schedule');
    const done = evaluateTraining(withHours, { personTimes: { municipal: 500, county: 6000, school: 9000 }, averageHoursPerTeacher: 350 }, '2026-01-01');
    expect(done.status).toBe('red');
    expect(done.reasons.map((r) => r.code)).toEqual(['training.hours-missed']);
  });
});
