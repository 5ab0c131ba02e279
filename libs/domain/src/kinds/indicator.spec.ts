import { evaluateIndicator } from './indicator';
import { renderText } from '../../../i18n/src';
const say = (r: { code: string; params?: Record<string, string | number | boolean> }, locale: 'zh-CN' | 'en', now: string) => renderText(r, { locale, now: Date.parse(now) });

const coverage = { threshold: 0.85, direction: '>=' as const };
const asOf = '2025-06-30';
const at = (value: number, measuredAt = '2025-06-01') => [{ value, measuredAt }];
const code = (r: { reasons: { code: string }[] }) => r.reasons[0].code;

describe('indicators', () => {
  it('meets a ≥ threshold exactly at the threshold', () => {
    const result = evaluateIndicator(coverage, at(0.85), asOf);
    expect(result.status).toBe('green');
    expect(result.reasons[0]).toMatchObject({ code: 'indicator.met', rule: '>= 0.85' });
    expect(say(result.reasons[0], 'zh-CN', asOf)).toBe('6月1日监测值85.0%，达到不低于85%的要求');
    expect(say(result.reasons[0], 'en', asOf)).toBe('Measured 85.0% on 1 Jun, meeting the target at least 85%.');
    expect(evaluateIndicator({ threshold: 0.98, direction: '>=' }, at(49 / 50), asOf).status).toBe('green');
  });

  it('fails just below a ≥ threshold', () => {
    const result = evaluateIndicator(coverage, at(0.8499), asOf);
    expect(result.status).toBe('red');
    expect(code(result)).toBe('indicator.below-threshold');
    expect(say(result.reasons[0], 'en', asOf)).toBe('Measured 84.99% on 1 Jun, below the threshold 85%.');
    expect(say(result.reasons[0], 'zh-CN', asOf)).toBe('6月1日监测值84.99%，低于85%的要求');
  });

  it('meets a ≤ threshold exactly at it and fails just above', () => {
    const dropout = { threshold: 0.005, direction: '<=' as const };
    expect(evaluateIndicator(dropout, at(0.005), asOf).status).toBe('green');
    const above = evaluateIndicator(dropout, at(0.0051), asOf);
    expect([above.status, code(above)]).toEqual(['red', 'indicator.above-threshold']);
  });

  it('is at risk with no measurement yet, and ignores measurements after asOf', () => {
    const none = evaluateIndicator(coverage, [], asOf);
    expect([none.status, code(none)]).toEqual(['yellow', 'indicator.no-measurement']);
    expect(evaluateIndicator(coverage, at(0.9, '2025-07-15'), asOf).status).toBe('yellow');
  });

  it('judges by the latest measurement', () => {
    const history = [
      { value: 0.8, measuredAt: '2025-06-20' },
      { value: 0.9, measuredAt: '2025-03-01' },
    ];
    expect(evaluateIndicator(coverage, history, asOf)).toMatchObject({ status: 'red', latest: { value: 0.8, measuredAt: '2025-06-20' } });
  });

  it('warns within the warning margin above the threshold', () => {
    const target = { ...coverage, warningMargin: 0.02 };
    const near = evaluateIndicator(target, at(0.86), asOf);
    expect([near.status, code(near)]).toEqual(['yellow', 'indicator.near-threshold']);
    expect(evaluateIndicator(target, at(0.87), asOf).status).toBe('green');
    expect(evaluateIndicator(target, at(0.84), asOf).status).toBe('red');
  });

  it('treats a miss before the check date as at risk', () => {
    const target = { ...coverage, checkDate: '2025-12-31' };
    expect(evaluateIndicator(target, at(0.8), asOf).status).toBe('yellow');
    expect(evaluateIndicator(target, at(0.8), '2025-12-31').status).toBe('red');
  });

  it('refuses a percentage where a ratio is expected, naming the measurement', () => {
    expect(() => evaluateIndicator(coverage, at(85), asOf)).toThrow(expect.objectContaining({ field: 'measurements[0].value' }));
    expect(say(evaluateIndicator({ threshold: 20, direction: '<=', measure: 'count' }, at(20), asOf).reasons[0], 'zh-CN', asOf)).toBe('6月1日监测值20，达到不高于20的要求');
  });
});

describe('indicator messages', () => {
  it('name the day a measurement taken at an instant belongs to in the plan zone', () => {
    const result = evaluateIndicator({ threshold: 0.85, direction: '>=' }, [{ value: 0.9, measuredAt: '2026-11-22T17:30:00Z' }], '2026-11-24');
    expect(say(result.reasons[0], 'en', '2025-01-01')).toBe('Measured 90.0% on 23 Nov 2026, meeting the target at least 85%.');
    expect(result.latest).toEqual({ value: 0.9, measuredAt: '2026-11-22T17:30:00Z' });
  });
});
