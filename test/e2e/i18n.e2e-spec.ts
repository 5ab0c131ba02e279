import { binary } from '../helpers/api-fixtures';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DateTime } from 'luxon';
import mammoth from 'mammoth';
import { createOrg, Org } from '../helpers/fixtures';
import { startSmtp } from '../helpers/mail';
import { eventually, login, startTestStack, TestStack } from '../helpers/stack';

jest.setTimeout(180_000);

const POLICY = {
  calendar: 'natural',
  reminders: ['PT3S'],
  warningWindow: 'PT3S',
  escalations: [{ after: 'PT2S', level: 1, notify: ['unitHead', 'owner'] }],
};
const PUBLIC_URL = 'https://dubanxitong.example.cn';
const FORMULA_NAME = '=HYPERLINK("http://x","y")';

/** How a Beijing reader writes an instant: 2026年11月1日 23:59. */
const beijing = (iso: string) => {
  const t = DateTime.fromISO(iso).setZone('Asia/Shanghai');
  return `${t.year}年${t.month}月${t.day}日 ${t.toFormat('HH:mm')}`;
};

describe('texts in the reader’s language: reasons, inbox, e-mail, work chat, circulars', () => {
  let stack: TestStack;
  let org: Org;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: http.Server;
  const hooks: Array<{ path: string; body: Record<string, any> }> = [];
  let red: { id: string; dueAt: string };

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '', body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    stack = await startTestStack({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, WEBHOOK_URLS: `dingtalk=${url}/dingtalk/robot/send?access_token=t json=${url}/hook`, PUBLIC_URL });
    org = await createOrg(stack, POLICY);
    // The unit head reads e-mail; no language set: Chinese by default.
    await stack.http.post('/api/users').set('Authorization', org.admin)
      .send({ username: 'head-mail', displayName: '王局长', password: 'password-123', role: 'owner', unitId: org.districtId, isUnitHead: true, email: 'wang@zhongmou.example.cn' }).expect(201);

    const dueAt = new Date(Date.now() + 6_000).toISOString();
    const created = await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name: '出台集团化办学实施意见', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'draft', name: '形成征求意见稿', dueAt }] })
      .expect(201);
    red = { id: created.body.id, dueAt };
    await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name: FORMULA_NAME, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'm', name: '完成', dueAt }] })
      .expect(201);
  });
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  });

  const project = (accept?: string) => {
    const req = stack.http.get(`/api/projects/${red.id}`).set('Authorization', org.coordinator);
    return (accept ? req.set('Accept-Language', accept) : req).expect(200).then((r) => r.body);
  };

  it('says why a project is red in Chinese with the Beijing deadline, and in English on request', async () => {
    const zh = await eventually(async () => ((await project()).status === 'red' ? project() : undefined), 'the deadline to pass');
    const reason = zh.statusReasons.find((r: any) => r.code === 'deadline.overdue');
    expect(reason.params).toMatchObject({ milestone: '形成征求意见稿' });
    expect(Date.parse(reason.params.dueAt)).toBe(Date.parse(red.dueAt));
    expect(reason.message).toMatch(new RegExp(`^“形成征求意见稿”已逾期(不到1秒|\\d+(秒|分钟))（截止时间${beijing(red.dueAt)}），尚无审核通过的进展报告$`));

    const en = (await project('en-US,en;q=0.9')).statusReasons.find((r: any) => r.code === 'deadline.overdue');
    expect(en.message).toMatch(/^"形成征求意见稿" is (less than a second|\d+ (seconds?|minutes?)) past its deadline \d+ \w{3} \d{4}, \d{2}:\d{2} without an accepted report$/);
    expect(en.params).toEqual(reason.params);

    // The audit trail tells the same story in the reader's language.
    const events = (await stack.http.get(`/api/projects/${red.id}/events`).set('Authorization', org.coordinator).expect(200)).body.items;
    expect(events.find((e: any) => e.type === 'milestone.overdue').message).toBe(`“形成征求意见稿”已逾期（截止时间${beijing(red.dueAt)}）`);
  });

  it('puts the escalation in the inbox in Chinese', async () => {
    const head = await login(stack, 'head-mail', 'password-123');
    const note = await eventually(async () => {
      const items = (await stack.http.get('/api/notifications').set('Authorization', head).expect(200)).body.items as Array<Record<string, any>>;
      return items.find((n) => n.kind === 'escalation' && n.params?.project === '出台集团化办学实施意见');
    }, 'the level-1 escalation');
    expect(note).toMatchObject({ code: 'notice.escalation', level: 1 });
    expect(note.title).toMatch(/^【1级督办】出台集团化办学实施意见：“形成征求意见稿”逾期\d+(秒|分钟)$/);
    expect(note.body).toContain(`截止时间为${beijing(red.dueAt)}`);
    expect(note.body).toContain('现升级为1级督办');
  });

  it('sends the escalation by e-mail and to work chat in Chinese, with the unit, the deadline, how late and a link', async () => {
    const mail = await eventually(async () => smtp.mails.find((m) => m.to.includes('wang@zhongmou.example.cn') && m.subject.startsWith('【1级督办】出台集团化办学实施意见')), 'the escalation e-mail');
    expect(mail.subject).toMatch(/^【1级督办】出台集团化办学实施意见：“形成征求意见稿”逾期\d+(秒|分钟)$/);
    expect(mail.text).toContain('项目：出台集团化办学实施意见');
    expect(mail.text).toContain('牵头单位：中牟县教育局');
    expect(mail.text).toContain(`截止时间：${beijing(red.dueAt)}`);
    expect(mail.text).toMatch(/逾期：\d+(秒|分钟)/);
    expect(mail.text).toContain('督办级别：1级');
    expect(mail.text).toContain(`${PUBLIC_URL}/projects/${red.id}`);

    const robot = await eventually(async () => hooks.find((h) => h.path.startsWith('/dingtalk') && h.body.markdown?.title?.startsWith('【1级督办】出台集团化办学')), 'the DingTalk message');
    expect(robot.body.msgtype).toBe('markdown');
    expect(robot.body.markdown.text).toContain(`- 截止时间：${beijing(red.dueAt)}`);
    expect(robot.body.markdown.text).toContain('- 督办级别：1级');
    expect(robot.body.markdown.text).toContain(`[查看项目](${PUBLIC_URL}/projects/${red.id})`);
    const json = await eventually(async () => hooks.find((h) => h.path === '/hook' && h.body.code === 'notice.escalation' && h.body.params?.project === '出台集团化办学实施意见'), 'the JSON webhook');
    expect(json.body).toMatchObject({ locale: 'zh-CN', link: `${PUBLIC_URL}/projects/${red.id}`, title: expect.stringMatching(/^【1级督办】/) });
  });

  it('issues the circular as a spreadsheet and a Word document that read like an office circular', async () => {
    await eventually(async () => {
      const list = (await stack.http.get(`/api/projects?planId=${org.planId}&status=red`).set('Authorization', org.coordinator).expect(200)).body.items;
      return list.length === 2 ? true : undefined;
    }, 'both projects red');
    const issued = (await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: org.planId }).expect(201)).body;
    const year = DateTime.fromISO(issued.issuedAt).setZone('Asia/Shanghai').year;

    const xlsx = await stack.http.get(`/api/circulars/${issued.id}?format=xlsx`).set('Authorization', org.coordinator).buffer(true).parse(binary as never).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['督办通报', '总体情况', '红灯项目', '黄灯项目', '单位排名', '未报送单位', '整改事项']);
    const cover = wb.getWorksheet('督办通报')!.getColumn(1).values.filter(Boolean);
    expect(cover).toEqual(expect.arrayContaining(['督办通报', `${year}年第${issued.number}期`]));
    const redSheet = wb.getWorksheet('红灯项目')!;
    expect(redSheet.getRow(1).values).toEqual([undefined, '项目名称', '牵头单位', '原因']);
    expect(redSheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const names: ExcelJS.Cell[] = [];
    redSheet.getColumn(1).eachCell((c, row) => row > 1 && names.push(c));
    const formula = names.find((c) => c.value === FORMULA_NAME)!;
    expect(formula).toBeDefined();
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.formula).toBeUndefined();
    expect(names.map((c) => c.value)).toContain('出台集团化办学实施意见');
    expect(String(redSheet.getRow(Number(names.find((c) => c.value === '出台集团化办学实施意见')!.row)).getCell(3).value)).toMatch(/^“形成征求意见稿”已逾期/);
    const ranking = wb.getWorksheet('单位排名')!;
    expect(ranking.getRow(1).values).toEqual([undefined, '排名', '单位', '项目数', '按时完成率', '逾期节点数', '未报送数']);
    expect(ranking.getRow(2).values).toEqual([undefined, 1, '中牟县教育局', 2, 0, 2, 0]);
    expect(ranking.getRow(2).getCell(4).numFmt).toBe('0.0%');
    expect(ranking.getColumn(2).width).toBeGreaterThanOrEqual(12);
    const overall = wb.getWorksheet('总体情况')!;
    expect(overall.getRow(5).values).toEqual([undefined, '红灯项目数', 2]);

    const docx = await stack.http.get(`/api/circulars/${issued.id}?format=docx`).set('Authorization', org.coordinator).buffer(true).parse(binary as never).expect(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(docx.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:tbl>');
    const { value: text } = await mammoth.extractRawText({ buffer: docx.body as Buffer });
    for (const line of ['督办通报', `${year}年第${issued.number}期`, '一、总体情况', '二、红灯项目', '三、黄灯项目', '四、单位排名', '五、未按时报送单位', '六、未销号整改事项', '中牟县教育局', FORMULA_NAME]) {
      expect(text).toContain(line);
    }
    expect(text).toMatch(/在建重点项目共2个，其中绿灯0个、黄灯0个、红灯2个/);

    const page = await stack.http.get(`/api/circulars/${issued.id}?format=html`).set('Authorization', org.coordinator).expect(200);
    expect(page.text).toContain('@page { size: A4;');
    expect(page.text).toContain(`${year}年第${issued.number}期`);
    expect(page.text).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
  });
  it('says why a field was refused beside it in Chinese, and in English on request, naming the field and what was written', async () => {
    const day = (offset: number) => DateTime.now().setZone('Asia/Shanghai').plus({ days: offset }).toISODate()!;
    const school = (await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'school_construction', planId: org.planId, name: '新建中牟县第三初级中学', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: day(0), dueDate: day(720), targets: { seatsPlanned: 1500, classesPlanned: 30, investmentPlanned: 120_000_000 } })
      .expect(201)).body;
    const report = (accept?: string) => {
      const req = stack.http.post(`/api/projects/${school.id}/reports`).set('Authorization', org.owner);
      return (accept ? req.set('Accept-Language', accept) : req).send({ narrative: '新增学位情况', figures: { seatsDelivered: -5 } }).expect(400).then((r) => r.body);
    };
    const zh = await report();
    expect(zh.details).toEqual([
      { field: 'figures.seatsDelivered', message: 'figures.seatsDelivered：须为非负整数，实际填写 -5', code: 'field.non-negative-whole', params: { got: '-5' } },
    ]);
    expect(zh.message).toContain('figures.seatsDelivered');
    const en = await report('en');
    expect(en.details).toEqual([expect.objectContaining({ field: 'figures.seatsDelivered', message: 'figures.seatsDelivered: must be a non-negative whole number, got -5' })]);
    expect((await stack.http.get(`/api/projects/${school.id}/reports`).set('Authorization', org.owner).expect(200)).body).toEqual([]);

    // The request validator's refusals too: an unknown field, a bad id in the body and in the query.
    const unknown = (await stack.http.post(`/api/projects/${school.id}/reports`).set('Authorization', org.owner).send({ narrative: 'x', colour: 'red' }).expect(400)).body;
    expect(unknown.details).toEqual([expect.objectContaining({ field: 'colour', code: 'field.unknown-field-plain', message: 'colour：不是可识别的字段，请删除' })]);
    const badId = (await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: 'plan-1', name: 'x', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: day(0), dueDate: day(30) }).expect(400)).body;
    expect(badId.details).toEqual([expect.objectContaining({ field: 'planId', code: 'field.uuid', message: 'planId：须为 UUID 标识，实际填写 "plan-1"' })]);
    const query = (await stack.http.get('/api/projects?planId=x&pageSize=500').set('Authorization', org.coordinator).expect(400)).body;
    expect(query.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'planId', message: 'planId：须为 UUID 标识，实际填写 "x"' }),
      expect.objectContaining({ field: 'pageSize', message: 'pageSize：不能大于200' }),
    ]));
    for (const d of [...zh.details, ...unknown.details, ...badId.details, ...query.details]) expect(d.message).not.toMatch(/\b(must|should|not|got)\b/);
  });
});
