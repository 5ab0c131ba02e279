import { evaluateKind } from './evaluate';
import { schoolMilestonesFromOpening } from './school-construction';

const rotationTargets = { checkDate: '2025-08-31' };
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('evaluateKind', () => {
  it('leaves generic projects green: they have no figure rules', () => {
    expect(evaluateKind('generic', {}, [], '2025-06-30')).toEqual({ status: 'green', reasons: [] });
    expect(() => evaluateKind('library' as never, {}, [], '2025-06-30')).toThrow(expect.objectContaining({ field: 'kind' }));
  });

  it('judges rotation on the latest report up to asOf', () => {
    const history = [
      { at: '2025-03-01', figures: { eligible: 100, rotated: 4, rotatedBackbone: 1 } },
      { at: '2025-09-05', figures: { eligible: 100, rotated: 12, rotatedBackbone: 3 } },
      { at: '2025-07-01', figures: { eligible: 100, rotated: 10, rotatedBackbone: 2 } },
    ];
    expect(evaluateKind('teacher_rotation', rotationTargets, history, '2025-09-01').status).toBe('green');
    expect(evaluateKind('teacher_rotation', rotationTargets, history, '2025-06-01').status).toBe('yellow');
  });

  it('is at risk without rotation figures, and red once the check date comes', () => {
    expect(codes(evaluateKind('teacher_rotation', rotationTargets, [], '2025-06-01'))).toEqual(['rotation.no-figures']);
    expect(evaluateKind('teacher_rotation', rotationTargets, [], '2025-08-31').status).toBe('red');
  });

  it('follows a training curve planned in the targets, and names a bad curve point', () => {
    const targets = { start: '2024-01-01', end: '2024-12-31', personTimes: { county: 6000 } };
    const history = [{ at: '2024-06-30', figures: { personTimes: { county: 1300 } } }];
    expect(evaluateKind('training_quota', targets, history, '2024-07-01').status).toBe('yellow');
    expect(evaluateKind('training_quota', { ...targets, curve: [{ at: '2024-06-30', share: 0.2 }] }, history, '2024-07-01').status).toBe('green');
    expect(() => evaluateKind('training_quota', { ...targets, curve: [{ at: '2024-06-30', share: 2 }] }, history, '2024-07-01')).toThrow(expect.objectContaining({ field: expect.stringContaining('targets.curve[0]') }));
  });

  it('names the report and field of bad figures', () => {
    const history = [
      { at: '2025-03-01', figures: { eligible: 100, rotated: 4, rotatedBackbone: 1 } },
      { at: '2025-04-01', figures: { eligible: 100, rotated: 140, rotatedBackbone: 1 } },
    ];
    expect(() => evaluateKind('teacher_rotation', rotationTargets, history, '2025-06-01')).toThrow(expect.objectContaining({ field: 'figuresHistory[1].figures.rotated' }));
  });

  it('keeps each training level’s latest reported total', () => {
    const targets = { start: '2024-01-01', end: '2024-12-31', personTimes: { county: 6000, school: 9000 } };
    const history = [
      { at: '2024-03-01', figures: { personTimes: { county: 1000, school: 4500 } } },
      { at: '2024-06-30', figures: { personTimes: { county: 3000 } } },
    ];
    const result = evaluateKind('training_quota', targets, history, '2024-07-02');
    expect(result.status).toBe('green');
    expect('levels' in result && result.levels.map((l) => l.actual)).toEqual([3000, 4500]);
  });

  it('measures indicators at the report date unless the report says otherwise', () => {
    const history = [
      { at: '2025-03-01', figures: { value: 0.9 } },
      { at: '2025-06-01', figures: { value: 0.8, measuredAt: '2025-01-15' } },
    ];
    expect(evaluateKind('indicator', { threshold: 0.85, direction: '>=' }, history, '2025-06-30').status).toBe('green');
  });

  it('merges school figures and applies its milestones', () => {
    const milestones = schoolMilestonesFromOpening('2025-08-31');
    const history = [
      { at: '2024-11-20', figures: { investmentSpent: 58_000_000 } },
      { at: '2024-12-20', figures: { seatsDelivered: 0 } },
    ];
    const targets = { seatsPlanned: 3000, classesPlanned: 60, investmentPlanned: 100_000_000 };
    const accepted = ['approval', 'design', 'tendering', 'construction_start'];
    const result = evaluateKind('school_construction', targets, history, '2025-01-05', { milestones, acceptedStages: accepted });
    expect(result.status).toBe('red');
    expect(codes(result)).toEqual(['milestone.overdue']);
    const onTime = evaluateKind('school_construction', targets, history, '2025-01-05', { milestones, acceptedStages: [...accepted, 'topping_out'] });
    expect(onTime.status).toBe('green');
  });
});
