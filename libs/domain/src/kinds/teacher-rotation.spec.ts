import { DomainValidationError } from '../errors';
import { evaluateRotation, requiredCount } from './teacher-rotation';
import { renderText } from '../../../i18n/src';
const say = (r: { code: string; params?: Record<string, string | number | boolean> }, locale: 'zh-CN' | 'en', now: string) => renderText(r, { locale, now: Date.parse(now) });

const checkDate = '2025-08-31';
const before = '2025-06-15';
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('teacher rotation (≥10% of eligible teachers, ≥20% of them backbone)', () => {
  it('passes at exactly 10% with exactly 20% backbone', () => {
    const result = evaluateRotation({ eligible: 100, rotated: 10, rotatedBackbone: 2 }, {}, checkDate, before);
    expect(result).toMatchObject({ status: 'green', rotationRate: 0.1, backboneShare: 0.2, requiredRotated: 10, missingRotated: 0, missingBackbone: 0 });
    expect(codes(result)).toEqual(['rotation.rules-met']);
  });

  it('fails at 9.99%: 999 of 10,000, one more needed', () => {
    const result = evaluateRotation({ eligible: 10_000, rotated: 999, rotatedBackbone: 200 }, {}, checkDate, before);
    expect(result.status).toBe('yellow');
    expect(codes(result)).toEqual(['rotation.rate-below-minimum']);
    expect(result.reasons[0]).toMatchObject({ rule: 'minRate=0.1' });
    expect(say(result.reasons[0], 'zh-CN', before)).toBe('轮岗比例9.99%，低于10%的要求（符合条件教师10,000名，已轮岗999名，至少需1,000名，还差1名；检查日为8月31日）');
    expect(say(result.reasons[0], 'en', before)).toBe('Rotation rate 9.99%, below the required 10%: 999 of 10,000 eligible teachers rotated; at least 1,000 are required by the check date 31 Aug: 1 more needed.');
    expect(evaluateRotation({ eligible: 10_000, rotated: 1000, rotatedBackbone: 200 }, {}, checkDate, before).status).toBe('green');
  });

  it('shows how many more teachers are needed', () => {
    const result = evaluateRotation({ eligible: 220, rotated: 10, rotatedBackbone: 2 }, {}, checkDate, before);
    expect(result).toMatchObject({ requiredRotated: 22, missingRotated: 12, requiredBackbone: 5, missingBackbone: 3 });
    expect(say(result.reasons[0], 'en', before)).toContain('12 more needed');
    expect(say(result.reasons[0], 'zh-CN', before)).toContain('还差12名');
  });

  it('requires nothing when no teacher is eligible', () => {
    const result = evaluateRotation({ eligible: 0, rotated: 0, rotatedBackbone: 0 }, {}, checkDate, '2025-09-30');
    expect(result.status).toBe('green');
    expect(codes(result)).toEqual(['rotation.none-eligible']);
    expect(say(result.reasons[0], 'zh-CN', before)).toBe('本学年无符合轮岗条件的教师，无需轮岗');
  });

  it('checks the backbone share at exactly 20% and just under', () => {
    expect(evaluateRotation({ eligible: 200, rotated: 20, rotatedBackbone: 4 }, {}, checkDate, before).status).toBe('green');
    const under = evaluateRotation({ eligible: 200, rotated: 20, rotatedBackbone: 3 }, {}, checkDate, before);
    expect(under.status).toBe('yellow');
    expect(codes(under)).toEqual(['rotation.backbone-share-below-minimum']);
    expect(under.missingBackbone).toBe(1);
    expect(evaluateRotation({ eligible: 10_000, rotated: 1000, rotatedBackbone: 199 }, {}, checkDate, before).status).toBe('yellow');
  });

  it('is at risk before the check date and failed from the check date on', () => {
    const figures = { eligible: 100, rotated: 9, rotatedBackbone: 2 };
    expect(evaluateRotation(figures, {}, checkDate, '2025-08-30T23:59:59+08:00').status).toBe('yellow');
    const onTheDay = evaluateRotation(figures, {}, checkDate, '2025-08-31');
    expect(onTheDay.status).toBe('red');
    expect(say(onTheDay.reasons[0], 'en', '2025-08-31')).toContain('were required by the check date 31 Aug');
    expect(say(onTheDay.reasons[0], 'zh-CN', '2025-08-31')).toContain('检查日8月31日已过');
    expect(evaluateRotation(figures, {}, checkDate, '2025-10-01').status).toBe('red');
  });

  it('reports both rules when both fail', () => {
    expect(codes(evaluateRotation({ eligible: 100, rotated: 5, rotatedBackbone: 0 }, {}, checkDate, '2025-09-01'))).toEqual([
      'rotation.rate-below-minimum',
      'rotation.backbone-share-below-minimum',
    ]);
  });

  it('applies a bureau’s own minimums', () => {
    const rules = { minRate: 0.15, minBackboneShare: 0.3 };
    expect(evaluateRotation({ eligible: 100, rotated: 14, rotatedBackbone: 5 }, rules, checkDate, before).reasons[0].rule).toBe('minRate=0.15');
    expect(evaluateRotation({ eligible: 100, rotated: 15, rotatedBackbone: 5 }, rules, checkDate, before).status).toBe('green');
  });

  it('rounds required counts up exactly, without floating-point drift', () => {
    expect(requiredCount(0.07, 100)).toBe(7); // Math.ceil(0.07 * 100) would say 8
    expect(requiredCount(0.1, 10_000)).toBe(1000);
    expect(requiredCount(0.2, 15)).toBe(3);
    expect(requiredCount(0.1, 101)).toBe(11);
  });

  it('refuses impossible figures and rules, naming the field', () => {
    expect(() => evaluateRotation({ eligible: 10, rotated: 12, rotatedBackbone: 0 }, {}, checkDate, before)).toThrow(DomainValidationError);
    expect(() => evaluateRotation({ eligible: 10, rotated: 1, rotatedBackbone: 0 }, { minRate: 1.5 }, checkDate, before)).toThrow(
      expect.objectContaining({ field: 'rules.minRate' }),
    );
  });
});
