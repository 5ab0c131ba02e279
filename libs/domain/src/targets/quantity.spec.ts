import { fieldOf } from '../../../../test/helpers/field-of';
import { validateFigures } from '../kinds/kinds';
import { evaluateQuantity, nextQuantityCheck, partialDeliveryReasons, QuantityTarget, validateQuantityFigures, validateQuantityTargets } from './quantity';

const one = (input: Record<string, unknown>) => validateQuantityTargets([input])[0];
const year = { start: '2026-01-01', end: '2026-12-31' };
// 2026 has 365 days; by noon of 25 November 328.5 of them have passed: 90% of the year.
const nineTenths = '2026-11-25T12:00:00+08:00';

describe('quantity targets: a number with a unit', () => {
  const kindergartens = one({ figure: 'kindergartens', name: '新增普惠性幼儿园', target: 20 });

  it('takes the figure unit by default and keeps the wording of the plan', () => {
    expect(kindergartens).toEqual({ figure: 'kindergartens', name: '新增普惠性幼儿园', unit: '所', direction: 'at_least', target: 20 });
    expect(one({ figure: 'floorArea', unit: '平方米', target: 1502.5 })).toMatchObject({ unit: '㎡', target: 1502.5, name: '建筑面积' });
  });

  it('says actual, target and what the pace expects: 15/20所，按进度应完成18所', () => {
    const behind = evaluateQuantity(kindergartens, 15, nineTenths, year);
    expect(behind).toMatchObject({ status: 'yellow', actual: 15, target: 20, expected: 18, zone: 'below' });
    expect(behind.reasons[0]).toMatchObject({ code: 'quantity.behind-pace', message: '新增普惠性幼儿园：15/20所，按进度应完成18所，进度滞后' });
    expect(behind.reasons[0].params).toMatchObject({ actual: 15, target: 20, expected: 18, unit: '所' });
  });

  it('is on pace exactly at the tolerance, behind just past it', () => {
    expect(evaluateQuantity(kindergartens, 16, nineTenths, year)).toMatchObject({ status: 'green', reasons: [expect.objectContaining({ code: 'quantity.on-pace', message: '新增普惠性幼儿园：16/20所，按进度应完成18所' })] });
    expect(evaluateQuantity(kindergartens, 16, nineTenths, { ...year, tolerance: 0.09 }).status).toBe('yellow');
  });

  it('is red once the period is over short of the target, not during its last day', () => {
    expect(evaluateQuantity(kindergartens, 17, '2026-12-31T23:59:00+08:00', year).status).toBe('yellow');
    const missed = evaluateQuantity(kindergartens, 19, '2027-01-01', year);
    expect(missed).toMatchObject({ status: 'red', reasons: [expect.objectContaining({ code: 'quantity.missed', message: '新增普惠性幼儿园：19/20所，截至2026-12-31未完成目标' })] });
  });

  it('counts nothing reported as zero', () => {
    expect(evaluateQuantity(kindergartens, undefined, '2026-01-01', year)).toMatchObject({ status: 'green', actual: 0, expected: 0 });
    expect(evaluateQuantity(kindergartens, undefined, '2026-03-01', year).status).toBe('yellow');
  });

  it('treats reaching the target as met, and over-delivery as green or yellow as configured', () => {
    expect(evaluateQuantity(kindergartens, 20, '2026-05-01', year).reasons[0]).toMatchObject({ code: 'quantity.met' });
    const over = evaluateQuantity(kindergartens, 22, '2026-05-01', year);
    expect(over).toMatchObject({ status: 'green', zone: 'above', reasons: [expect.objectContaining({ code: 'quantity.above-target', message: '新增普惠性幼儿园：22/20所，超出目标2所' })] });
    expect(evaluateQuantity({ ...kindergartens, over: 'yellow' }, 22, '2026-05-01', year).status).toBe('yellow');
    expect(evaluateQuantity({ ...kindergartens, over: 'yellow' }, 20, '2026-05-01', year).status).toBe('green');
  });

  it('uses its own period and planned curve when it has one', () => {
    const q = { ...kindergartens, start: '2026-01-01', end: '2026-06-30', curve: [{ at: '2026-03-31', share: 0.1 }] };
    expect(evaluateQuantity(q, 2, '2026-04-01', { start: '2025-01-01', end: '2028-12-31' })).toMatchObject({ status: 'green', expected: 2 });
    expect(evaluateQuantity(q, 19, '2026-07-01', { start: '2025-01-01', end: '2028-12-31' }).status).toBe('red');
  });

  it('holds a cap: at most 50 people is fine at 50 and red at 51', () => {
    const cap = one({ figure: 'students', name: '班额', direction: 'at_most', target: 50, unit: '名' });
    expect(evaluateQuantity(cap, 50, '2026-05-01', year)).toMatchObject({ status: 'green', reasons: [expect.objectContaining({ code: 'quantity.within-cap' })] });
    expect(evaluateQuantity(cap, 51, '2026-05-01', year)).toMatchObject({ status: 'red', reasons: [expect.objectContaining({ code: 'quantity.above-cap', message: '班额：51名，超过上限50名' })] });
  });
});

