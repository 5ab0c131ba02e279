import { columnOfHeader, findHeaderRow, matchHeaders } from './headers';
import { occurrences, parseDueDate } from './dates';
import { findTargets } from './targets';
import { matchUnit, splitUnitNames } from './units';
import { draftRow, draftRows, guessKind } from './rows';

describe('header recognition', () => {
  it.each([
    ['序号', 'seq'], ['编号', 'seq'], ['重点任务', 'task'], ['任务', 'task'], ['项目', 'task'], ['工作任务', 'task'], ['重点工作', 'task'],
    ['重点任务/项目', 'task'], ['目标', 'target'], ['具体目标', 'target'], ['工作目标', 'target'], ['牵头单位', 'lead'], ['责任单位', 'lead'],
    ['配合单位', 'co'], ['协办单位', 'co'], ['责任人', 'owner'], ['责任领导', 'owner'], ['完成时限', 'due'], ['时间节点', 'due'], ['完成时间', 'due'],
    ['完成 时限', 'due'], ['牵头单位（部门）', 'lead'], ['完成时限\n(年月)', 'due'], ['备注', undefined], ['', undefined],
  ])('%j is the %s column', (header, column) => {
    expect(columnOfHeader(header)).toBe(column);
  });

  it('finds the header row under a title row, and the caller may map a column by header text or position', () => {
    const rows = [['附件：重点任务分解表'], ['序号', '重点工作', '工作目标', '责任单位', '协办单位', '责任领导', '时间节点'], ['1', '…']];
    expect(findHeaderRow(rows)).toBe(1);
    expect(matchHeaders(rows[1]).columns).toEqual({ seq: 0, task: 1, target: 2, lead: 3, co: 4, owner: 5, due: 6 });
    const odd = ['No', '事项', '要求', '主办', '时间'];
    expect(matchHeaders(odd).missing).toEqual(['task', 'lead', 'due']);
    const mapped = matchHeaders(odd, { task: '事项', target: 3, lead: '主办', due: 5 });
    expect(mapped.columns).toMatchObject({ seq: 0, task: 1, target: 2, lead: 3, due: 4 });
    expect(mapped.missing).toEqual([]);
    expect(matchHeaders(odd, { lead: '牵头处室', due: 9 }).overrideErrors).toEqual([{ column: 'lead', value: '牵头处室' }, { column: 'due', value: 9 }]);
  });
});

describe('deadline phrases', () => {
  const ok = (date: string, type = 'date') => ({ ok: true, due: expect.objectContaining({ type, date }) });
  const err = (code: string) => ({ ok: false, code });
  const cases: Array<[string | Date, Record<string, unknown>]> = [
    ['2026年6月底', ok('2026-06-30')],
    ['2026年6月底前', ok('2026-06-30')],
    ['6月30日前', ok('2026-06-30')],
    ['6月底前完成', ok('2026-06-30')],
    ['年底前', ok('2026-12-31')],
    ['2026年底', ok('2026-12-31')],
    ['2027年年底前', ok('2027-12-31')],
    ['2026年第三季度', ok('2026-09-30')],
    ['第一季度', ok('2026-03-31')],
    ['2026年第4季度', ok('2026-12-31')],
    ['2026年上半年', ok('2026-06-30')],
    ['下半年', ok('2026-12-31')],
    ['2026年12月31日', ok('2026-12-31')],
    ['2026-09-01', ok('2026-09-01')],
    ['2026/9/1', ok('2026-09-01')],
    ['2026.09.01', ok('2026-09-01')],
    ['2026.9', ok('2026-09-30')],
    ['２０２６年９月', ok('2026-09-30')],
    ['二〇二六年十二月底', ok('2026-12-31')],
    ['十月底前', ok('2026-10-31')],
    ['2026年9月秋季开学前', ok('2026-09-30')],
    ['2027年秋季开学前', ok('2027-08-31')],
    ['2026年3月—6月', ok('2026-06-30')],
    ['2025—2027年', ok('2027-12-31')],
    ['2026年6月底前开工，2027年8月底前投入使用', ok('2027-08-31')],
    ['每月25日前', ok('2026-12-31', 'monthly')],
    ['每月底', ok('2026-12-31', 'monthly')],
    ['每季度末', ok('2026-12-31', 'quarterly')],
    ['长期坚持', ok('2026-12-31', 'ongoing')],
    ['持续推进', ok('2026-12-31', 'ongoing')],
    ['2026年', ok('2026-12-31')],
    [new Date(Date.UTC(2026, 7, 31)), ok('2026-08-31')],
    ['2026年2月30日', err('import.date-impossible')],
    ['2026年13月', err('import.date-impossible')],
    ['6月31日前', err('import.date-impossible')],
    ['第五季度', err('import.date-impossible')],
    ['尽快', err('import.date-unreadable')],
    ['', err('import.date-empty')],
    ['1998年底', err('import.date-out-of-range')],
    ['每月32日', err('import.date-impossible')],
  ];
  it.each(cases)('%j', (text, expected) => {
    expect(parseDueDate(text, 2026)).toMatchObject(expected);
  });

  it('says when a cell holds several dates, the earliest being where the work starts', () => {
    expect(parseDueDate('2026年3月开工，12月底前竣工', 2026)).toMatchObject({ ok: true, several: true, start: '2026-03-31', due: { date: '2026-12-31' } });
  });

  it('spreads a repeating deadline over the rest of the year', () => {
    const monthly = parseDueDate('每月25日前', 2026);
    expect(monthly.ok && occurrences(monthly.due, '2026-09-10')).toEqual(['2026-09-25', '2026-10-25', '2026-11-25', '2026-12-25']);
    const ongoing = parseDueDate('长期坚持', 2026);
    expect(ongoing.ok && occurrences(ongoing.due, '2026-01-01')).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
  });
});

