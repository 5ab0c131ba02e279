import { DomainValidationError } from '../errors';
import { canAcceptStage, evaluateSchoolConstruction, SCHOOL_STAGES, schoolMilestonesFromOpening, StageKey } from './school-construction';
import { renderText } from '../../../i18n/src';
const say = (r: { code: string; params?: Record<string, string | number | boolean> }, locale: 'zh-CN' | 'en', now: string) => renderText(r, { locale, now: Date.parse(now) });

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainValidationError).field;
  }
};
const stagesUpTo = (key: StageKey) => SCHOOL_STAGES.slice(0, SCHOOL_STAGES.findIndex((s) => s.key === key) + 1).map((s) => s.key);

// A campus that must be in use by the end of August 2025.
const opening = '2025-08-31';
const milestones = schoolMilestonesFromOpening(opening);
const targets = { seatsPlanned: 3000, classesPlanned: 60, investmentPlanned: 100_000_000 };

describe('school construction stages', () => {
  it('runs 立项 → 设计 → 招标 → 开工 → 主体封顶 → 竣工验收 → 投入使用', () => {
    expect(SCHOOL_STAGES.map((s) => s.name)).toEqual(['立项', '设计', '招标', '开工', '主体封顶', '竣工验收', '投入使用']);
    expect(SCHOOL_STAGES.map((s) => s.key)).toEqual(['approval', 'design', 'tendering', 'construction_start', 'topping_out', 'completion_acceptance', 'opening']);
  });

  it('spreads the stages over the 24 months before opening by default', () => {
    expect(milestones.map((m) => [m.id, m.dueDate, m.order])).toEqual([
      ['approval', '2023-09-30', 1],
      ['design', '2023-12-31', 2],
      ['tendering', '2024-03-01', 3],
      ['construction_start', '2024-03-31', 4],
      ['topping_out', '2024-11-30', 5],
      ['completion_acceptance', '2025-07-01', 6],
      ['opening', '2025-08-31', 7],
    ]);
    expect(milestones.reduce((sum, m) => sum + m.weight, 0)).toBeCloseTo(1, 9);
  });

  it('keeps explicit stage dates and fits the other stages between them', () => {
    const ms = schoolMilestonesFromOpening(opening, { stageDates: { approval: '2022-03-01', construction_start: '2024-03-15' } });
    expect(ms.find((m) => m.id === 'approval')!.dueDate).toBe('2022-03-01');
    expect(ms.find((m) => m.id === 'construction_start')!.dueDate).toBe('2024-03-15');
    const days = ms.map((m) => m.dueDate);
    expect([...days].sort()).toEqual(days);
    expect(days[6]).toBe(opening);
  });

  it('refuses explicit stage dates out of order, naming the stage', () => {
    expect(fieldOf(() => schoolMilestonesFromOpening(opening, { stageDates: { design: '2024-05-01', tendering: '2024-04-01' } }))).toBe('stageDates.tendering');
    expect(() => schoolMilestonesFromOpening(opening, { stageDates: { design: '2024-05-01', tendering: '2024-04-01' } })).toThrow('is before 设计 (design) on 2024-05-01');
    expect(fieldOf(() => schoolMilestonesFromOpening(opening, { stageDates: { topping_out: '2025-09-01' } }))).toBe('stageDates.topping_out');
    expect(fieldOf(() => schoolMilestonesFromOpening(opening, { stageDates: { opening: '2025-09-30' } }))).toBe('stageDates.opening');
    expect(fieldOf(() => schoolMilestonesFromOpening(opening, { startDate: '2024-01-01', stageDates: { approval: '2023-06-01' } }))).toBe('stageDates.approval');
    expect(fieldOf(() => schoolMilestonesFromOpening(opening, { startDate: '2025-09-01' }))).toBe('startDate');
    expect(fieldOf(() => schoolMilestonesFromOpening('2025-8-31'))).toBe('openingDate');
  });

  it('accepts stages only in order', () => {
    expect(canAcceptStage('approval', [])).toEqual({ ok: true });
    expect(canAcceptStage('construction_start', stagesUpTo('tendering'))).toEqual({ ok: true });
    const refused = canAcceptStage('topping_out', stagesUpTo('tendering'));
    expect(refused).toMatchObject({ ok: false, code: 'stage.out-of-order' });
    expect(refused.ok === false && refused.reason).toContain('before 开工 (construction start)');
    expect(canAcceptStage('design', ['approval', 'design'])).toMatchObject({ ok: false, code: 'stage.already-accepted' });
    expect(canAcceptStage('roof', [])).toMatchObject({ ok: false, code: 'stage.unknown' });
  });
});

