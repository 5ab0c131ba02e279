import { evaluatePortfolio, PortfolioProject, PortfolioTarget } from './portfolio';
import { renderText } from '../../../i18n/src';
const say = (r: { code: string; params?: Record<string, string | number | boolean> }, locale: 'zh-CN' | 'en', now: string) => renderText(r, { locale, now: Date.parse(now) });

// 30 schools new or renovated in 2016, counted when they open (投入使用).
const thirtySchools: PortfolioTarget = { id: 'schools-2016', name: '2016 new and renovated schools', kind: 'school_construction', count: 30, byDate: '2016-12-31' };
const school = (n: number, openedOn?: string, seats = 1500): PortfolioProject => ({
  id: `school-${n}`,
  kind: 'school_construction',
  status: openedOn ? 'done' : 'green',
  acceptedStages: openedOn ? ['approval', 'design', 'tendering', 'construction_start', 'topping_out', 'completion_acceptance', 'opening'] : ['approval'],
  stageAcceptedAt: openedOn ? { opening: openedOn } : {},
  figures: { seatsDelivered: openedOn ? seats : 0 },
});
const schools = (opened: number, openedOn = '2016-06-15', total = 30) => Array.from({ length: total }, (_, i) => school(i + 1, i < opened ? openedOn : undefined));
// 2016 is a leap year: 2 July is half-way, so 15 openings are expected by then.
const midYear = '2016-07-02';

describe('portfolio targets', () => {
  it('is done once 30 schools have opened, listing them', () => {
    const result = evaluatePortfolio(thirtySchools, schools(30), '2016-11-01');
    expect(result).toMatchObject({ status: 'done', achieved: 30, target: 30 });
    expect(result.contributing).toHaveLength(30);
    expect(result.reasons[0]).toMatchObject({ code: 'portfolio.met', rule: 'count=30 by 2016-12-31' });
  });

  it('is on pace mid-year within the tolerance of the pro-rated expectation', () => {
    const result = evaluatePortfolio(thirtySchools, schools(12), midYear);
    expect(result).toMatchObject({ status: 'green', achieved: 12, expected: 15, expectedShare: 0.5 });
    expect(result.reasons[0].code).toBe('portfolio.on-pace');
    expect(result.contributing).toEqual(Array.from({ length: 12 }, (_, i) => `school-${i + 1}`));
  });

  it('is behind pace when trailing by more than the tolerance', () => {
    const result = evaluatePortfolio(thirtySchools, schools(11), midYear);
    expect(result.status).toBe('yellow');
    expect(result.reasons[0]).toMatchObject({ code: 'portfolio.behind-pace' });
    expect(say(result.reasons[0], 'zh-CN', midYear)).toBe('2016 new and renovated schools：已有11个项目完成“投入使用”，目标30个；按进度目前应完成15，才能于12月31日达成目标');
    expect(say(result.reasons[0], 'en', midYear)).toBe('2016 new and renovated schools: 11 of 30 projects reached 投入使用; 15 expected by now to reach the target by 31 Dec.');
    expect(evaluatePortfolio(thirtySchools, schools(11), midYear, { tolerance: 0.2 }).status).toBe('green');
  });

  it('is red once the date has passed unmet; a late opening does not count', () => {
    const projects = schools(29);
    projects[29] = school(30, '2017-01-05');
    const result = evaluatePortfolio(thirtySchools, projects, '2017-01-10');
    expect(result).toMatchObject({ status: 'red', achieved: 29 });
    expect(result.reasons[0].code).toBe('portfolio.missed');
    expect(evaluatePortfolio(thirtySchools, schools(29), '2016-12-31T20:00:00+08:00').status).not.toBe('red');
  });

  it('counts only openings within the year and only projects of the kind', () => {
    const projects = [...schools(10), school(31, '2015-12-20'), { ...school(32, '2016-05-01'), kind: 'generic' }];
    expect(evaluatePortfolio(thirtySchools, projects, midYear).achieved).toBe(10);
  });

  it('sums delivered seats across opened schools', () => {
    const seats: PortfolioTarget = { id: 'seats-2016', name: 'New seats 2016', kind: 'school_construction', stage: 'opening', byDate: '2016-12-31', sumOf: { field: 'seatsDelivered', target: 45_000 } };
    const projects = [school(1, '2016-03-01', 2000), school(2, '2016-05-01', 2500), school(3)];
    const result = evaluatePortfolio(seats, projects, midYear);
    expect(result).toMatchObject({ status: 'yellow', achieved: 4500, target: 45_000, expected: 22_500, contributing: ['school-1', 'school-2'] });
  });

  it('counts done projects for kinds without stages', () => {
    const target: PortfolioTarget = { id: 'opinions', name: 'Implementing opinions', kind: 'generic', count: 2, byDate: '2016-06-30', startDate: '2016-01-01' };
    const projects: PortfolioProject[] = [
      { id: 'a', kind: 'generic', status: 'done', acceptedStages: [], figures: {} },
      { id: 'b', kind: 'generic', status: 'done', acceptedStages: [], figures: {} },
    ];
    expect(evaluatePortfolio(target, projects, '2016-05-01').status).toBe('done');
  });

  it('refuses malformed targets, naming the field', () => {
    const bad = (t: object, field: string) => expect(() => evaluatePortfolio({ ...thirtySchools, ...t } as PortfolioTarget, [], midYear)).toThrow(expect.objectContaining({ field }));
    bad({ sumOf: { field: 'seatsDelivered', target: 10 } }, 'target.count');
    bad({ count: 0 }, 'target.count');
    bad({ stage: 'roof' }, 'target.stage');
    bad({ count: undefined, sumOf: { field: 'seatDelivered', target: 10 } }, 'target.sumOf.field');
    bad({ count: undefined, sumOf: { field: 'seatsDelivered', basis: 'planned', target: 10 } }, 'target.sumOf.basis');
    bad({ filter: { categories: ['大学'] } }, 'target.filter.categories[0]');
    bad({ filter: { kinds: [] } }, 'target.filter.kinds');
    bad({ filter: { leadUnitId: 'unit-1' } }, 'target.filter.leadUnitId');
    bad({ filter: { tag: ['x'] } }, 'target.filter.tag');
    bad({ byDate: '2016-13-01' }, 'target.byDate');
  });
});

