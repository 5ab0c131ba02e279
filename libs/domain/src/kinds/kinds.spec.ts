import { DomainValidationError } from '../errors';
import { PROJECT_KINDS, validateFigures, validateTargets } from './kinds';

const fieldOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainValidationError) return e.field;
    throw e;
  }
  throw new Error('expected a DomainValidationError');
};

describe('project kinds: targets and report figures', () => {
  it('knows the five kinds', () => {
    expect(PROJECT_KINDS).toEqual(['school_construction', 'teacher_rotation', 'training_quota', 'indicator', 'generic']);
    expect(fieldOf(() => validateTargets('library' as never, {}))).toBe('kind');
  });

  it('accepts a school with seats, classes and investment in whole yuan', () => {
    expect(validateTargets('school_construction', { seatsPlanned: 2700, classesPlanned: 60, investmentPlanned: 380_000_000 })).toEqual({
      seatsPlanned: 2700,
      classesPlanned: 60,
      investmentPlanned: 380_000_000,
    });
    expect(fieldOf(() => validateTargets('school_construction', { seatsPlanned: -1, classesPlanned: 60, investmentPlanned: 1 }))).toBe('targets.seatsPlanned');
    expect(fieldOf(() => validateTargets('school_construction', { seatsPlanned: 1, classesPlanned: 60.5, investmentPlanned: 1 }))).toBe('targets.classesPlanned');
    expect(fieldOf(() => validateFigures('school_construction', { seatsDelivred: 10 }))).toBe('figures.seatsDelivred');
  });

  it('refuses rotation figures that cannot be true, naming the field', () => {
    expect(validateFigures('teacher_rotation', { eligible: 100, rotated: 10, rotatedBackbone: 2 })).toEqual({ eligible: 100, rotated: 10, rotatedBackbone: 2 });
    expect(fieldOf(() => validateFigures('teacher_rotation', { eligible: 100, rotated: 101, rotatedBackbone: 2 }))).toBe('figures.rotated');
    expect(fieldOf(() => validateFigures('teacher_rotation', { eligible: 100, rotated: 10, rotatedBackbone: 11 }))).toBe('figures.rotatedBackbone');
    expect(fieldOf(() => validateFigures('teacher_rotation', { eligible: 100, rotated: 10 }))).toBe('figures.rotatedBackbone');
    expect(fieldOf(() => validateFigures('teacher_rotation', { eligible: '100', rotated: 10, rotatedBackbone: 1 }, 'report'))).toBe('report.eligible');
  });

  it('takes rates as ratios 0..1 and explains a percentage given by mistake', () => {
    expect(validateTargets('teacher_rotation', { checkDate: '2025-08-31', minRate: 0.1 })).toEqual({ checkDate: '2025-08-31', minRate: 0.1 });
    expect(() => validateTargets('teacher_rotation', { checkDate: '2025-08-31', minRate: 10 })).toThrow('write 0.1 for 10%');
    expect(fieldOf(() => validateTargets('teacher_rotation', { checkDate: '2025-02-30' }))).toBe('targets.checkDate');
  });

  it('checks training targets per level and their period', () => {
    const targets = { start: '2025-01-01', end: '2025-12-31', personTimes: { municipal: 500, county: 6000, school: 9000 } };
    expect(validateTargets('training_quota', targets)).toEqual(targets);
    expect(fieldOf(() => validateTargets('training_quota', { ...targets, personTimes: { district: 5 } }))).toBe('targets.personTimes.district');
    expect(fieldOf(() => validateTargets('training_quota', { ...targets, personTimes: {} }))).toBe('targets.personTimes');
    expect(fieldOf(() => validateTargets('training_quota', { ...targets, end: '2024-12-31' }))).toBe('targets.end');
    expect(fieldOf(() => validateTargets('training_quota', { ...targets, hoursCycle: { hoursPerTeacher: 0, start: '2021-01-01', end: '2025-12-31' } }))).toBe(
      'targets.hoursCycle.hoursPerTeacher',
    );
    expect(fieldOf(() => validateFigures('training_quota', { personTimes: { county: -3 } }))).toBe('figures.personTimes.county');
  });

  it('checks indicator thresholds against their measure', () => {
    expect(validateTargets('indicator', { threshold: 0.85, direction: '>=' })).toEqual({ threshold: 0.85, direction: '>=', measure: 'ratio' });
    expect(fieldOf(() => validateTargets('indicator', { threshold: 85, direction: '>=' }))).toBe('targets.threshold');
    expect(validateTargets('indicator', { threshold: 85, direction: '<=', measure: 'count' }).threshold).toBe(85);
    expect(fieldOf(() => validateTargets('indicator', { threshold: 0.85, direction: '>' }))).toBe('targets.direction');
  });

  it('gives generic projects no targets or figures', () => {
    expect(validateTargets('generic', undefined)).toEqual({});
    expect(validateFigures('generic', {})).toEqual({});
    expect(fieldOf(() => validateTargets('generic', { seats: 1 }))).toBe('targets.seats');
  });
});
