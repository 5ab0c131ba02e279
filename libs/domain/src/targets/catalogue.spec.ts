import { fieldOf } from '../../../../test/helpers/field-of';
import { validateTags, validateClassification } from './classification';
import { figureCatalogue, resolveFigureName, validatePlanFigures } from './figures';
import { nextNumberOf, seriesKey, validateNextNumber } from './series';
import { amountIn, formatAmount, unitOf } from './units';


describe('units', () => {
  it('knows the units plans write, and their other spellings', () => {
    for (const u of ['所', '个', '名', '人次', '课时', '小时', '㎡', '元', '万元', '%']) expect(unitOf(u, 'unit')).toBe(u);
    expect(unitOf(' 平方米 ', 'unit')).toBe('㎡');
    expect(fieldOf(() => unitOf('座', 'targets[0].unit'))).toBe('targets[0].unit');
  });
  it('takes whole counts, decimal quantities and shares as 0..1', () => {
    expect(amountIn('课时', 100.5, 'x')).toBe(100.5);
    expect(fieldOf(() => amountIn('所', 1.5, 'x'))).toBe('x');
    expect(() => amountIn('%', 85, 'x')).toThrow('write 0.85 for 85%');
    expect(formatAmount(1502, '㎡')).toBe('1502㎡');
    expect(formatAmount(45000, '个')).toBe('45,000个');
    expect(formatAmount(0.855, '%')).toBe('85.5%');
  });
});

describe('figures', () => {
  it('resolves catalogue names and the kinds’ own names, and names a misspelt one', () => {
    expect(resolveFigureName('seats', 'f').figure.unit).toBe('个');
    expect(resolveFigureName('seatsDelivered', 'f')).toMatchObject({ figure: { key: 'seats' }, basis: 'delivered' });
    expect(fieldOf(() => resolveFigureName('seatDelivered', 'portfolioTargets[1].sumOf.field'))).toBe('portfolioTargets[1].sumOf.field');
    expect(() => resolveFigureName('seatDelivered', 'f')).toThrow('did you mean "seatsDelivered"');
  });
  it('adds a plan’s own figures without letting it redefine a built-in one', () => {
    const own = validatePlanFigures([{ key: 'canteens', name: '食堂', unit: '个' }]);
    expect(resolveFigureName('canteens', 'f', figureCatalogue(own)).figure.name).toBe('食堂');
    expect(fieldOf(() => validatePlanFigures([{ key: 'seats', name: '学位', unit: '个' }]))).toBe('figures[0].key');
    expect(fieldOf(() => validatePlanFigures([{ key: 'canteens', name: '食堂', unit: '座' }]))).toBe('figures[0].unit');
  });
});

describe('categories and tags', () => {
  it('takes the facility types and work types plans use', () => {
    expect(validateClassification({ category: '九年一贯制', workType: '改扩建', tags: ['城东片区', ' 三年行动 ', '城东片区'] })).toEqual({ category: '九年一贯制', workType: '改扩建', tags: ['城东片区', '三年行动'] });
    expect(fieldOf(() => validateClassification({ category: '大学' }))).toBe('category');
    expect(fieldOf(() => validateClassification({ workType: '拆除' }))).toBe('workType');
  });
  it('refuses empty, overlong or too many tags', () => {
    expect(fieldOf(() => validateTags(['a', ' ']))).toBe('tags[1]');
    expect(fieldOf(() => validateTags(['x'.repeat(41)]))).toBe('tags[0]');
    expect(fieldOf(() => validateTags(Array.from({ length: 21 }, (_, i) => `t${i}`)))).toBe('tags');
  });
});

describe('circular series', () => {
  it('is per issuing office and year by default, or per plan', () => {
    expect(seriesKey('office_year', { planId: 'p', issuingUnitId: 'u', year: 2026 })).toBe('office:u:2026');
    expect(seriesKey('plan', { planId: 'p', issuingUnitId: 'u', year: 2026 })).toBe('plan:p');
    expect(seriesKey('plan_year', { planId: 'p', issuingUnitId: 'u', year: 2026 })).toBe('plan:p:2026');
    expect(seriesKey('office_year', { planId: 'p', issuingUnitId: null, year: 2026 })).toBe('plan:p:2026');
  });
  it('continues from a number set once, before anything was issued', () => {
    expect(validateNextNumber(57, {})).toBe(57);
    expect(nextNumberOf({ startsAt: 57 })).toBe(57);
    expect(nextNumberOf({ startsAt: 57, lastIssued: 57 })).toBe(58);
    expect(nextNumberOf({})).toBe(1);
    expect(fieldOf(() => validateNextNumber(60, { startsAt: 57 }))).toBe('nextNumber');
    expect(fieldOf(() => validateNextNumber(60, { lastIssued: 3 }))).toBe('nextNumber');
    expect(fieldOf(() => validateNextNumber(0, {}))).toBe('nextNumber');
    expect(fieldOf(() => validateNextNumber(5.5, {}))).toBe('nextNumber');
  });
});
