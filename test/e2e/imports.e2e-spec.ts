import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { expectProblem, fingerprint } from '../helpers/api-fixtures';
import { useTestStack } from '../helpers/test-stack';

jest.setTimeout(300_000);

const HEADERS = ['序号', '重点任务', '具体目标', '牵头单位', '配合单位', '责任人', '完成时限'];
type Row = [string | number, string, string, string, string, string, string];

/** Next year, so that every deadline the table states lies ahead whenever the test runs. */
const year = DateTime.now().setZone('Asia/Shanghai').year + 1;

/**
 * Sixty rows as an office writes them. Rows 7, 19, 33 name a unit the directory does not have; 11 and 41 a day
 * that does not exist, 52 a thirteenth month; 59 and 60 repeat the 序号 of rows 12 and 30.
 */
function sixtyRows(): { rows: Row[]; errors: Record<number, string> } {
  const leads = ['中牟县', '金水区教育局', '中牟县教育局'];
  const dues = [`${year}年6月底`, '6月30日前', '年底前', `${year}年第三季度`, '每月25日前', '长期坚持', `${year}-03-31`, `${year}年9月1日前`];
  const rows: Row[] = [];
  for (let i = 1; i <= 60; i++) {
    let task = `第${i}项重点工作：完善督导评估机制`;
    let target = '';
    let due = dues[i % dues.length];
    if (i % 5 === 0) [task, target, due] = [`新建中牟县第${i}小学`, `${year}年8月投入使用，新增学位1080个，设置24个班，总投资8000万元`, `${year}年8月底`];
    else if (i % 5 === 1) target = '交流轮岗教师比例不低于10%';
    else if (i % 5 === 2) target = '开展五级培训9000人次';
    else if (i % 5 === 3) target = '新增学位1080个';
    rows.push([i, task, target, leads[i % 3], i % 4 === 0 ? '金水区' : '', `责任人${i}`, due]);
  }
  const errors: Record<number, string> = {};
  for (const l of [7, 19, 33]) {
    rows[l - 1][3] = '惠济区教育局';
    errors[l] = 'lead:import.unit-unknown';
  }
  rows[10][6] = `${year}年2月30日`;
  rows[40][6] = `${year}年2月30日`;
  rows[51][6] = `${year}年13月`;
  for (const l of [11, 41, 52]) errors[l] = 'due:import.date-impossible';
  rows[58][0] = 12;
  rows[59][0] = 30;
  for (const l of [59, 60]) errors[l] = 'seq:import.seq-duplicate';
  return { rows, errors };
}

