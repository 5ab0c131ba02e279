import { fieldOf } from '../../../../test/helpers/field-of';
import { BUILTIN_TEMPLATES, canReachStage, findTemplate, templateMilestones, validatePastStages, validateReachedOn, validateTemplate } from './templates';

const stagesOf = (key: string) => templateMilestones(findTemplate(key)!, '2026-12-31', { startDate: '2026-01-01' });

describe('project templates', () => {
  it('has the seven-stage school, a kindergarten that only opens, renovation, equipment purchase and a facility build', () => {
    const names = Object.fromEntries(BUILTIN_TEMPLATES.map((t) => [t.key, t.stages.map((s) => s.name).join('→')]));
    expect(names).toEqual({
      school: '立项→设计→招标→开工→主体封顶→竣工验收→投入使用',
      kindergarten_opening: '开园',
      renovation: '立项→招标→施工→验收',
      equipment_purchase: '立项→采购→安装调试→验收',
      facility_build: '立项→设计→施工→验收',
    });
    for (const t of BUILTIN_TEMPLATES) expect(t.stages.reduce((sum, s) => sum + s.weight, 0)).toBeCloseTo(1, 9);
  });

  it('spreads a renovation over its year, ending on the due date', () => {
    expect(stagesOf('renovation').map((m) => [m.id, m.dueDate])).toEqual([
      ['approval', '2026-02-06'],
      ['tendering', '2026-04-20'],
      ['construction', '2026-10-19'],
      ['acceptance', '2026-12-31'],
    ]);
    expect(stagesOf('kindergarten_opening')).toEqual([{ id: 'opening', name: '开园', dueDate: '2026-12-31', weight: 1, order: 1 }]);
  });

  it('keeps explicit stage dates and refuses them out of order, naming the stage', () => {
    const t = findTemplate('renovation')!;
    expect(templateMilestones(t, '2026-12-31', { stageDates: { construction: '2026-06-01' } }).find((m) => m.id === 'construction')!.dueDate).toBe('2026-06-01');
    expect(fieldOf(() => templateMilestones(t, '2026-12-31', { stageDates: { tendering: '2026-06-01', construction: '2026-05-01' } }))).toBe('stageDates.construction');
    expect(fieldOf(() => templateMilestones(t, '2026-12-31', { stageDates: { design: '2026-06-01' } }))).toBe('stageDates.design');
    expect(fieldOf(() => templateMilestones(t, '2026-12-31', { stageDates: { acceptance: '2026-12-30' } }))).toBe('stageDates.acceptance');
    // A single-stage project may start and be due the same day; a multi-stage one may not.
    expect(templateMilestones(findTemplate('kindergarten_opening')!, '2026-09-01', { startDate: '2026-09-01' })).toHaveLength(1);
    expect(fieldOf(() => templateMilestones(t, '2026-09-01', { startDate: '2026-09-01' }))).toBe('startDate');
  });

  it('takes a plan’s own template with default offsets before the due date', () => {
    const t = validateTemplate({
      key: 'canteen',
      name: '食堂改造',
      spanMonths: 6,
      stages: [
        { key: 'approval', name: '立项', offsetDays: 150 },
        { key: 'works', name: '施工', offsetDays: 30 },
        { key: 'acceptance', name: '验收', offsetDays: 0 },
      ],
    });
    const ms = templateMilestones(t, '2026-12-31');
    expect(ms.map((m) => m.dueDate)).toEqual(['2026-08-03', '2026-12-01', '2026-12-31']);
    expect(ms.map((m) => m.weight)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    // An explicit date wins; an offset that would fall out of order with it gives way.
    expect(templateMilestones(t, '2026-12-31', { stageDates: { works: '2026-07-01' } }).map((m) => m.dueDate)).toEqual(['2026-06-30', '2026-07-01', '2026-12-31']);
  });

  it('refuses a malformed plan template, naming the field', () => {
    const bad = (t: object) => fieldOf(() => validateTemplate({ key: 'x', name: 'X', stages: [{ key: 'a', name: 'A' }], ...t }));
    expect(bad({ key: 'school' })).toBe('template.key');
    expect(bad({ key: 'Bad Key' })).toBe('template.key');
    expect(bad({ stages: [] })).toBe('template.stages');
    expect(bad({ stages: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }] })).toBe('template.stages[1].key');
    expect(bad({ stages: [{ key: 'a', name: 'A', offsetDays: 10 }, { key: 'b', name: 'B', offsetDays: 20 }] })).toBe('template.stages[1].offsetDays');
    expect(bad({ stages: [{ key: 'a', name: 'A', offsetDays: 5 }] })).toBe('template.stages[0].offsetDays');
    expect(bad({ stages: [{ key: 'a', name: 'A', due: 5 }] })).toBe('template.stages[0].due');
  });
});