describe('targets in the text', () => {
  it.each([
    ['新增学位1080个', [{ figure: 'seats', target: 1080, unit: '个', name: '新增学位' }]],
    ['新增学位1,080个', [{ figure: 'seats', target: 1080 }]],
    ['9000人次', [{ figure: 'personTimes', target: 9000, unit: '人次' }]],
    ['开展五级培训9000人次', [{ figure: 'personTimes', target: 9000 }]],
    ['新建幼儿园20所', [{ figure: 'kindergartens', target: 20, unit: '所' }]],
    ['新建、改扩建中小学5所，新增学位4500个', [{ figure: 'schools', target: 5 }, { figure: 'seats', target: 4500 }]],
    ['招聘教师47名', [{ figure: 'teachers', target: 47, unit: '名' }]],
    ['建筑面积1502平方米', [{ figure: 'floorArea', target: 1502, unit: '㎡' }]],
    ['总投资1.2亿元', [{ figure: 'investment', target: 120_000_000, unit: '元' }]],
    ['投资3000万元', [{ figure: 'investment', target: 30_000_000 }]],
    ['建设教师周转宿舍200套', [{ figure: 'apartments', target: 200, unit: '套' }]],
    ['设置36个班', [{ figure: 'classes', target: 36 }]],
    ['培训校长120人', [{ figure: 'teachers', target: 120 }]],
    ['完善制度', []],
  ])('%j', (text, quantities) => {
    const found = findTargets(text);
    expect(found.quantities).toEqual(quantities.map((q) => expect.objectContaining(q)));
  });

  it.each([
    ['不低于10%', { threshold: 0.1, direction: '>=' }],
    ['普惠性幼儿园覆盖率达到85%以上', { threshold: 0.85, direction: '>=' }],
    ['巩固率100%', { threshold: 1, direction: '>=' }],
    ['大班额比例控制在5%以内', { threshold: 0.05, direction: '<=' }],
    ['不超过2.5%', { threshold: 0.025, direction: '<=' }],
  ])('%j is an indicator', (text, indicator) => {
    expect(findTargets(text).indicator).toMatchObject(indicator);
  });

  it('lists an amount that names no known figure, to warn about it', () => {
    expect(findTargets('建设智慧校园示范点3个').unknown).toEqual(['建设智慧校园示范点3个']);
  });
});

describe('kind guessing', () => {
  it.each([
    ['新建郑州市第八十二中学', '2026年9月投入使用，新增学位1800个', 'school_construction'],
    ['阳光幼儿园开工建设', '', 'school_construction'],
    ['新建普惠性幼儿园', '新建幼儿园20所', 'generic'],
    ['推进教师交流轮岗', '交流比例不低于10%', 'indicator'],
    ['教师全员培训', '完成9000人次', 'training_quota'],
    ['学位扩容', '新增学位1080个', 'generic'],
    ['完善督导制度', '', 'generic'],
  ])('%j / %j → %s', (task, target, kind) => {
    const found = findTargets(`${target}\n${task}`);
    expect(guessKind(task, target, found.quantities, !!found.indicator)).toBe(kind);
  });
});