describe('range targets: min and max', () => {
  const brand = one({ figure: 'schools', name: '品牌学校', min: 6, max: 10 });

  it('is met at both bounds and inside', () => {
    for (const n of [6, 8, 10]) expect(evaluateQuantity(brand, n, '2026-05-01', year)).toMatchObject({ status: 'green', zone: 'within', reasons: [expect.objectContaining({ code: 'quantity.in-range' })] });
    expect(evaluateQuantity(brand, 6, '2026-05-01', year).reasons[0].message).toBe('品牌学校：6/6–10所，在目标区间内');
  });

  it('is over above max: a green note by default, yellow when the plan says so', () => {
    expect(evaluateQuantity(brand, 11, '2026-05-01', year)).toMatchObject({ status: 'green', zone: 'above', reasons: [expect.objectContaining({ code: 'quantity.above-range', message: '品牌学校：11/6–10所，超出上限1所' })] });
    expect(evaluateQuantity({ ...brand, over: 'yellow' }, 11, '2026-05-01', year).status).toBe('yellow');
  });

  it('is behind below min, on the pace toward min, and red below min once the period is over', () => {
    // At midnight of 2 July 182 of 365 days have passed: 2.99 of the 6, which reads as 3 schools.
    expect(evaluateQuantity(brand, 3, '2026-07-02', year)).toMatchObject({ status: 'green', expected: 3 });
    expect(evaluateQuantity(brand, 2, nineTenths, year)).toMatchObject({ status: 'yellow', zone: 'below', expected: 5 });
    const hours = one({ figure: 'classHours', name: '送教上门', target: 100 });
    expect(evaluateQuantity(hours, 40, '2026-07-02', year).expected).toBe(49.86);
    expect(evaluateQuantity(brand, 5, '2027-01-01', year)).toMatchObject({ status: 'red', reasons: [expect.objectContaining({ code: 'quantity.missed' })] });
  });

  it('judges a share range (85%–95%) without pace: below min is behind from the first day', () => {
    const custom = one({ figure: 'rate', name: '达标率', min: 0.85, max: 0.95 });
    expect(custom.unit).toBe('%');
    expect(evaluateQuantity(custom, 0.8499, '2026-01-02', year)).toMatchObject({ status: 'yellow', reasons: [expect.objectContaining({ code: 'quantity.below-range', message: '达标率：84.99%/85–95%，低于目标下限85%' })] });
    expect(evaluateQuantity(custom, 0.85, '2026-01-02', year).status).toBe('green');
    expect(evaluateQuantity(custom, 0.95, '2026-01-02', year).zone).toBe('within');
    expect(evaluateQuantity(custom, 0.9501, '2026-01-02', year).zone).toBe('above');
    expect(evaluateQuantity(custom, 0.8, '2027-01-01', year).status).toBe('red');
  });
});