async function workbook(rows: Row[], title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分解表');
  if (title) ws.addRow([title]);
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function wordDocument(rows: Row[]): Promise<Buffer> {
  const cell = (text: string | number) => new TableCell({ children: String(text).split('\n').map((t) => new Paragraph(t)) });
  const table = new Table({ rows: [HEADERS, ...rows].map((r) => new TableRow({ children: r.map(cell) })) });
  const doc = new Document({ sections: [{ children: [new Paragraph('附件：重点任务分解表'), table] }] });
  return Packer.toBuffer(doc);
}

describe('importing a task breakdown table: preview, confirm, idempotence, the dashboard', () => {
  let connection: Connection;
  let temporal: Client;

  const { stack, org } = useTestStack();
  beforeAll(async () => {
    connection = await Connection.connect({ address: stack.config.temporal.address });
    temporal = new Client({ connection, namespace: stack.config.temporal.namespace });
  });
  afterAll(() => connection?.close());

  const createPlan = async (name: string, y = year) => (await stack.http.post('/api/plans').set('Authorization', org.coordinator).send({ name, year: y }).expect(201)).body.id as string;
  const upload = (planId: string, file: Buffer, name: string, fields: Record<string, string> = {}) => {
    const req = stack.http.post(`/api/plans/${planId}/imports`).set('Authorization', org.coordinator);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, name);
  };
  const preview = async (planId: string, file: Buffer, name: string) => {
    const res = await upload(planId, file, name);
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const confirm = async (planId: string, importId: string, body: Record<string, unknown> = {}) => {
    const res = await stack.http.post(`/api/plans/${planId}/imports/${importId}/confirm`).set('Authorization', org.coordinator).send(body);
    if (res.status !== 202) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    // The answer comes at once; the rows are created in the background and show on the import as they are.
    for (let i = 0; i < 600; i++) {
      const got = (await stack.http.get(`/api/plans/${planId}/imports/${importId}`).set('Authorization', org.coordinator).expect(200)).body;
      if (got.status === 'done') return got;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('the import did not finish');
  };
  const projectsOf = async (planId: string): Promise<Array<{ id: string; name: string; workflow_id: string }>> =>
    stack.ds.query('SELECT id, name, workflow_id FROM projects WHERE plan_id = $1 ORDER BY name', [planId]);
  const errorsOf = (body: { rows: Array<{ line: number; errors: Array<{ column: string; code: string }> }> }) =>
    Object.fromEntries(body.rows.filter((r) => r.errors.length).map((r) => [r.line, r.errors.map((e) => `${e.column}:${e.code}`).join(' ')]));

  it.each([
    ['workbook', 'xlsx'],
    ['Word document', 'docx'],
  ])('a %s of 60 rows: exactly the expected errors, nothing created; confirm creates the valid rows as running workflows, once', async (_what, format) => {
    const planId = await createPlan(`重点任务导入（${format}）`);
    const { rows, errors } = sixtyRows();
    const file = format === 'xlsx' ? await workbook(rows, '附件：重点任务分解表') : await wordDocument(rows);
    const first = await preview(planId, file, `分解表.${format}`);
    expect(await projectsOf(planId)).toEqual([]);
    expect(first).toMatchObject({ status: 'preview', format, summary: { rows: 60, valid: 52, withErrors: 8, existing: 0 } });
    expect(errorsOf(first)).toEqual(errors);
    // Messages are Chinese, name the column and offer the nearest units.
    const unknown = first.rows.find((r: { line: number }) => r.line === 7).errors[0];
    expect(unknown.message).toBe('“牵头单位”中的“惠济区教育局”不在单位名录中');
    expect(first.rows.find((r: { line: number }) => r.line === 11).errors[0].message).toBe(`“完成时限”中的“${year}年2月30日”不是有效日期`);

    // Draft projects: the kind guessed, the unit matched by its abbreviation, deadlines and targets read.
    const line = (n: number) => first.rows.find((r: { line: number }) => r.line === n);
    expect(line(5)).toMatchObject({ kind: 'school_construction', leadUnitId: org.districtId, dueDate: `${year}-08-31`, category: '小学', targets: { seatsPlanned: 1080, classesPlanned: 24, investmentPlanned: 80_000_000 } });
    expect(line(1)).toMatchObject({ kind: 'indicator', leadUnitId: org.otherDistrictId, dueDate: `${year}-06-30`, targets: { threshold: 0.1, direction: '>=' } });
    expect(line(2)).toMatchObject({ kind: 'training_quota', leadUnitId: org.districtId, dueDate: `${year}-12-31`, targets: { totalPersonTimes: 9000 } });
    expect(line(3)).toMatchObject({ kind: 'generic', leadUnitId: org.districtId, quantities: [{ figure: 'seats', target: 1080, unit: '个' }], dueDate: `${year}-09-30` });
    expect(line(3).warnings.map((w: { code: string }) => w.code)).toContain('import.unit-abbreviated');
    expect(line(4)).toMatchObject({ due: { type: 'monthly', day: 25 } });
    expect(line(4).milestones.map((m: { dueDate: string }) => m.dueDate)).toEqual(Array.from({ length: 12 }, (_, k) => `${year}-${String(k + 1).padStart(2, '0')}-25`));
    expect(line(8)).toMatchObject({ coUnitIds: [org.otherDistrictId], coUnitNames: ['金水区教育局'] });
    expect(line(13)).toMatchObject({ due: { type: 'ongoing', date: `${year}-12-31` } });

    const done = await confirm(planId, first.id);
    expect(done.rows.filter((r: { outcome: string }) => r.outcome === 'failed').map((r: { line: number; failure: unknown }) => ({ line: r.line, failure: r.failure }))).toEqual([]);
    expect(done.progress).toEqual({ total: 60, done: 60, created: 52, existing: 0, failed: 0, invalid: 8 });
    const created = await projectsOf(planId);
    expect(created).toHaveLength(52);
    const byLine = new Map(done.rows.map((r: { line: number; projectId?: string }) => [r.line, r.projectId]));
    expect(Object.keys(errors).every((l) => byLine.get(Number(l)) === undefined)).toBe(true);
    for (const p of created) expect((await temporal.workflow.getHandle(p.workflow_id).describe()).status.name).toBe('RUNNING');
    // Deadlines were planned as one-by-one creation plans them.
    const school = (await stack.http.get(`/api/projects/${byLine.get(5)}`).set('Authorization', org.coordinator).expect(200)).body;
    expect(school).toMatchObject({ kind: 'school_construction', dueDate: `${year}-08-31`, template: 'school', category: '小学', workType: '新建', responsibleHead: '责任人5' });
    expect(school.milestones.length).toBeGreaterThan(3);

    // The co-unit (配合单位) of row 8, 金水区, sees the project in its list and opens it; the lead unit alone reports.
    const shared = byLine.get(8) as string;
    const ownList = (await stack.http.get(`/api/projects?planId=${planId}&pageSize=200`).set('Authorization', org.otherOwner).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(ownList).toContain(shared);
    expect(ownList).not.toContain(byLine.get(2));
    await stack.http.get(`/api/projects/${shared}`).set('Authorization', org.otherOwner).expect(200);
    await stack.http.get(`/api/projects/${byLine.get(2)}`).set('Authorization', org.otherOwner).expect(404);
    expectProblem(await stack.http.post(`/api/projects/${shared}/reports`).set('Authorization', org.otherOwner).send({ narrative: '配合单位报送' }), 403);
    await stack.http.post(`/api/projects/${shared}/reports`).set('Authorization', org.owner).send({ narrative: '牵头单位报送' }).expect(201);

    // Confirming again, and importing the same file again, create nothing new.
    const again = await confirm(planId, first.id);
    expect(again.progress).toMatchObject({ created: 0, existing: 52, invalid: 8 });
    const second = await preview(planId, file, `分解表.${format}`);
    expect(second.summary).toMatchObject({ rows: 60, existing: 52, valid: 0 });
    expect((await confirm(planId, second.id)).progress).toMatchObject({ created: 0, existing: 52 });
    expect(await projectsOf(planId)).toHaveLength(52);

    // A failed row is fixed and confirmed alone.
    const fixed = await confirm(planId, first.id, { lines: [7], corrections: [{ line: 7, lead: '金水区教育局' }] });
    expect(fixed.progress).toEqual({ total: 1, done: 1, created: 1, existing: 0, failed: 0, invalid: 0 });
    expect(await projectsOf(planId)).toHaveLength(53);
  });

  it('refuses a file it cannot read, naming the field, and creates nothing', async () => {
    const before = await fingerprint(stack);
    expectProblem(await stack.http.post(`/api/plans/${org.planId}/imports`).set('Authorization', org.coordinator).send({}), 400, 'file');
    expectProblem(await upload(org.planId, Buffer.from('not a table'), 'plan.pdf'), 400, 'file');
    expectProblem(await upload(org.planId, Buffer.from('PK\u0003\u0004broken'), 'plan.xlsx'), 400, 'file');
    const odd = await workbook([[1, '事项', '', '中牟县', '', '', '年底前']]);
    expectProblem(await upload(org.planId, Buffer.from('名称,单位,时间\n督导,中牟县,年底前\n'), 'odd.csv'), 400, 'mapping.task');
    expectProblem(await upload(org.planId, odd, 'plan.xlsx', { sheet: '不存在' }), 400, 'sheet');
    expectProblem(await upload(org.planId, odd, 'plan.xlsx', { mapping: '{"lead":"主办单位"}' }), 400, 'mapping.lead');
    expectProblem(await upload(org.planId, odd, 'plan.xlsx', { mapping: '{"deadline":3}' }), 400, 'mapping.deadline');
    expectProblem(await upload(org.planId, odd, 'plan.xlsx').set('Authorization', org.owner), 403);
    expect(await fingerprint(stack)).toEqual(before);

    // With the caller's mapping the odd headers read, as CSV too.
    const mapped = await upload(org.planId, Buffer.from('名称,单位,时间\n督导评估,中牟县,年底前\n'), 'odd.csv', { mapping: '{"task":"名称","lead":"单位","due":3}' }).expect(201);
    expect(mapped.body.rows).toEqual([expect.objectContaining({ name: '督导评估', leadUnitId: org.districtId, errors: [] })]);
  });

  it('serves the template, which imports as it is', async () => {
    const res = await stack.http.get('/api/plans/imports/template.xlsx').set('Authorization', org.coordinator).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(wb.worksheets[0].rowCount).toBe(3);
    await stack.http.get('/api/plans/imports/template.xlsx').set('Authorization', org.owner).expect(403);
  });

  it('imports the task table of the Zhongmou plan, and every row is supervised on the dashboard', async () => {
    const text = readFileSync(join(__dirname, '../../../shared/plans/zhongmou-compulsory-education-plan.txt'), 'utf8');
    // The numbered tasks of part three (重点任务与实施举措): "1.加快学校建设进度：…".
    const part = text.slice(text.indexOf('三、重点任务'), text.indexOf('四、保障措施'));
    const tasks = part.split('\n').map((l) => /^(\d+)\.?([^:：]+)[:：](.+)$/.exec(l.trim())).filter((m): m is RegExpExecArray => !!m);
    expect(tasks.length).toBeGreaterThanOrEqual(12);
    const rows: Row[] = tasks.map((m, i) => {
      const date = /\d{4}年\d{1,2}月/.exec(m[3])?.[0];
      return [i + 1, m[2].trim(), m[3].trim().slice(0, 300), i % 2 ? '中牟县教育局' : '中牟县', '', '', date ?? '年底前'];
    });
    const planId = await createPlan('中牟县义务教育优质均衡发展三年规划', DateTime.now().setZone('Asia/Shanghai').year);
    const first = await preview(planId, await workbook(rows), '中牟县重点任务分解表.xlsx');
    expect(first.rows.filter((r: { errors: unknown[] }) => r.errors.length)).toEqual([]);
    const done = await confirm(planId, first.id);
    expect(done.progress).toMatchObject({ total: rows.length, created: rows.length, failed: 0 });
    const dashboard = (await stack.http.get(`/api/dashboard?planId=${planId}`).set('Authorization', org.coordinator).expect(200)).body;
    expect(dashboard.total).toBe(rows.length);
    const listed = (await stack.http.get(`/api/projects?planId=${planId}&pageSize=200`).set('Authorization', org.coordinator).expect(200)).body.items.map((p: { name: string }) => p.name).sort();
    expect(listed).toEqual(rows.map((r) => r[1]).sort());
  });

  it('exports a filtered list as a workbook with Chinese headers, in the caller\'s scope', async () => {
    const planId = await createPlan('导出测试');
    const csv = ['序号,重点任务,具体目标,牵头单位,完成时限', '1,教师交流轮岗,交流比例不低于10%,中牟县教育局,年底前', '2,集团化办学,覆盖率达到85%以上,金水区,年底前', '3,完善督导制度,,金水区教育局,年底前'].join('\n');
    const first = await preview(planId, Buffer.from(csv), '表.csv');
    await confirm(planId, first.id);
    const download = async (path: string, auth: string) => {
      const res = await stack.http.get(path).set('Authorization', auth).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      if (res.status !== 200) throw new Error(`${res.status} ${res.body}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const ws = wb.worksheets[0];
      return Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1));
    };
    const indicators = await download(`/api/exports/projects.xlsx?planId=${planId}&kind=indicator`, org.coordinator);
    expect(indicators[0]).toEqual(['项目名称', '类型', '牵头单位', '状态', '原因', '最近截止', '完成时限', '责任人']);
    expect(indicators.slice(1).map((r) => [r[0], r[1], r[2]]).sort()).toEqual([['教师交流轮岗', '指标达标', '中牟县教育局'], ['集团化办学', '指标达标', '金水区教育局']]);
    expect(String(indicators[1][3])).toMatch(/^(绿灯|黄灯|红灯)$/);
    // An owner of 金水区 sees its own two projects only.
    const own = await download(`/api/exports/projects.xlsx?planId=${planId}`, org.otherOwner);
    expect(own.slice(1).map((r) => r[0]).sort()).toEqual(['完善督导制度', '集团化办学']);
    expectProblem(await stack.http.get(`/api/exports/projects.xlsx?kind=school`).set('Authorization', org.coordinator), 400, 'kind');

    // A project's reports, a plan's dispatch rounds and the notification deliveries download the same way.
    const projectId = first.rows.find((r: { line: number }) => r.line === 1).projectId ?? (await stack.http.get(`/api/plans/${planId}/imports/${first.id}`).set('Authorization', org.coordinator)).body.rows[0].projectId;
    await stack.http.post(`/api/projects/${projectId}/reports`).set('Authorization', org.owner).send({ narrative: '已完成轮岗教师名单公示' }).expect(201);
    const reports = await download(`/api/exports/reports.xlsx?projectId=${projectId}`, org.coordinator);
    expect(reports[0]).toEqual(['报送时间', '节点', '进展情况', '审核状态', '审核意见', '审核时间']);
    expect(reports.slice(1).map((r) => [r[2], r[3]])).toEqual([['已完成轮岗教师名单公示', '待审核']]);
    expectProblem(await stack.http.get(`/api/exports/reports.xlsx`).set('Authorization', org.coordinator), 400, 'projectId');
    await stack.http.get(`/api/exports/reports.xlsx?projectId=${projectId}`).set('Authorization', org.otherOwner).expect(404);
    await stack.http.post(`/api/plans/${planId}/dispatch-rounds`).set('Authorization', org.coordinator).send({ reportingWindow: 'P10D' }).expect(201);
    const rounds = await download(`/api/exports/dispatch-rounds.xlsx?planId=${planId}`, org.leader);
    expect(rounds.map((r) => r[2])).toEqual(['状态', '报送中']);
    expect((await download('/api/exports/notification-deliveries.xlsx', org.coordinator))[0]).toEqual(['标题', '渠道', '接收人', '地址', '状态', '尝试次数', '最后错误']);
  });
});