describe('portfolio targets scoped by a filter', () => {
  const unit = { district: '11111111-1111-4111-8111-111111111111', east: '22222222-2222-4222-8222-222222222222' };
  const unitPaths = { [unit.district]: '/zz/', [unit.east]: '/zz/east/' };
  const project = (id: string, o: Partial<PortfolioProject>): PortfolioProject => ({ id, kind: 'school_construction', status: 'green', acceptedStages: [], figures: {}, ...o });
  const started = (day: string) => ({ acceptedStages: ['approval', 'design', 'tendering', 'construction_start'], stageReachedOn: { construction_start: day } });
  const projects: PortfolioProject[] = [
    project('primary', { category: '小学', workType: '新建', tags: ['三年行动'], leadUnitPath: '/zz/east/', planned: { seats: 1080 }, delivered: { seats: 440 }, ...started('2026-03-01') }),
    project('middle', { category: '初中', workType: '改扩建', tags: [], leadUnitPath: '/zz/west/', planned: { seats: 1500 }, ...started('2025-11-20') }),
    project('kg-1', { kind: 'generic', category: '幼儿园', workType: '新建', tags: ['普惠'], leadUnitPath: '/zz/east/a/', planned: { kindergartens: 1 }, delivered: { kindergartens: 1 }, acceptedStages: ['opening'], stageReachedOn: { opening: '2026-08-31' } }),
    project('kg-2', { kind: 'generic', category: '幼儿园', workType: '新建', tags: ['普惠'], leadUnitPath: '/zz/west/', planned: { kindergartens: 1 }, acceptedStages: [] }),
    project('upgrade', { kind: 'generic', category: '初中', workType: '提升改造', tags: ['三年行动'], leadUnitPath: '/zz/east/', acceptedStages: ['approval', 'tendering', 'construction'], stageReachedOn: { construction: '2026-02-01' } }),
  ];
  const target = (o: Partial<PortfolioTarget>): PortfolioTarget => ({ id: 't', name: 'T', byDate: '2026-12-31', count: 1, ...o });
  const run = (o: Partial<PortfolioTarget>, asOf = '2026-09-01') => evaluatePortfolio(target(o), projects, asOf, { unitPaths });

  it('counts only the projects its filter selects', () => {
    expect(run({ filter: { categories: ['幼儿园'] }, stage: 'opening', count: 2 })).toMatchObject({ achieved: 1, selected: 2, contributing: ['kg-1'] });
    expect(run({ filter: { workTypes: ['提升改造'] }, stage: 'construction' })).toMatchObject({ achieved: 1, selected: 1, contributing: ['upgrade'], status: 'done' });
    expect(run({ filter: { tags: ['三年行动'] }, stage: 'construction_start', count: 5 })).toMatchObject({ achieved: 1, selected: 2, contributing: ['primary'] });
    expect(run({ filter: { leadUnitId: unit.east }, count: 5, stage: 'construction_start' })).toMatchObject({ selected: 3, contributing: ['primary'] });
    expect(run({ filter: { leadUnitId: unit.district, kinds: ['school_construction'] }, count: 5, stage: 'construction_start' })).toMatchObject({ selected: 2 });
  });

  it('counts a stage on the day it was reached, inside the period only', () => {
    // The middle school started last November: not one of this year's starts.
    expect(run({ kind: 'school_construction', stage: 'construction_start', count: 2 })).toMatchObject({ achieved: 1, contributing: ['primary'] });
    const lastDay = project('late', { ...started('2026-12-31'), stageAcceptedAt: { construction_start: '2027-01-04T10:00:00+08:00' } });
    const dayAfter = project('later', { ...started('2027-01-01') });
    const t = target({ kind: 'school_construction', stage: 'construction_start', count: 5 });
    expect(evaluatePortfolio(t, [lastDay, dayAfter], '2027-01-10').contributing).toEqual(['late']);
    expect(evaluatePortfolio(t, [lastDay], '2026-12-31T08:00:00+08:00').contributing).toEqual(['late']);
    expect(evaluatePortfolio(t, [lastDay], '2026-12-30T23:00:00+08:00').contributing).toEqual([]);
    // Accepted this year, but the report says it happened last year.
    const reportedEarlier = project('earlier', { ...started('2025-12-30'), stageAcceptedAt: { construction_start: '2026-01-05' } });
    expect(evaluatePortfolio(t, [reportedEarlier], '2026-06-01').achieved).toBe(0);
  });

  it('sums a named figure, planned or delivered', () => {
    const planned = run({ count: undefined, kind: 'school_construction', sumOf: { field: 'seats', basis: 'planned', target: 2580 } });
    expect(planned).toMatchObject({ achieved: 2580, status: 'done', contributing: ['primary', 'middle'] });
    expect(planned.reasons[0].params).toMatchObject({ figure: 'seats', unit: '个', basis: 'planned' });
    expect(run({ count: undefined, sumOf: { field: 'seats', target: 2580 } })).toMatchObject({ achieved: 440, contributing: ['primary'] });
    expect(run({ count: undefined, filter: { categories: ['幼儿园'] }, sumOf: { field: 'kindergartens', basis: 'delivered', target: 20 } })).toMatchObject({ achieved: 1 });
  });

  it('says so when its filter selects nothing', () => {
    const none = run({ filter: { categories: ['高中'] }, count: 3 }, '2026-01-01');
    expect(none).toMatchObject({ achieved: 0, selected: 0, contributing: [], status: 'green' });
    expect(none.reasons.map((r) => r.code)).toEqual(['portfolio.on-pace', 'portfolio.empty-selection']);
    expect(run({ filter: { leadUnitId: '33333333-3333-4333-8333-333333333333' }, count: 3 }).selected).toBe(0);
  });
});