describe('school construction status', () => {
  const evaluate = (accepted: StageKey[], asOf: string, figures = {}) => evaluateSchoolConstruction(targets, figures, accepted, asOf, milestones);

  it('is green with the next stage shown while on schedule', () => {
    const result = evaluate(stagesUpTo('construction_start'), '2024-06-01');
    expect(result.status).toBe('green');
    expect(result.reasons[0]).toMatchObject({ code: 'school.next-stage', milestoneId: 'topping_out' });
  });

  it('warns when a stage is due within 14 days, up to its due day inclusive', () => {
    expect(evaluate(stagesUpTo('construction_start'), '2024-11-15').status).toBe('green');
    expect(evaluate(stagesUpTo('construction_start'), '2024-11-16').reasons).toEqual([expect.objectContaining({ code: 'milestone.due-soon', milestoneId: 'topping_out' })]);
    expect(evaluate(stagesUpTo('construction_start'), '2024-11-30T23:59:00+08:00').status).toBe('yellow');
  });

  it('is red the day after a stage was due and not accepted', () => {
    const result = evaluate(stagesUpTo('construction_start'), '2024-12-01');
    expect(result.status).toBe('red');
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'milestone.overdue', milestoneId: 'topping_out' })]);
    expect(say(result.reasons[0], 'zh-CN', '2024-12-01')).toMatch(/^“主体封顶”应于11月\d+日完成，尚未验收，已逾期1天$/);
  });

  it('calls out a missed opening day as the hard deadline', () => {
    const result = evaluate(stagesUpTo('completion_acceptance'), '2025-09-01');
    expect(result.status).toBe('red');
    expect(result.reasons.map((r) => r.code)).toEqual(['school.opening-overdue']);
  });

  it('flags investment spent behind the milestone plan by more than the tolerance', () => {
    // The day after topping-out is due, 60% of the investment (stages up to 主体封顶) is expected spent.
    const accepted = stagesUpTo('topping_out');
    expect(evaluate(accepted, '2024-12-01', { investmentSpent: 50_000_000 }).status).toBe('green');
    const behind = evaluate(accepted, '2024-12-01', { investmentSpent: 49_000_000 });
    expect(behind.status).toBe('yellow');
    expect(behind.reasons[0]).toMatchObject({ code: 'school.investment-behind', rule: 'tolerance=0.1' });
    expect(say(behind.reasons[0], 'zh-CN', '2024-12-01')).toBe('已完成投资4,900万元，占计划10,000万元的49.0%，按进度目前应完成60.0%');
    expect(say(behind.reasons[0], 'en', '2024-12-01')).toBe('Investment spent is 49.0% of plan (¥49,000,000 of ¥100,000,000); 60.0% was expected by now.');
  });

  it('treats more seats than planned as fine, with a note', () => {
    const before = evaluate(stagesUpTo('completion_acceptance'), '2025-07-10', { seatsDelivered: 3240 });
    expect(before.status).toBe('green');
    const note = before.reasons.find((r) => r.code === 'school.seats-above-plan')!;
    expect(say(note, 'zh-CN', '2025-07-10')).toBe('已交付学位3,240个，比计划3,000个多240个');
    expect(say(note, 'en', '2025-07-10')).toBe('3,240 seats delivered, 240 more than the 3,000 planned.');
    const opened = evaluate(stagesUpTo('opening'), '2025-09-10', { seatsDelivered: 3240, classesDelivered: 60 });
    expect(opened.status).toBe('done');
    expect(opened.reasons.map((r) => r.code)).toEqual(['school.opened', 'school.seats-above-plan']);
  });

  it('is at risk after opening with fewer seats than planned', () => {
    const result = evaluate(stagesUpTo('opening'), '2025-09-10', { seatsDelivered: 2700 });
    expect(result.status).toBe('yellow');
    expect(result.reasons.map((r) => r.code)).toEqual(['school.seats-below-plan']);
  });
});
