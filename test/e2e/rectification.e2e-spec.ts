import { TEMPORAL_CLIENT } from '../../apps/api/src/common/tokens';
import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

jest.setTimeout(120_000);

describe('rectification items', () => {
  // Seconds-scale policy: a reminder 4 s before the deadline, the unit head 3 s after it, the office 60 s after it.
  const { stack, org } = useTestStack({
    org: {
      calendar: 'natural', reminders: ['PT4S'], warningWindow: 'PT4S',
      escalations: [{ after: 'PT3S', level: 1, notify: ['unitHead'] }, { after: 'PT60S', level: 2, notify: ['office'] }],
    },
  });

  const raise = (body: Record<string, unknown> = {}) =>
    stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.districtId, title: '学位缺口未按期消化', description: '第56期通报指出城区学位缺口 300 个。', dueDate: '2026-12-20', source: 'circular', ...body });
  const inbox = async (token: string) => (await stack.http.get('/api/notifications').set('Authorization', token).expect(200)).body.items as Array<Record<string, any>>;

  it('goes raised → answered → returned → answered → signed off (销号), each step by the right person', async () => {
    const raised = await raise().expect(201);
    const id = raised.body.id;
    expect(raised.body).toMatchObject({ state: 'raised', unitId: org.districtId, source: 'circular', dueAt: '2026-12-20T15:59:59.000Z', workflowId: `rectification-${id}` });
    expect((await inbox(org.owner)).find((n) => n.data.rectificationId === id)).toMatchObject({ kind: 'rectification', title: expect.stringContaining('学位缺口未按期消化') });

    const answer = (token: string, narrative = '新增学位 300 个，已投入使用。') =>
      stack.http.post(`/api/rectifications/${id}/answer`).set('Authorization', token).send({ narrative, evidence: ['https://files.example.cn/zm/photo-1.jpg'] });
    const verify = (body: Record<string, unknown>) => stack.http.post(`/api/rectifications/${id}/verify`).set('Authorization', org.coordinator).send(body);

    await answer(org.otherOwner).expect(404); // another district's owner does not see it
    await stack.http.post(`/api/rectifications/${id}/answer`).set('Authorization', org.leader).send({ narrative: 'x' }).expect(403);
    await verify({ decision: 'signoff' }).expect(409); // nothing to verify yet

    expect((await answer(org.owner).expect(200)).body.state).toBe('answered');
    // A second answer while the first waits: refused, said in Chinese (English on request).
    expect((await answer(org.owner).expect(409)).body).toMatchObject({ code: 'conflict.rectification-answered', message: '该整改事项已报送整改情况，正在等待核查' });
    expect((await answer(org.owner).set('Accept-Language', 'en').expect(409)).body.message).toBe('The rectification item is already answered and waits for verification');
    const noComment = await verify({ decision: 'return' }).expect(400);
    expect(noComment.body.details[0].field).toBe('comment');

    const returned = await verify({ decision: 'return', comment: '缺少竣工验收材料' }).expect(200);
    expect(returned.body.state).toBe('returned');
    expect((await inbox(org.owner)).find((n) => n.data.rectificationId === id && n.title.startsWith('【整改被退回】'))).toMatchObject({
      code: 'notice.rectification-decided', title: '【整改被退回】学位缺口未按期消化', body: '意见：缺少竣工验收材料',
    });

    expect((await answer(org.owner, '已补充竣工验收备案表。').expect(200)).body.state).toBe('answered');
    const signedOff = await verify({ decision: 'signoff', comment: '材料齐全，同意销号' }).expect(200);
    expect(signedOff.body).toMatchObject({ state: 'signed_off', signedOffBy: org.coordinatorId, signedOffAt: expect.any(String) });
    expect(signedOff.body.history.map((h: { type: string }) => h.type)).toEqual(['raised', 'answered', 'returned', 'answered', 'signed_off']);
    expect(signedOff.body.history[1]).toMatchObject({ actor: org.ownerId, evidence: ['https://files.example.cn/zm/photo-1.jpg'] });
    // Each step reads as the office writes it, with who did it.
    const steps = signedOff.body.history.map((h: { message: string }) => h.message);
    expect(steps[0]).toMatch(/^.+提出整改事项$/);
    expect(steps[2]).toMatch(/^.+退回了整改情况，意见：缺少竣工验收材料$/);
    expect(steps[4]).toMatch(/^.+确认整改到位，予以销号，意见：材料齐全，同意销号$/);
    const ownerName = (await stack.http.get('/api/users/me').set('Authorization', org.owner).expect(200)).body.displayName;
    expect(steps[1]).toBe(`${ownerName}报送了整改情况`);

    await verify({ decision: 'return', comment: 'again' }).expect(409);
    const open = await stack.http.get(`/api/rectifications?planId=${org.planId}&state=open`).set('Authorization', org.coordinator).expect(200);
    expect(open.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const done = await stack.http.get(`/api/rectifications?planId=${org.planId}&state=signed_off`).set('Authorization', org.owner).expect(200);
    expect(done.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const hidden = await stack.http.get(`/api/rectifications?planId=${org.planId}`).set('Authorization', org.otherOwner).expect(200);
    expect(hidden.body.items).toEqual([]);
    const handle = stack.app.get(TEMPORAL_CLIENT).workflow.getHandle(`rectification-${id}`);
    await eventually(async () => ((await handle.describe()).status.name === 'COMPLETED' ? true : undefined), 'the item workflow to complete');
  });

  it('reminds the unit before the deadline and escalates to its head after it, as the policy says', async () => {
    const dueAt = new Date(Date.now() + 7000).toISOString();
    const { body } = await raise({ title: '安全隐患整改', dueDate: undefined, dueAt, source: 'inspection' }).expect(201);
    const id = body.id;
    const reminder = await eventually(async () => (await inbox(org.owner)).find((n) => n.data.rectificationId === id && n.kind === 'reminder'), 'the reminder');
    expect(reminder.title).toContain('安全隐患整改');
    const escalation = await eventually(async () => (await inbox(org.head)).find((n) => n.data.rectificationId === id && n.kind === 'escalation'), 'the escalation to the unit head');
    expect(escalation.level).toBe(1);
    expect((await inbox(org.owner)).find((n) => n.data.rectificationId === id && n.kind === 'overdue')).toBeDefined();
    const item = (await stack.http.get(`/api/rectifications/${id}`).set('Authorization', org.coordinator).expect(200)).body;
    expect(item).toMatchObject({ overdue: true, escalationLevel: 1, nextEvent: { kind: 'escalation', level: 2 } });
    expect(item.history.map((h: { type: string }) => h.type)).toEqual(['raised', 'reminder', 'overdue', 'escalation']);

    // Answered: it is the coordinator's turn, and nothing more is due from the unit.
    const answered = (await stack.http.post(`/api/rectifications/${id}/answer`).set('Authorization', org.owner).send({ narrative: '隐患已消除。' }).expect(200)).body;
    expect(answered).toMatchObject({ state: 'answered', nextEvent: null });
  });

  it('refuses bad input with the field at fault and changes nothing', async () => {
    const count = async () => (await stack.http.get(`/api/rectifications?planId=${org.planId}`).set('Authorization', org.coordinator).expect(200)).body.total;
    const before = await count();
    const past = await raise({ dueDate: '2020-01-01' }).expect(400);
    expect(past.body.details[0].field).toBe('dueDate');
    const both = await raise({ dueAt: '2026-12-20T17:00:00+08:00' }).expect(400);
    expect(both.body.details[0].field).toBe('dueDate');
    const source = await raise({ source: 'rumour' }).expect(400);
    expect(source.body.details[0].field).toBe('source');
    await stack.http.post('/api/rectifications').set('Authorization', org.owner).send({}).expect(403);
    const unknown = await raise({ priority: 'high' }).expect(400);
    expect(unknown.body.details[0].field).toBe('priority');
    expect(await count()).toBe(before);
  });
});