describe('unit matching', () => {
  const units = [
    { id: 'city', name: '郑州市教育局' },
    { id: 'jinshui', name: '金水区教育局' },
    { id: 'zhongmou', name: '中牟县教育体育局' },
    { id: 'erqi-1', name: '二七区教育局' },
    { id: 'erqi-2', name: '二七区教育局(老城分局)' },
    { id: 'zz8', name: '郑州市第八中学' },
    { id: 'zz82', name: '郑州市第八十二中学' },
  ];
  it.each([
    ['郑州市教育局', 'city', 'exact'],
    ['金水区', 'jinshui', 'abbreviation'],
    ['金水区教体局', 'jinshui', 'abbreviation'],
    ['中牟县', 'zhongmou', 'abbreviation'],
    ['中牟县教育局', 'zhongmou', 'abbreviation'],
    [' 金水区教育局 ', 'jinshui', 'exact'],
  ])('%j is %s (%s)', (text, id, by) => {
    expect(matchUnit(text, units)).toMatchObject({ ok: true, unit: { id }, by });
  });
  it('refuses an ambiguous or unknown name with candidates', () => {
    expect(matchUnit('郑州市第八', units)).toMatchObject({ ok: false, reason: 'ambiguous', candidates: ['郑州市第八中学', '郑州市第八十二中学'] });
    expect(matchUnit('惠济区教育局', units)).toMatchObject({ ok: false, reason: 'unknown' });
    expect(matchUnit('金水县教育局', units)).toMatchObject({ ok: false, reason: 'unknown', candidates: expect.arrayContaining(['金水区教育局']) });
  });
  it('splits a cell of several units, keeping brackets together', () => {
    expect(splitUnitNames('市教育局、各县（市、区）教育局，金水区')).toEqual(['市教育局', '各县（市、区）教育局', '金水区']);
  });
});

describe('a row as a draft project', () => {
  const ctx = {
    planYear: 2026,
    today: '2026-03-01',
    units: [
      { id: 'jinshui', name: '金水区教育局', ownerUserId: 'u1' },
      { id: 'zhongmou', name: '中牟县教育局', ownerUserId: 'u2' },
      { id: 'city', name: '郑州市教育局' },
    ],
  };
  it('reads every column: kind, lead and co-units, deadline, targets', () => {
    const d = draftRow({ seq: '3', task: '新建金水区文化路小学', target: '新增学位1080个，设置24个班，总投资8000万元', lead: '金水区', co: '中牟县教育局', owner: '张伟', due: '2026年8月底前投入使用' }, 3, ctx);
    expect(d).toMatchObject({
      key: 'seq:3', kind: 'school_construction', leadUnitId: 'jinshui', ownerUserId: 'u1', coUnitIds: ['zhongmou'], responsibleHead: '张伟',
      dueDate: '2026-08-31', startDate: '2026-01-01', category: '小学', workType: '新建',
      targets: { seatsPlanned: 1080, classesPlanned: 24, investmentPlanned: 80_000_000 }, errors: [],
    });
    expect(d.warnings.map((w) => w.code)).toEqual(['import.unit-abbreviated']);
  });
  it('names the column of each error; a lead unit without an owner account is one', () => {
    const d = draftRow({ seq: '4', task: '督导', lead: '惠济区教育局', due: '2026年2月30日' }, 4, ctx);
    expect(d.errors.map((e) => `${e.column}:${e.code}`)).toEqual(['lead:import.unit-unknown', 'due:import.date-impossible']);
    expect(draftRow({ task: 'x', lead: '郑州市教育局', due: '年底前' }, 1, ctx).errors.map((e) => e.code)).toEqual(['import.lead-no-owner']);
  });
  it('makes an ongoing row a project reported every quarter, and a duplicate 序号 an error', () => {
    const [a, b] = draftRows([{ seq: '1', task: '加强师德建设', lead: '金水区', due: '长期坚持' }, { seq: '1', task: '另一项', lead: '金水区', due: '年底前' }], ctx);
    expect(a.milestones?.map((m) => m.dueDate)).toEqual(['2026-03-31', '2026-06-30', '2026-09-30', '2026-12-31']);
    expect(a.warnings.map((w) => w.code)).toContain('import.date-ongoing');
    expect(b.errors).toEqual([expect.objectContaining({ code: 'import.seq-duplicate', column: 'seq', params: expect.objectContaining({ line: 1 }) })]);
  });
});

describe('a row due already', () => {
  it('started a year before its deadline, so that its stages fit', () => {
    const d = draftRow({ task: '新建第一小学', lead: '金水区', due: '2025年8月' }, 1, { planYear: 2026, today: '2026-11-23', units: [{ id: 'j', name: '金水区教育局', ownerUserId: 'u' }] });
    expect(d).toMatchObject({ startDate: '2024-08-31', dueDate: '2025-08-31', kind: 'school_construction' });
    expect(d.warnings.map((w) => w.code)).toContain('import.date-past');
  });
});
