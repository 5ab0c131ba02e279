import { evaluatePortfolio, PortfolioProject, PortfolioTarget } from './portfolio';

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
    expect(result.reasons[0].message).toBe('2016 new and renovated schools: 11 of 30 projects reached 投入使用 (opening); 15 expected by now to reach the target by 2016-12-31.');
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
    bad({ kind: 'generic', stage: 'opening' }, 'target.stage');
    bad({ byDate: '2016-13-01' }, 'target.byDate');
  });
});