describe('stage order over the stages a project has', () => {
  const renovation = stagesOf('renovation');
  it('accepts a kindergarten’s single opening stage at once', () => {
    expect(canReachStage(stagesOf('kindergarten_opening'), 'opening', [])).toEqual({ ok: true });
  });
  it('keeps the order of the project’s own stages', () => {
    expect(canReachStage(renovation, 'construction', ['approval'])).toMatchObject({ ok: false, code: 'stage.out-of-order', params: { before: 'tendering', beforeName: '招标' } });
    expect(canReachStage(renovation, 'construction', ['approval', 'tendering'])).toEqual({ ok: true });
    expect(canReachStage(renovation, 'tendering', ['approval', 'tendering'])).toMatchObject({ ok: false, code: 'stage.already-accepted' });
    expect(canReachStage(renovation, 'design', [])).toMatchObject({ ok: false, code: 'stage.unknown' });
  });
  it('never waits for a stage the project does not have', () => {
    const partial = [{ id: 'construction_start', name: '开工' }, { id: 'opening', name: '投入使用' }];
    expect(canReachStage(partial, 'construction_start', [])).toEqual({ ok: true });
    expect(canReachStage(partial, 'opening', ['construction_start'])).toEqual({ ok: true });
  });
});

describe('the day a stage was reached', () => {
  // 16:30 UTC on 1 March is already 2 March in Beijing.
  const now = '2026-03-01T16:30:00Z';
  it('may be today in the plan’s zone, never tomorrow', () => {
    expect(validateReachedOn('2026-03-02', 'reachedOn', now)).toBe('2026-03-02');
    expect(fieldOf(() => validateReachedOn('2026-03-03', 'reachedOn', now))).toBe('reachedOn');
    expect(fieldOf(() => validateReachedOn('2026-03-02', 'reachedOn', now, { zone: 'UTC' }))).toBe('reachedOn');
    expect(fieldOf(() => validateReachedOn('2026-02-30', 'reachedOn', now))).toBe('reachedOn');
    expect(fieldOf(() => validateReachedOn('1999-12-31', 'reachedOn', now))).toBe('reachedOn');
  });
  it('is not before the stage before it', () => {
    expect(fieldOf(() => validateReachedOn('2026-01-01', 'reachedOn', now, { notBefore: '2026-01-02' }))).toBe('reachedOn');
    expect(validateReachedOn('2026-01-02', 'reachedOn', now, { notBefore: '2026-01-02' })).toBe('2026-01-02');
  });
});

describe('a project brought in under way', () => {
  const school = templateMilestones(findTemplate('school')!, '2027-08-31');
  const now = '2026-05-10T09:00:00+08:00';
  const past = { approval: '2025-03-01', design: '2025-06-15', tendering: '2025-09-30' };
  it('is at its fourth stage with the three before recorded on their real days', () => {
    expect(validatePastStages(school, 'construction_start', past, now)).toEqual(past);
    expect(validatePastStages(school, 'approval', undefined, now)).toEqual({});
  });
  it('needs every earlier stage’s day, in order, none in the future, and no later stage', () => {
    expect(fieldOf(() => validatePastStages(school, 'construction_start', { approval: '2025-03-01', design: '2025-06-15' }, now))).toBe('pastStages.tendering');
    expect(fieldOf(() => validatePastStages(school, 'construction_start', { ...past, design: '2025-02-01' }, now))).toBe('pastStages.design');
    expect(fieldOf(() => validatePastStages(school, 'construction_start', { ...past, tendering: '2026-05-11' }, now))).toBe('pastStages.tendering');
    expect(fieldOf(() => validatePastStages(school, 'construction_start', { ...past, topping_out: '2026-01-01' }, now))).toBe('pastStages.topping_out');
    expect(fieldOf(() => validatePastStages(school, 'roof', past, now))).toBe('currentStage');
  });
});
