/**
 * The demo organisation and its two plans, built from the facts of the sample plans (the county's
 * compulsory-education plan and the city's 17 key projects). Every date is placed relative to the day the
 * demo is first loaded so that the projects show green, yellow and red at once; seat, class and money
 * figures are illustrative (the plans give none).
 */
import { DateTime } from 'luxon';
import type { ProjectKind, StageKey } from '../../domain/src/kinds';

export const DEMO_PASSWORD = 'demo-supervision';
/** Its presence means the demo organisation was loaded. */
export const DEMO_ROOT_UNIT = 'zz-city';

export interface DemoUnit {
  code: string;
  name: string;
  type: 'bureau' | 'district' | 'county' | 'school' | 'department';
  parent?: string;
}
export interface DemoUser {
  username: string;
  displayName: string;
  role: 'coordinator' | 'leader' | 'owner';
  unit: string;
  isUnitHead?: boolean;
}
/** One report by the project's owner and the coordinator's decision on it. */
export interface DemoStep {
  milestoneId?: string;
  figures?: Record<string, unknown>;
  narrative: string;
  review: 'accept' | { return: string };
}
export interface DemoProject {
  name: string;
  kind: ProjectKind;
  lead: string;
  owner: string;
  responsibleHead: string;
  startDate: string;
  dueDate: string;
  targets?: Record<string, unknown>;
  milestones?: Array<{ id: string; name: string; dueDate: string }>;
  stageDates?: Partial<Record<StageKey, string>>;
  steps?: DemoStep[];
  category?: string;
  workType?: string;
  tags?: string[];
  template?: string;
  quantities?: Array<Record<string, unknown>>;
}
export interface DemoPlan {
  name: string;
  year: number;
  ownerUnit: string;
  coordinator: string;
  portfolioTargets: Array<Record<string, unknown>>;
  projects: DemoProject[];
}
export interface DemoContent {
  units: DemoUnit[];
  users: DemoUser[];
  plans: DemoPlan[];
}

const STAGE_ORDER: StageKey[] = ['approval', 'design', 'tendering', 'construction_start', 'topping_out', 'completion_acceptance', 'opening'];
const STAGE_NOTES: Record<StageKey, string> = {
  approval: '项目已获发改部门立项批复。',
  design: '施工图设计已完成并通过审查。',
  tendering: '施工总承包招标已完成，中标单位已进场。',
  construction_start: '已取得施工许可，正式开工。',
  topping_out: '主体结构全部封顶。',
  completion_acceptance: '五方主体竣工验收合格。',
  opening: '学校已投入使用，按计划招生开学。',
};

/** Accepted reports for the first `count` stages, in order; `figures` go with the last one. */
function stagesAccepted(count: number, figures?: Record<string, unknown>): DemoStep[] {
  return STAGE_ORDER.slice(0, count).map((milestoneId, i) => ({
    milestoneId,
    narrative: STAGE_NOTES[milestoneId],
    review: 'accept',
    ...(i === count - 1 && figures ? { figures } : {}),
  }));
}