describe('quantity targets refuse what they cannot judge, naming the field', () => {
  const bad = (input: Record<string, unknown>) => fieldOf(() => validateQuantityTargets([input]));
  it('names a misspelt figure and suggests the right one', () => {
    expect(bad({ figure: 'kindergarden', target: 20 })).toBe('quantities[0].figure');
    expect(() => validateQuantityTargets([{ figure: 'kindergarden', target: 20 }])).toThrow('did you mean "kindergartens"');
  });
  it('refuses unknown units, units other than the figure’s, and amounts the unit cannot take', () => {
    expect(bad({ figure: 'seats', unit: '座', target: 10 })).toBe('quantities[0].unit');
    expect(bad({ figure: 'seats', unit: '所', target: 10 })).toBe('quantities[0].unit');
    expect(bad({ figure: 'seats', target: 10.5 })).toBe('quantities[0].target');
    expect(bad({ figure: 'seats', target: -1 })).toBe('quantities[0].target');
    expect(bad({ figure: 'seats', target: 0 })).toBe('quantities[0].target');
  });
  it('wants either a target or a whole range, in order', () => {
    expect(bad({ figure: 'schools' })).toBe('quantities[0].target');
    expect(bad({ figure: 'schools', target: 3, min: 1, max: 2 })).toBe('quantities[0].target');
    expect(bad({ figure: 'schools', min: 1 })).toBe('quantities[0].max');
    expect(bad({ figure: 'schools', min: 3, max: 2 })).toBe('quantities[0].max');
    expect(bad({ figure: 'schools', min: 1, max: 2, direction: 'at_most' })).toBe('quantities[0].direction');
    expect(bad({ figure: 'schools', target: 2, over: 'red' })).toBe('quantities[0].over');
    expect(bad({ figure: 'schools', target: 2, colour: 'red' })).toBe('quantities[0].colour');
  });
  it('takes one target per figure', () => {
    expect(fieldOf(() => validateQuantityTargets([{ figure: 'seats', target: 1 }, { figure: 'seats', target: 2 }]))).toBe('quantities[1].figure');
  });
  it('checks report figures against the targets', () => {
    const targets = validateQuantityTargets([{ figure: 'seats', target: 1080 }, { figure: 'floorArea', target: 1502 }]);
    expect(validateQuantityFigures({ seats: 440, floorArea: 12.5 }, targets)).toEqual({ seats: 440, floorArea: 12.5 });
    expect(fieldOf(() => validateQuantityFigures({ seat: 440 }, targets))).toBe('figures.quantities.seat');
    expect(fieldOf(() => validateQuantityFigures({ seats: 4.5 }, targets))).toBe('figures.quantities.seats');
  });
});

describe('quantities reported on any kind', () => {
  it('are running totals by figure, never negative', () => {
    expect(validateFigures('generic', { quantities: { seats: 440 } })).toEqual({ quantities: { seats: 440 } });
    expect(validateFigures('school_construction', { seatsDelivered: 440, quantities: { apartments: 20 } })).toEqual({ seatsDelivered: 440, quantities: { apartments: 20 } });
    expect(fieldOf(() => validateFigures('generic', { quantities: { seats: -1 } }))).toBe('figures.quantities.seats');
    expect(fieldOf(() => validateFigures('generic', { seats: 1 }))).toBe('figures.seats');
  });
});

describe('partial delivery', () => {
  const line = (delivered?: number) => ({ figure: 'seats', name: '学位', unit: '个' as const, planned: 1080, delivered });
  it('reads 已交付440/1080个学位 while something but not everything is delivered', () => {
    expect(partialDeliveryReasons([line(440)])).toEqual([
      { code: 'delivery.partial', message: '已交付440/1080个学位', params: { figure: 'seats', name: '学位', unit: '个', delivered: 440, planned: 1080 } },
    ]);
    expect(partialDeliveryReasons([line(undefined), line(0), line(1080), line(1200)])).toEqual([]);
    expect(partialDeliveryReasons([{ figure: 'seats', name: '学位', unit: '个', planned: 45_000, delivered: 12_500 }])[0].message).toBe('已交付12,500/45,000个学位');
  });
});

export type { QuantityTarget };

describe('nextQuantityCheck: when a quantity verdict changes with the date alone', () => {
  const zone = 'Asia/Shanghai';
  const at = (iso: string) => Date.parse(iso);
  const q = (extra: Partial<QuantityTarget> = {}): QuantityTarget => ({ figure: 'kindergartens', name: '新增普惠性幼儿园', unit: '所', direction: 'at_least', target: 20, ...extra });
  const period = { start: '2026-01-05', end: '2026-12-31', zone };

  it('looks again a week into the paced period, then every week, and at the end of the period', () => {
    expect(nextQuantityCheck([q()], at('2026-01-05T00:00:00+08:00'), period)).toBe(at('2026-01-12T00:00:00+08:00'));
    expect(nextQuantityCheck([q()], at('2026-03-04T10:00:00+08:00'), period)).toBe(at('2026-03-09T00:00:00+08:00'));
    expect(nextQuantityCheck([q()], at('2026-12-30T10:00:00+08:00'), period)).toBe(at('2027-01-01T00:00:00+08:00'));
    expect(nextQuantityCheck([q()], at('2027-01-02T00:00:00+08:00'), period)).toBeUndefined();
  });

  it('a share or a cap has no pace: only the end of its own period', () => {
    const share = q({ figure: 'rotationRate', unit: '%', target: 10 });
    const cap = q({ direction: 'at_most', end: '2026-06-30' });
    expect(nextQuantityCheck([share], at('2026-03-04T10:00:00+08:00'), period)).toBe(at('2027-01-01T00:00:00+08:00'));
    expect(nextQuantityCheck([cap], at('2026-03-04T10:00:00+08:00'), period)).toBe(at('2026-07-01T00:00:00+08:00'));
  });
});
