import { binary } from '../helpers/api-fixtures';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client, ScheduleNotFoundError } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { TEMPORAL_CLIENT } from '../../apps/api/src/common/tokens';
import { createOrg, Org } from '../helpers/fixtures';
import { startSmtp } from '../helpers/mail';
import { eventually, login, startTestStack, TestStack } from '../helpers/stack';

jest.setTimeout(180_000);

interface Hit {
  key: string;
  status: number;
  body: Record<string, unknown>;
}

/** A webhook receiver that refuses each message twice (HTTP 503) and accepts it the third time. */
async function startFlakyWebhook(): Promise<{ server: http.Server; port: number; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      const status = hits.filter((h) => h.key === key).length < 2 ? 503 : 200;
      hits.push({ key, status, body: JSON.parse(body) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"ok":true}' : '{"error":"busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

describe('dispatch rounds, circulars, email and webhooks', () => {
  let stack: TestStack;
  let org: Org;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startFlakyWebhook>>;
  let temporal: Client;

  beforeAll(async () => {
    smtp = await startSmtp();
    hook = await startFlakyWebhook();
    stack = await startTestStack({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, WEBHOOK_URLS: `json=http://127.0.0.1:${hook.port}/hook` });
    // Seconds-scale policy: owners are reminded 6 seconds before a round's window closes.
    org = await createOrg(stack, { calendar: 'natural', reminders: ['PT6S'], warningWindow: 'PT6S' });
    temporal = stack.app.get(TEMPORAL_CLIENT);
  });
  afterAll(async () => {
    // A failed run must not leave a schedule starting rounds on the shared dev server.
    await temporal?.schedule.getHandle(`dispatch-${org?.planId}`).delete().catch(() => undefined);
    await stack.close();
    await smtp.close();
    await new Promise((r) => hook.server.close(r));
  });

  const api = () => stack.http;
  const asCoordinator = (req: ReturnType<TestStack['http']['get']>) => req.set('Authorization', org.coordinator);

  it('keeps a Temporal Schedule per plan: created with the calendar rule, paused and deleted through the API', async () => {
    const plan = await api().post('/api/plans').set('Authorization', org.coordinator).send({ name: '双月调度', year: 2026 }).expect(201);
    const path = `/api/plans/${plan.body.id}/dispatch-schedule`;
    const rule = { calendar: { monthEvery: 2, dayOfMonth: 25, hour: 9, minute: 0 }, timeZone: 'Asia/Shanghai', reportingWindow: 'P10D' };

    await api().put(path).set('Authorization', org.owner).send(rule).expect(403);
    const both = await api().put(path).set('Authorization', org.coordinator).send({ ...rule, cron: '0 9 25 */2 *' }).expect(400);
    expect(both.body.details[0].field).toBe('cron');
    const badWindow = await api().put(path).set('Authorization', org.coordinator).send({ ...rule, reportingWindow: '10 days' }).expect(400);
    expect(badWindow.body.details[0].field).toBe('reportingWindow');

    const created = await api().put(path).set('Authorization', org.coordinator).send(rule).expect(200);
    expect(created.body).toMatchObject({ scheduleId: `dispatch-${plan.body.id}`, paused: false, timeZone: 'Asia/Shanghai', reportingWindow: 'P10D', overlapPolicy: 'SKIP' });
    // 09:00 in Shanghai on the 25th of January, March, May, July, September or November.
    const next = new Date(created.body.nextRuns[0]);
    expect([next.getUTCDate(), next.getUTCHours(), next.getUTCMinutes(), next.getUTCMonth() % 2]).toEqual([25, 1, 0, 0]);

    const described = await temporal.schedule.getHandle(`dispatch-${plan.body.id}`).describe();
    expect(described.spec.timezone).toBe('Asia/Shanghai');
    expect(described.spec.calendars?.[0]).toMatchObject({
      month: [{ start: 'JANUARY', end: 'DECEMBER', step: 2 }], dayOfMonth: [{ start: 25, end: 25, step: 1 }],
      hour: [{ start: 9, end: 9, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }],
    });
    expect(described.policies.overlap).toBe('SKIP');
    expect(described.policies.catchupWindow).toBe(24 * 3600 * 1000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'dispatchRoundWorkflow' });

    await api().put(path).set('Authorization', org.coordinator).send({ ...rule, paused: true }).expect(200);
    expect((await temporal.schedule.getHandle(`dispatch-${plan.body.id}`).describe()).state.paused).toBe(true);
    expect((await api().get(path).set('Authorization', org.leader).expect(200)).body.paused).toBe(true);

    await api().delete(path).set('Authorization', org.coordinator).expect(204);
    await expect(temporal.schedule.getHandle(`dispatch-${plan.body.id}`).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    await api().get(path).set('Authorization', org.coordinator).expect(404);
    await api().delete(path).set('Authorization', org.coordinator).expect(404);
  });

  it('runs a scheduled round: reminds the owner who has not reported, records the missing one, issues numbered circulars and delivers email and webhooks once', async () => {
    const user = async (username: string, role: string, unitId?: string) =>
      (await api().post('/api/users').set('Authorization', org.admin).send({ username, displayName: username, password: 'password-123', role, unitId, email: `${username}@bureau.example.cn` }).expect(201)).body.id as string;
    const owners = { a: await user('owner-a', 'owner', org.districtId), b: await user('owner-b', 'owner', org.otherDistrictId), c: await user('owner-c', 'owner', org.schoolId) };
    await user('leader-mail', 'leader');
    const tokens = { a: await login(stack, 'owner-a', 'password-123'), b: await login(stack, 'owner-b', 'password-123'), c: await login(stack, 'owner-c', 'password-123') };
    const project = async (name: string, leadUnitId: string, ownerUserId: string, milestones?: unknown[]) =>
      (await api().post('/api/projects').set('Authorization', org.coordinator)
        .send({ kind: 'generic', planId: org.planId, name, leadUnitId, ownerUserId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones }).expect(201)).body;
    const pa = await project('出台集团化办学实施意见', org.districtId, owners.a);
    const pb = await project('新建金水区实验小学', org.otherDistrictId, owners.b);
    // Its first milestone passed weeks ago: the project is red, and the circular says why.
    const pc = await project('教师轮岗交流', org.schoolId, owners.c, [{ id: 'plan', name: '制定轮岗方案', dueDate: '2026-11-01' }, { id: 'done', name: '完成轮岗', dueDate: '2026-12-31' }]);
    expect(pc.status).toBe('red');
    const rect = await api().post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.schoolId, projectId: pc.id, title: '轮岗方案未按期制定', description: '督查发现轮岗方案逾期未出台。', dueDate: '2026-12-20', source: 'inspection' }).expect(201);

    // Every 2 seconds until paused; overlapping runs are skipped, so one round runs.
    const schedulePath = `/api/plans/${org.planId}/dispatch-schedule`;
    const every2s = { cron: '*/2 * * * * * *', reportingWindow: 'PT15S' };
    await asCoordinator(api().put(schedulePath)).send(every2s).expect(200);
    const first = await eventually(async () => (await asCoordinator(api().get(`/api/plans/${org.planId}/dispatch-rounds`))).body.items.at(-1), 'the scheduled round to open');
    await asCoordinator(api().put(schedulePath)).send({ ...every2s, paused: true }).expect(200);
    const round0 = (await asCoordinator(api().get(`/api/dispatch-rounds/${first.id}`)).expect(200)).body;
    expect(round0).toMatchObject({ trigger: 'schedule', state: 'open', reportingWindow: 'PT15S' });
    expect(round0.projects.map((p: { projectId: string }) => p.projectId).sort()).toEqual([pa.id, pb.id, pc.id].sort());

    // Every owner is told; two of three report.
    for (const t of Object.values(tokens)) {
      await eventually(async () => (await api().get('/api/notifications').set('Authorization', t)).body.items.find((n: { kind: string }) => n.kind === 'dispatch'), 'the round notice');
    }
    await api().post(`/api/projects/${pa.id}/reports`).set('Authorization', tokens.a).send({ narrative: '实施意见已报市政府常务会审议。' }).expect(201);
    await api().post(`/api/projects/${pb.id}/reports`).set('Authorization', tokens.b).send({ narrative: '主体结构施工中。' }).expect(201);

    const round = await eventually(async () => {
      const r = (await asCoordinator(api().get(`/api/dispatch-rounds/${first.id}`))).body;
      return r.state === 'closed' && r.circularNumber ? r : undefined;
    }, 'the round to close with its circular', 60_000);
    const listed = (xs: Array<{ projectId: string }>) => xs.map((p) => p.projectId).sort();
    expect(listed(round.reported)).toEqual([pa.id, pb.id].sort());
    expect(listed(round.missing)).toEqual([pc.id]);
    const byId = Object.fromEntries(round.projects.map((p: { projectId: string }) => [p.projectId, p]));
    expect(byId[pc.id]).toMatchObject({ reported: false, status: 'red' });
    expect(byId[pc.id].reminders).toBeGreaterThanOrEqual(1);
    expect(round.remindersSent).toBe(byId[pc.id].reminders);
    expect([byId[pa.id].reminders, byId[pb.id].reminders]).toEqual([0, 0]);
    expect([byId[pa.id].status, byId[pb.id].status]).toEqual(['green', 'green']);
    const reminderOf = async (token: string) =>
      (await api().get('/api/notifications').set('Authorization', token)).body.items.find((n: { kind: string; data: { roundId?: string } }) => n.kind === 'reminder' && n.data.roundId === first.id);
    expect(await reminderOf(tokens.c)).toBeDefined();
    expect([await reminderOf(tokens.a), await reminderOf(tokens.b)]).toEqual([undefined, undefined]);

    // The round's circular: red project with its reason, the missing report, the ranking, the open rectification item.
    const circular = (await asCoordinator(api().get(`/api/circulars/${round.circularId}`)).expect(200)).body;
    expect(circular).toMatchObject({ number: 1, year: 2026, roundId: first.id, planId: org.planId });
    expect(circular.title).toContain('2026年第1期');
    expect(circular.redYellow).toEqual([expect.objectContaining({ projectId: pc.id, status: 'red', reasons: expect.stringMatching(/\S/) })]);
    expect(circular.missingReports).toEqual([expect.objectContaining({ projectId: pc.id, ownerName: 'owner-c' })]);
    expect(circular.ranking).toHaveLength(3);
    expect(circular.ranking.at(-1)).toMatchObject({ unitId: org.schoolId, missingReports: 1, overdueCount: 1, onTimeRate: 0 });
    expect(circular.rectifications).toEqual([expect.objectContaining({ id: rect.body.id, state: 'raised', title: '轮岗方案未按期制定' })]);

    // The spreadsheet holds the same rows.
    const xlsx = await asCoordinator(api().get(`/api/circulars/${round.circularId}?format=xlsx`)).buffer(true).parse(binary as never).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const rows = (sheet: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(sheet)!.eachRow((row, n) => n > 1 && out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const sheet = (status: string) => circular.redYellow.filter((r: any) => r.status === status).map((r: any) => [r.projectName, r.unitName, r.reasons]);
    expect(rows('红灯项目')).toEqual(sheet('red'));
    expect(rows('黄灯项目')).toEqual(sheet('yellow'));
    expect(rows('单位排名')).toEqual(circular.ranking.map((r: any) => [r.rank, r.unitName, r.projects, r.onTimeRate, r.overdueCount, r.missingReports]));
    expect(rows('未报送单位')).toEqual(circular.missingReports.map((r: any) => [r.unitName, r.projectName, r.ownerName]));
    expect(rows('整改事项')).toEqual(circular.rectifications.map((r: any) => [r.title, r.unitName, expect.stringMatching(/^\d{4}年\d+月\d+日 \d{2}:\d{2}$/), '待整改', r.overdue ? '是' : '否']));

    const page = await asCoordinator(api().get(`/api/circulars/${round.circularId}?format=html`)).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain(circular.title);
    expect(page.text).toContain('教师轮岗交流');

    // On demand: the next numbers, none reused or skipped, a repeated request keeps its number.
    const next = await asCoordinator(api().post('/api/circulars')).set('Idempotency-Key', 'circular-on-demand-1').send({ planId: org.planId }).expect(201);
    expect(next.body.number).toBe(2);
    const again = await asCoordinator(api().post('/api/circulars')).set('Idempotency-Key', 'circular-on-demand-1').send({ planId: org.planId }).expect(201);
    expect([again.body.id, again.body.number]).toEqual([next.body.id, 2]);
    const together = await Promise.all([0, 1].map(() => asCoordinator(api().post('/api/circulars')).send({ planId: org.planId }).expect(201)));
    expect(together.map((r) => r.body.number).sort()).toEqual([3, 4]);
    const all = (await api().get(`/api/circulars?planId=${org.planId}`).set('Authorization', org.leader).expect(200)).body.items;
    expect(all.map((c: { number: number }) => c.number).sort()).toEqual([1, 2, 3, 4]);

    // Owner C's reminder went by email once and to the webhook, which was refused twice before it took the message.
    const reminder = await reminderOf(tokens.c);
    const deliveries = await eventually(async () => {
      const items = (await api().get(`/api/notifications/${reminder.id}/deliveries`).set('Authorization', tokens.c)).body.items as Array<Record<string, any>>;
      return items.length === 2 && items.every((d) => d.state === 'delivered') ? items : undefined;
    }, 'the reminder to be delivered by email and webhook', 60_000);
    const email = deliveries.find((d) => d.channel === 'email')!;
    const webhook = deliveries.find((d) => d.channel === 'webhook')!;
    expect(email).toMatchObject({ address: 'owner-c@bureau.example.cn', attempts: 1, lastError: null });
    expect(webhook).toMatchObject({ format: 'json', attempts: 3, lastError: expect.stringContaining('503') });
    expect(smtp.mails.filter((m) => m.messageId === `<${email.id}@supervision.local>`)).toEqual([expect.objectContaining({ to: ['owner-c@bureau.example.cn'], messageId: `<${email.id}@supervision.local>`, subject: expect.stringMatching(/^【调度提醒】/) })]);
    expect(hook.hits.filter((h) => h.key === webhook.id).map((h) => h.status)).toEqual([503, 503, 200]);
    expect(hook.hits.find((h) => h.key === webhook.id && h.status === 200)!.body).toMatchObject({ id: webhook.id, kind: 'reminder', title: reminder.title });

    // The circular reached the leader's mailbox once; no message was ever taken twice by any channel.
    await eventually(async () => (smtp.mails.some((m) => m.to.includes('leader-mail@bureau.example.cn')) ? true : undefined), 'the circular by email');
    const ids = smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const accepted = hook.hits.filter((h) => h.status === 200).map((h) => h.key);
    expect(new Set(accepted).size).toBe(accepted.length);

    await asCoordinator(api().delete(schedulePath)).expect(204);
  });
});
