import { expectProblem } from '../helpers/api-fixtures';
import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';
import { createDueProject, inboxOf, Note, projectOf, SECOND_SCALE_POLICY } from '../helpers/supervision-scenario';

describe('supervision of one project: reminders, overdue, escalation, acceptance', () => {
  const { stack, org } = useTestStack({ org: SECOND_SCALE_POLICY, timeoutMs: 60_000 });

  const inbox = (auth: string): Promise<Note[]> => inboxOf(stack.http, auth);
  const project = (id: string) => projectOf(stack.http, org.coordinator, id);
  const createProject = (name: string, dueInMs: number, extra?: Record<string, unknown>) => createDueProject(stack.http, org, name, dueInMs, extra);

  it('goes green → yellow → red → escalated → accepted → done, with each notice in the right inbox in order, and nothing after acceptance', async () => {
    // Due in 20 s: green until 8 s before, however slow the machine is at creating it.
    const { id, dueAt } = await createProject('推进集团化办学', 20_000);
    expect((await project(id)).status).toBe('green');

    const yellow = await eventually(async () => ((await project(id)).status === 'yellow' ? project(id) : undefined), 'the warning window');
    expect(yellow.statusReasons[0]).toMatchObject({ code: 'deadline.approaching', milestoneId: 'opinions' });

    const red = await eventually(async () => ((await project(id)).status === 'red' ? project(id) : undefined), 'the deadline to pass');
    expect(red.statusReasons[0]).toMatchObject({ code: 'deadline.overdue', milestoneId: 'opinions' });
    expect(red.milestones[0]).toMatchObject({ overdue: true, state: 'pending' });

    await eventually(async () => ((await inbox(org.coordinator)).some((n) => n.level === 2) ? true : undefined), "escalation level 2");
    const escalated = await project(id);
    expect(escalated.escalationLevel).toBe(2);

    const ownerNotes = (await inbox(org.owner)).filter((n) => n.title.includes('推进集团化办学'));
    expect(ownerNotes.map((n) => n.kind)).toEqual(['reminder', 'reminder', 'overdue']);
    const headNotes = (await inbox(org.head)).filter((n) => n.title.includes('推进集团化办学'));
    expect(headNotes.map((n) => [n.kind, n.level])).toEqual([['escalation', 1]]);
    const officeNotes = (await inbox(org.coordinator)).filter((n) => n.title.includes('推进集团化办学'));
    expect(officeNotes.map((n) => [n.kind, n.level])).toEqual([['escalation', 2]]);
    const times = [...ownerNotes, ...headNotes, ...officeNotes].map((n) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const submitted = await stack.http
      .post(`/api/projects/${id}/reports`)
      .set('Authorization', org.owner)
      .send({ milestoneId: 'opinions', narrative: '实施意见已印发', evidence: ['https://example.org/doc.pdf'] })
      .expect(201);
    expect(submitted.body.report.state).toBe('submitted');
    const reviewed = await stack.http.post(`/api/reports/${submitted.body.report.id}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }).expect(200);
    expect(reviewed.body.project).toMatchObject({ status: 'done', escalationLevel: 0 });
    expect(reviewed.body.project.milestones[0]).toMatchObject({ state: 'accepted' });

    // Level 3 was due 30 s after the deadline: wait past it and see that nothing more arrived.
    const countsAfterAcceptance = { leader: (await inbox(org.leader)).length, head: (await inbox(org.head)).length };
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(dueAt) + 32_000 - Date.now())));
    expect((await inbox(org.leader)).length).toBe(countsAfterAcceptance.leader);
    expect((await inbox(org.head)).length).toBe(countsAfterAcceptance.head);
    expect((await project(id)).status).toBe('done');

    const events = (await stack.http.get(`/api/projects/${id}/events`).set('Authorization', org.coordinator).expect(200)).body.items.map((e: { type: string }) => e.type);
    for (const type of ['project.created', 'reminder.sent', 'milestone.overdue', 'escalation.raised', 'report.submitted', 'report.accepted']) expect(events).toContain(type);
    expect(events.filter((t: string) => t === 'escalation.raised')).toHaveLength(2);
  }, 120_000);

  it("tells a co-unit (配合单位) of the project's reminders, marked as a co-unit's, while the lead unit alone reports", async () => {
    const base = { kind: 'generic', planId: org.planId, name: '配合单位校验', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31' };
    const before = (await inbox(org.otherOwner)).length;
    expectProblem(await stack.http.post('/api/projects').set('Authorization', org.coordinator).send({ ...base, coUnitIds: [org.districtId] }), 400, 'coUnitIds[0]');
    expectProblem(await stack.http.post('/api/projects').set('Authorization', org.coordinator).send({ ...base, coUnitIds: [org.otherDistrictId, '00000000-0000-4000-8000-000000000000'] }), 404, 'coUnitIds[1]');
    const { id } = await createProject('集团化办学配合推进', 12_000, { coUnitIds: [org.otherDistrictId] });
    expect((await project(id)).coUnits).toEqual([{ id: org.otherDistrictId, name: '金水区教育局' }]);
    const coNotes = await eventually(async () => {
      const n = (await inbox(org.otherOwner)).filter((x) => x.projectId === id);
      return n.length >= 2 ? n : undefined;
    }, "the co-unit's reminders");
    expect(coNotes.map((n) => n.kind)).toEqual(['reminder', 'reminder']);
    for (const n of coNotes) expect(n.data).toMatchObject({ asCoUnit: true });
    expect(coNotes[0].title).toContain('集团化办学配合推进');
    // The lead unit's owner got the same reminders, not marked; nothing reached the co-unit twice or before this project.
    const leadNotes = (await inbox(org.owner)).filter((x) => x.projectId === id);
    expect(leadNotes.map((n) => n.kind).slice(0, 2)).toEqual(['reminder', 'reminder']);
    for (const n of leadNotes) expect(n.data?.asCoUnit).toBeUndefined();
    expect((await inbox(org.otherOwner)).length).toBe(before + (await inbox(org.otherOwner)).filter((x) => x.projectId === id).length);
    expectProblem(await stack.http.post(`/api/projects/${id}/reports`).set('Authorization', org.otherOwner).send({ milestoneId: 'opinions', narrative: '配合单位报送' }), 403);
    await stack.http.post(`/api/projects/${id}/close`).set('Authorization', org.coordinator).send({ reason: '测试结束' }).expect(200);
  }, 90_000);

  it('a reminder that falls due while the worker is down arrives once the worker is back, exactly once', async () => {
    const { id } = await createProject('教师交流轮岗', 20_000);
    await stack.stopWorker();
    // The first reminder (−6 s) and the second (−3 s) fall due while nobody runs the workflow.
    await new Promise((r) => setTimeout(r, 15_000));
    const whileDown = (await inbox(org.owner)).filter((n) => n.title.includes('教师交流轮岗'));
    expect(whileDown).toHaveLength(0);
    await stack.startWorker();
    const notes = await eventually(async () => {
      const n = (await inbox(org.owner)).filter((x) => x.title.includes('教师交流轮岗'));
      return n.length >= 2 ? n : undefined;
    }, 'the reminders after the restart');
    expect(notes.map((n) => n.kind)).toEqual(['reminder', 'reminder']);
    await stack.http.post(`/api/projects/${id}/close`).set('Authorization', org.coordinator).send({ reason: 'merged' }).expect(200);
    expect((await project(id)).status).toBe('closed');
  }, 90_000);
});