export function demoContent(today: DateTime = DateTime.now().setZone('Asia/Shanghai')): DemoContent {
  const d = (days: number) => today.plus({ days }).toISODate()!;
  const year = today.year;
  // The city's 2016 targets are due at the end of the current year, or two weeks on in its last days.
  const yearEnd = DateTime.max(DateTime.fromISO(`${year}-12-31`, { zone: today.zone }), today.plus({ days: 14 })).toISODate()!;

  const units: DemoUnit[] = [
    { code: DEMO_ROOT_UNIT, name: '郑州市教育局', type: 'bureau' },
    { code: 'zz-jichu', name: '郑州市教育局基础教育处', type: 'department', parent: DEMO_ROOT_UNIT },
    { code: 'zz-bangongshi', name: '郑州市教育局办公室', type: 'department', parent: DEMO_ROOT_UNIT },
    { code: 'zz-renshi', name: '郑州市教育局人事教师处', type: 'department', parent: DEMO_ROOT_UNIT },
    { code: 'zz-zhicheng', name: '郑州市教育局职业教育与成人教育处', type: 'department', parent: DEMO_ROOT_UNIT },
    { code: 'zz-zhongmou', name: '中牟县教育局', type: 'county', parent: DEMO_ROOT_UNIT },
    { code: 'zz-jinshui', name: '金水区教育局', type: 'district', parent: DEMO_ROOT_UNIT },
    { code: 'zz-guancheng', name: '管城回族区教育局', type: 'district', parent: DEMO_ROOT_UNIT },
    { code: 'zz-zm-shiyan', name: '河南省实验中学郑开校区', type: 'school', parent: 'zz-zhongmou' },
    { code: 'zz-zm-wenqing', name: '郑州一中文清中学', type: 'school', parent: 'zz-zhongmou' },
    { code: 'zz-zm-waiguoyu', name: '郑州外国语中牟新区学校', type: 'school', parent: 'zz-zhongmou' },
  ];

  const users: DemoUser[] = [
    { username: 'zz-office', displayName: '市重点工程领导小组办公室', role: 'coordinator', unit: DEMO_ROOT_UNIT },
    { username: 'zm-office', displayName: '县优质均衡领导小组办公室', role: 'coordinator', unit: 'zz-zhongmou' },
    { username: 'leader', displayName: '领导小组组长', role: 'leader', unit: DEMO_ROOT_UNIT },
    { username: 'zm-owner', displayName: '中牟县教育局责任人', role: 'owner', unit: 'zz-zhongmou' },
    { username: 'zm-head', displayName: '中牟县教育局局长', role: 'owner', unit: 'zz-zhongmou', isUnitHead: true },
    { username: 'js-owner', displayName: '金水区教育局责任人', role: 'owner', unit: 'zz-jinshui' },
    { username: 'js-head', displayName: '金水区教育局局长', role: 'owner', unit: 'zz-jinshui', isUnitHead: true },
    { username: 'gc-owner', displayName: '管城回族区教育局责任人', role: 'owner', unit: 'zz-guancheng' },
    { username: 'gc-head', displayName: '管城回族区教育局局长', role: 'owner', unit: 'zz-guancheng', isUnitHead: true },
    { username: 'wq-owner', displayName: '文清中学责任人', role: 'owner', unit: 'zz-zm-wenqing' },
    { username: 'jc-owner', displayName: '基础教育处责任人', role: 'owner', unit: 'zz-jichu' },
    { username: 'bgs-owner', displayName: '办公室责任人', role: 'owner', unit: 'zz-bangongshi' },
    { username: 'rs-owner', displayName: '人事教师处责任人', role: 'owner', unit: 'zz-renshi' },
    { username: 'zc-owner', displayName: '职成教处责任人', role: 'owner', unit: 'zz-zhicheng' },
  ];

  // ---- plan A: the county's compulsory-education plan (its campus had to open by August 2025) ----
  const zm = { lead: 'zz-zhongmou', owner: 'zm-owner', responsibleHead: '中牟县教育局局长' };
  const county: DemoProject[] = [
    {
      ...zm, kind: 'school_construction', name: '河南省实验中学郑开校区建设', startDate: d(-450), dueDate: d(280),
      targets: { seatsPlanned: 3000, classesPlanned: 60, investmentPlanned: 860_000_000 },
      steps: stagesAccepted(4, { investmentSpent: 475_000_000 }),
    },
    {
      ...zm, kind: 'school_construction', name: '郑州一中文清中学新校区', startDate: d(-800), dueDate: d(-85),
      targets: { seatsPlanned: 1800, classesPlanned: 36, investmentPlanned: 420_000_000 },
      steps: stagesAccepted(7, { seatsDelivered: 2000, classesDelivered: 40, investmentSpent: 415_000_000 }),
    },
    {
      ...zm, kind: 'school_construction', name: '郑州外国语中牟新区学校建设', startDate: d(-200), dueDate: d(640),
      targets: { seatsPlanned: 2400, classesPlanned: 48, investmentPlanned: 650_000_000 },
      // Construction starts in three days: inside the warning window, so this school shows yellow.
      stageDates: { approval: d(-170), design: d(-90), tendering: d(-20), construction_start: d(3) },
      steps: stagesAccepted(3, { investmentSpent: 78_000_000 }),
    },
    {
      ...zm, kind: 'teacher_rotation', name: '上一学年城乡教师交流轮岗', startDate: d(-450), dueDate: d(20),
      targets: { checkDate: d(-85), minRate: 0.1, minBackboneShare: 0.2 },
      steps: [{ figures: { eligible: 1150, rotated: 121, rotatedBackbone: 22 }, narrative: '全年交流轮岗121人，其中骨干教师22人。', review: 'accept' }],
    },
    {
      ...zm, kind: 'teacher_rotation', name: '本学年城乡教师交流轮岗', startDate: d(-85), dueDate: d(285),
      targets: { checkDate: d(280), minRate: 0.1, minBackboneShare: 0.2 },
      steps: [{ figures: { eligible: 1180, rotated: 95, rotatedBackbone: 21 }, narrative: '第一批交流轮岗教师已到岗。', review: 'accept' }],
    },
    {
      lead: 'zz-zm-wenqing', owner: 'wq-owner', responsibleHead: '文清中学校长', kind: 'teacher_rotation', name: '文清中学本学年教师交流轮岗',
      startDate: d(-85), dueDate: d(285), targets: { checkDate: d(280) },
      steps: [{ figures: { eligible: 60, rotated: 6, rotatedBackbone: 2 }, narrative: '6名教师赴乡村学校交流，含骨干教师2名。', review: 'accept' }],
    },
    {
      ...zm, kind: 'training_quota', name: '校长和业务骨干高端研修', startDate: d(-400), dueDate: d(25),
      targets: { start: d(-400), end: d(-35), totalPersonTimes: 500 },
      steps: [{ figures: { personTimes: { provincial: 430 } }, narrative: '赴沪宁及省市名校研修共430人次。', review: 'accept' }],
    },
    {
      ...zm, kind: 'training_quota', name: '名校长名师名家大讲堂', startDate: d(-200), dueDate: d(170),
      targets: { start: d(-200), end: d(165), totalPersonTimes: 6000 },
      steps: [{ figures: { personTimes: { county: 3600 } }, narrative: '已举办讲座24场，覆盖3600人次。', review: 'accept' }],
    },
    {
      ...zm, kind: 'training_quota', name: '教师五级培训', startDate: d(-200), dueDate: d(170),
      targets: {
        start: d(-200), end: d(165), totalPersonTimes: 9000,
        personTimes: { national: 300, provincial: 900, municipal: 1800, county: 3000, school: 3000 },
        hoursCycle: { hoursPerTeacher: 360, start: d(-730), end: d(1095), teachers: 4200 },
      },
      steps: [{
        figures: { personTimes: { national: 120, provincial: 380, municipal: 700, county: 1100, school: 1000 }, averageHoursPerTeacher: 138 },
        narrative: '县级、校级培训进度偏慢，下月集中组织。', review: 'accept',
      }],
    },
    {
      ...zm, kind: 'indicator', name: '集团化办学覆盖率', startDate: d(-300), dueDate: d(300),
      targets: { threshold: 0.85, direction: '>=' },
      steps: [{ figures: { value: 0.83, measuredAt: d(-10) }, narrative: '两所新建校尚未纳入教育集团。', review: 'accept' }],
    },
    {
      ...zm, kind: 'indicator', name: '适龄残疾儿童少年义务教育入学率', startDate: d(-300), dueDate: d(300),
      targets: { threshold: 0.98, direction: '>=' },
      steps: [{ figures: { value: 0.986, measuredAt: d(-20) }, narrative: '秋季学期统计结果。', review: 'accept' }],
    },
    {
      ...zm, kind: 'indicator', name: '城区公办初中就近划片入学比例', startDate: d(-300), dueDate: d(300),
      targets: { threshold: 0.95, direction: '>=', warningMargin: 0.01 },
      steps: [{ figures: { value: 0.955, measuredAt: d(-60) }, narrative: '秋季招生数据。', review: 'accept' }],
    },
    {
      ...zm, kind: 'generic', name: '国家义务教育优质均衡示范县评估验收', startDate: d(-300), dueDate: d(300),
      milestones: [
        { id: 'self-check', name: '完成县级自评自查', dueDate: d(-40) },
        { id: 'provincial', name: '迎接省级督导评估', dueDate: d(60) },
        { id: 'national', name: '通过国家评估验收', dueDate: d(300) },
      ],
      steps: [{ milestoneId: 'self-check', narrative: '自评报告已报送市教育局。', review: 'accept' }],
    },
    {
      ...zm, kind: 'generic', name: '县域校长教师交流轮岗办法', startDate: d(-120), dueDate: d(-5),
      milestones: [{ id: 'measures', name: '印发交流轮岗办法', dueDate: d(-5) }],
    },
  ];

  // ---- plan B: the city's 17 key projects, their 2016 targets moved into the current year ----
  const school = (lead: string, owner: string, name: string, seats: number, extra: Partial<DemoProject>): DemoProject => ({
    lead, owner, responsibleHead: `${units.find((u) => u.code === lead)!.name}局长`, kind: 'school_construction', name,
    startDate: d(-760), dueDate: d(-82),
    targets: { seatsPlanned: seats, classesPlanned: seats / 45, investmentPlanned: seats * 60_000 },
    steps: stagesAccepted(7, { seatsDelivered: seats, classesDelivered: seats / 45, investmentSpent: seats * 58_000 }),
    category: name.includes('小学') ? '小学' : '初中',
    workType: name.includes('改扩建') ? '改扩建' : '新建',
    tags: ['市区新建改扩建中小学'],
    ...extra,
  });
  const js = ['zz-jinshui', 'js-owner'] as const;
  const gc = ['zz-guancheng', 'gc-owner'] as const;
  const jc = { lead: 'zz-jichu', owner: 'jc-owner', responsibleHead: '基础教育处处长' };
  const bgs = { lead: 'zz-bangongshi', owner: 'bgs-owner', responsibleHead: '办公室主任' };
  // Every milestone of the city's projects falls within its year.
  const plain = (id: string, name: string, dueDate: string) => ({ id, name, dueDate: dueDate < yearEnd ? dueDate : yearEnd });
  const accepted = (milestoneId: string, narrative: string): DemoStep => ({ milestoneId, narrative, review: 'accept' });
  const city: DemoProject[] = [
    school(...js, '金水区龙子湖第二小学（新建）', 1620, {}),
    school(...js, '金水区杨金路初级中学（新建）', 2250, {}),
    school(...js, '金水区南阳路小学（改扩建）', 1350, {}),
    school(...gc, '管城回族区紫东路小学（新建）', 2700, {}),
    school(...gc, '管城回族区南曹中学（改扩建）', 1080, {}),
    school(...js, '金水区北三环中学（新建）', 2250, { startDate: d(-250), dueDate: d(480), steps: stagesAccepted(4, { investmentSpent: 34_000_000 }) }),
    school(...gc, '管城回族区航海东路小学（新建）', 1620, { startDate: d(-700), dueDate: d(40), steps: stagesAccepted(5, { investmentSpent: 86_000_000 }) }),
    {
      ...jc, kind: 'indicator', name: '学校建设工程：大班额比2013年减少比例', startDate: d(-300), dueDate: yearEnd,
      targets: { threshold: 0.4, direction: '>=', checkDate: yearEnd },
      steps: [{ figures: { value: 0.36, measuredAt: d(-30) }, narrative: '秋季开学统计，新建校投用后继续下降。', review: 'accept' }],
    },
    {
      ...jc, kind: 'generic', name: '学校美育工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('scheme', '制定学校美育工作实施方案和评价办法', d(-100)), plain('model-schools', '遴选20所美育示范学校', d(25)), plain('base', '建设中小学美育实践基地', yearEnd)],
      steps: [accepted('scheme', '实施方案和评价办法已印发。')],
    },
    {
      ...jc, kind: 'indicator', name: '校园足球提升工程：创建校园足球特色学校', startDate: d(-300), dueDate: yearEnd,
      targets: { threshold: 100, direction: '>=', measure: 'count', checkDate: yearEnd },
      steps: [{ figures: { value: 64, measuredAt: d(-7) }, narrative: '已认定特色学校64所。', review: 'accept' }],
    },
    {
      ...jc, kind: 'indicator', name: '教育信息化提升工程：班班通升级改造班级比例', startDate: d(-300), dueDate: yearEnd,
      targets: { threshold: 0.4, direction: '>=', checkDate: yearEnd },
      steps: [{ figures: { value: 0.42, measuredAt: d(-14) }, narrative: '升级改造已覆盖42%的教学班。', review: 'accept' }],
    },
    {
      ...jc, kind: 'generic', name: '基础教育国际化工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('action-plans', '各区县和市属学校出台3—5年行动规划', d(-6)), plain('rules', '完善中外合作办学等工作规则', yearEnd)],
    },
    {
      ...bgs, kind: 'generic', name: '教育行风治理能力提升工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('admissions', '出台局属学校规范招生管理及问责制度', d(3)), plain('fees', '建立并执行收费公示制度', yearEnd)],
    },
    {
      ...bgs, kind: 'generic', name: '和谐机关建设工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('trial', '制订方案并开始试行', d(-200)), plain('improve', '完善方案、改进工作', yearEnd)],
      steps: [accepted('trial', '方案已制订并在机关试行。')],
    },
    {
      ...bgs, kind: 'generic', name: '学校安全工作提升工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('studio', '成立校园安全工作室', d(-150)), plain('inspection', '完成校车校舍安全大排查', d(45))],
      steps: [accepted('studio', '校园安全工作室已挂牌。')],
    },
    {
      ...bgs, kind: 'generic', name: '信访维稳工作改革提升工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('early-warning', '建立矛盾隐患排查化解预警机制', d(50)), plain('backlog', '开展历史积案化解活动', yearEnd)],
    },
    {
      ...bgs, kind: 'generic', name: '教育新闻宣传促进工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('columns', '开设教育专刊和广播栏目', d(-90)), plain('review', '全年合作宣传总结', yearEnd)],
      steps: [accepted('columns', '专刊已出版，广播栏目已开播。')],
    },
    {
      ...bgs, kind: 'generic', name: '基层党建工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('group', '成立党建工作领导小组', d(-240)), plain('assessment', '完善党建考核评价机制', d(55))],
      steps: [accepted('group', '领导小组已成立。')],
    },
    {
      lead: 'zz-renshi', owner: 'rs-owner', responsibleHead: '人事教师处处长', kind: 'generic', name: '教师管理体制改革工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('recruitment', '出台新进教师招录办法', d(30)), plain('pay', '完善绩效工资发放办法', yearEnd)],
      steps: [{ milestoneId: 'recruitment', narrative: '招录办法征求意见稿已形成。', review: { return: '征求意见稿不是正式印发文件，请印发后再报。' } }],
    },
    {
      ...jc, kind: 'indicator', name: '学前教育惠民发展工程：双90%目标', startDate: d(-300), dueDate: yearEnd,
      targets: { threshold: 0.9, direction: '>=', checkDate: yearEnd },
      steps: [{ figures: { value: 0.91, measuredAt: d(-21) }, narrative: '普惠性幼儿园覆盖率已达91%。', review: 'accept' }],
    },
    {
      ...jc, kind: 'generic', name: '基础教育质量提升工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('moral-classroom', '完成道德课堂新一轮评估认定', d(-60)), plain('maker', '启动创客教育', d(20))],
      steps: [accepted('moral-classroom', '评估认定已完成。')],
    },
    {
      lead: 'zz-zhicheng', owner: 'zc-owner', responsibleHead: '职成教处处长', kind: 'generic', name: '现代职业教育体系构建工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('opinions', '召开职教工作会并出台实施意见', d(-120)), plain('platform', '中职综合管理信息平台试运行', d(35))],
      steps: [accepted('opinions', '实施意见已印发。')],
    },
    {
      lead: 'zz-zhicheng', owner: 'zc-owner', responsibleHead: '职成教处处长', kind: 'generic', name: '创新创业教育示范院校建设工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('units', '评定项目单位并制定发展规划', d(-80)), plain('pilot', '遴选优秀学生开展试点', d(28))],
      steps: [accepted('units', '项目单位已评定。')],
    },
    {
      ...jc, kind: 'generic', name: '学前教育惠民发展工程：认定市级普惠性民办幼儿园', startDate: d(-300), dueDate: yearEnd,
      category: '幼儿园', tags: ['学前教育惠民发展工程'],
      quantities: [
        { figure: 'kindergartens', name: '认定市级普惠性民办幼儿园', target: 20 },
        { figure: 'schools', name: '扶持幼儿园达标升级', unit: '所', target: 120 },
      ],
      milestones: [plain('recognition', '完成市级普惠性民办幼儿园认定', yearEnd)],
      steps: [{ figures: { quantities: { kindergartens: 9, schools: 70 } }, narrative: '已认定9所，70所幼儿园完成达标升级。', review: 'accept' }],
    },
    {
      ...jc, kind: 'generic', name: '高中阶段学校布局调整：新建迁建三环以内高中段学校', startDate: d(-300), dueDate: yearEnd,
      category: '高中', workType: '新建', tags: ['学校建设工程'],
      quantities: [{ figure: 'schools', name: '新建迁建高中段学校', min: 4, max: 5 }],
      milestones: [plain('plan', '拟定市区高中阶段学校布局调整规划方案', d(-60)), plain('move', '启动三环以内普通高中外迁', yearEnd)],
      steps: [accepted('plan', '布局调整规划方案已拟定。')],
    },
    {
      ...jc, kind: 'generic', name: '教育信息化提升工程：校园网与智慧校园建设', startDate: d(-300), dueDate: yearEnd,
      workType: '提升改造', tags: ['教育信息化提升工程'],
      quantities: [
        { figure: 'schools', name: '校园网网络设备升级改造学校', target: 20 },
        { figure: 'items', name: '数字化校园学校', unit: '项', target: 34 },
      ],
      milestones: [plain('network', '完成校园网网络设备升级改造', yearEnd)],
      steps: [{ figures: { quantities: { schools: 15, items: 18 } }, narrative: '15所学校完成网络设备升级，18所数字化校园建成。', review: 'accept' }],
    },
    {
      ...jc, kind: 'generic', name: '民办教育内涵发展提升工程', startDate: d(-300), dueDate: yearEnd,
      milestones: [plain('rules', '制定民办学校规范管理办法', d(40)), plain('model', '开展示范性民办学校创建', yearEnd)],
    },
  ];

  return {
    units,
    users,
    plans: [
      {
        name: '中牟县义务教育优质均衡发展规划', year, ownerUnit: 'zz-zhongmou', coordinator: 'zm-office', projects: county,
        portfolioTargets: [{ id: 'key-schools', name: '重点学校建成投用', kind: 'school_construction', count: 2, startDate: d(-300), byDate: d(280) }],
      },
      {
        name: '郑州市教育重点工程', year, ownerUnit: DEMO_ROOT_UNIT, coordinator: 'zz-office', projects: city,
        portfolioTargets: [
          { id: 'schools-30', name: '新建改扩建中小学30所', kind: 'school_construction', count: 30, stage: 'opening', startDate: `${year}-01-01`, byDate: yearEnd },
          { id: 'seats', name: '新建改扩建学校新增学位', kind: 'school_construction', stage: 'opening', sumOf: { field: 'seatsDelivered', target: 45000 }, startDate: `${year}-01-01`, byDate: yearEnd },
          { id: 'seats-planned', name: '市区新建改扩建中小学规划学位', filter: { tags: ['市区新建改扩建中小学'] }, sumOf: { field: 'seats', basis: 'planned', target: 12000 }, startDate: `${year}-01-01`, byDate: yearEnd },
          { id: 'kindergartens', name: '认定市级普惠性民办幼儿园20所', filter: { categories: ['幼儿园'] }, sumOf: { field: 'kindergartens', basis: 'delivered', target: 20 }, startDate: `${year}-01-01`, byDate: yearEnd },
        ],
      },
    ],
  };
}
