import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { freePort } from '../../libs/embedded/src/net';
import { createOrg, Org } from '../helpers/fixtures';
import { startSmtp } from '../helpers/mail';
import { eventually, login, startTestStack, TestStack } from '../helpers/stack';

jest.setTimeout(120_000);

interface Hit {
  path: string;
  key: string;
  body: Record<string, any>;
}

describe('email and webhook channels', () => {
  let stack: TestStack;
  let org: Org;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let robots: http.Server;
  const hits: Hit[] = [];
  let mailOwner: string;
  let mailOwnerId: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Work-chat robots answer HTTP 200 with an errcode; the DingTalk one refuses each message once (keyword check).
    robots = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const hit = { path: req.url ?? '', key: String(req.headers['idempotency-key']), body: JSON.parse(body) };
        const refuse = hit.path.startsWith('/dingtalk') && !hits.some((h) => h.key === hit.key);
        hits.push(hit);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(refuse ? { errcode: 310000, errmsg: 'keywords not in content' } : { errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => robots.listen(0, '127.0.0.1', resolve));
    const robotsUrl = `http://127.0.0.1:${(robots.address() as AddressInfo).port}`;
    const dead = `http://127.0.0.1:${await freePort()}/nobody-listens`;
    stack = await startTestStack({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WEBHOOK_URLS: `dingtalk=${robotsUrl}/dingtalk/robot/send?access_token=secret-token, wecom=${robotsUrl}/wecom/webhook/send?key=secret-key json=${dead}`,
    });
    org = await createOrg(stack, { calendar: 'natural', reminders: ['PT3S'], warningWindow: 'PT3S' });
    mailOwnerId = (await stack.http.post('/api/users').set('Authorization', org.admin)
      .send({ username: 'mail-owner', displayName: '李老师', password: 'password-123', role: 'owner', unitId: org.districtId, email: 'li@zhongmou.example.cn' }).expect(201)).body.id;
    mailOwner = await login(stack, 'mail-owner', 'password-123');
  });
  afterAll(async () => {
    await stack.close();
    await smtp.close();
    await new Promise<void>((r) => robots.close(() => r()));
  });

  const deliveriesOf = async (eventKey: string) =>
    (await stack.http.get(`/api/notification-deliveries?eventKey=${encodeURIComponent(eventKey)}`).set('Authorization', org.coordinator).expect(200)).body.items as Array<Record<string, any>>;

  it('sends an event by email and to DingTalk and WeCom robots while a dead endpoint retries without holding anything up', async () => {
    const raised = await stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.districtId, title: '校车安全隐患', description: '校车未按期年检。', dueDate: '2026-12-20', source: 'inspection' }).expect(201);
    const eventKey = `rectification-${raised.body.id}:raised`;

    const settled = await eventually(async () => {
      const ds = await deliveriesOf(eventKey);
      const byFormat = Object.fromEntries(ds.map((d) => [d.format, d]));
      return byFormat.email?.state === 'delivered' && byFormat.dingtalk?.state === 'delivered' && byFormat.wecom?.state === 'delivered' && byFormat.json?.attempts >= 2 ? byFormat : undefined;
    }, 'email and robots delivered while the dead endpoint is retried');
    expect(settled.email).toMatchObject({ channel: 'email', recipientUserId: mailOwnerId, address: 'li@zhongmou.example.cn', attempts: 1 });
    expect(settled.wecom).toMatchObject({ channel: 'webhook', attempts: 1, lastError: null });
    expect(settled.dingtalk).toMatchObject({ attempts: 2, lastError: expect.stringContaining('310000') });
    expect(settled.json).toMatchObject({ state: 'retrying', lastError: expect.any(String) });
    // Robots' tokens stay out of what the API shows.
    expect(JSON.stringify(Object.values(settled))).not.toMatch(/secret-(token|key)/);

    expect(smtp.mails.filter((m) => m.messageId === `<${settled.email.id}@supervision.local>`).map((m) => m.to)).toEqual([['li@zhongmou.example.cn']]);
    const wecom = hits.filter((h) => h.key === settled.wecom.id);
    expect(wecom).toHaveLength(1);
    expect(wecom[0]).toMatchObject({ path: '/wecom/webhook/send?key=secret-key', body: { msgtype: 'markdown', markdown: { content: expect.stringContaining('校车安全隐患') } } });
    const dingtalk = hits.filter((h) => h.key === settled.dingtalk.id);
    expect(dingtalk).toHaveLength(2);
    expect(dingtalk[1].body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('校车安全隐患'), text: expect.stringContaining('李老师') } });

    // The workflow that raised the event went on: the unit answers while the dead endpoint is still being retried.
    const answered = await stack.http.post(`/api/rectifications/${raised.body.id}/answer`).set('Authorization', mailOwner).send({ narrative: '已完成年检。' }).expect(200);
    expect(answered.body.state).toBe('answered');

    // The recipient sees where their notice went.
    const notice = (await stack.http.get('/api/notifications').set('Authorization', mailOwner).expect(200)).body.items.find((n: any) => n.data.rectificationId === raised.body.id);
    const own = (await stack.http.get(`/api/notifications/${notice.id}/deliveries`).set('Authorization', mailOwner).expect(200)).body.items;
    expect(own.map((d: any) => d.format).sort()).toEqual(['dingtalk', 'email', 'json', 'wecom']);
    await stack.http.get(`/api/notifications/${notice.id}/deliveries`).set('Authorization', org.otherOwner).expect(404);
  });

  it("emails a project's deadline reminder from its workflow once", async () => {
    const dueAt = new Date(Date.now() + 6000).toISOString();
    const project = (await stack.http.post('/api/projects').set('Authorization', org.coordinator).send({
      kind: 'generic', planId: org.planId, name: '出台课后服务实施办法', leadUnitId: org.districtId, ownerUserId: mailOwnerId,
      startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'draft', name: '形成征求意见稿', dueAt }],
    }).expect(201)).body;
    const reminder = await eventually(async () =>
      (await stack.http.get('/api/notifications').set('Authorization', mailOwner)).body.items.find((n: any) => n.projectId === project.id && n.kind === 'reminder'), 'the reminder');
    const email = await eventually(async () => {
      const ds = (await stack.http.get(`/api/notifications/${reminder.id}/deliveries`).set('Authorization', mailOwner)).body.items as any[];
      return ds.find((d) => d.channel === 'email' && d.state === 'delivered');
    }, 'the reminder email');
    expect(email.title).toBe(reminder.title);
    expect(smtp.mails.filter((m) => m.messageId === `<${email.id}@supervision.local>`)).toHaveLength(1);
  });
});
