import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';
import { Note, SECOND_SCALE_POLICY } from '../helpers/supervision-scenario';

type Event = { type: string; data: Record<string, unknown> };

describe('facts are never dropped by a late acceptance', () => {
  const { stack, org } = useTestStack({ org: SECOND_SCALE_POLICY, timeoutMs: 120_000 });

  const get = async (path: string) => (await stack.http.get(path).set('Authorization', org.coordinator).expect(200)).body;
  const inbox = async (auth: string): Promise<Note[]> => (await stack.http.get('/api/notifications?pageSize=200').set('Authorization', auth).expect(200)).body.items;

  it('a milestone accepted after its deadline while the worker was stopped is recorded overdue, at the level it reached, accepted late; no deadline notice after acceptance', async () => {
    const name = '薄弱学校改造提升';
    const dueAt = new Date(Date.now() + 12_000).toISOString();
    const created = await stack.http
      .post('/api/projects')
      .set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'upgrade', name: '校舍改造完成', dueAt }] })
      .expect(201);
    const id = created.body.id as string;
    const report = await stack.http.post(`/api/projects/${id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'upgrade', narrative: '改造已完工，附验收单', evidence: ['https://example.org/acceptance.pdf'] }).expect(201);

    // Nobody runs the workflow while every event falls due: warning, two reminders, overdue, level 1, level 2.
    await stack.stopWorker();
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(dueAt) + 6_000 - Date.now())));
    await stack.startWorker();
    // The acceptance arrives while the workflow is still catching up on what fell due.
    const reviewed = await stack.http.post(`/api/reports/${report.body.report.id}/review`).set('Authorization', org.coordinator).send({ decision: 'accept' }).expect(200);

    const answered = reviewed.body.project.milestones[0];
    expect(answered).toMatchObject({ state: 'accepted', overdue: true, escalationLevel: 2 });
    expect(answered.acceptedLate.millis).toBeGreaterThanOrEqual(6_000);
    expect(answered.acceptedLate.days).toBeGreaterThanOrEqual(0);

    const acceptedAt = Date.parse(answered.acceptedAt);
    const project = await eventually(async () => {
      const p = await get(`/api/projects/${id}`);
      return p.milestones[0].state === 'accepted' ? p : undefined;
    }, 'the accepted milestone in the read model');
    expect(project.milestones[0]).toMatchObject({ overdue: true, escalationLevel: 2, acceptedLate: { millis: answered.acceptedLate.millis, days: answered.acceptedLate.days } });
    expect(project.milestones[0].acceptedLate.workingDays).toBeGreaterThanOrEqual(0);

    const events: Event[] = (await get(`/api/projects/${id}/events?pageSize=200`)).items;
    expect(events.find((e) => e.type === 'milestone.overdue')).toBeDefined();
    expect(Math.max(...events.filter((e) => e.type === 'escalation.raised').map((e) => Number(e.data.level)))).toBe(2);
    expect(events.find((e) => e.type === 'report.accepted')?.data.late).toMatchObject({ millis: answered.acceptedLate.millis });
    const types = events.map((e) => e.type);
    expect(types.indexOf('milestone.overdue')).toBeLessThan(types.indexOf('report.accepted'));

    // Give any notice still in flight time to land: none about this milestone's deadline may be written after acceptance.
    await new Promise((r) => setTimeout(r, 3_000));
    const notes = [...(await inbox(org.owner)), ...(await inbox(org.head)), ...(await inbox(org.coordinator))].filter((n) => n.title.includes(name));
    const deadlineNotes = notes.filter((n) => ['reminder', 'overdue', 'escalation'].includes(n.kind));
    expect(deadlineNotes.filter((n) => Date.parse(n.createdAt) > acceptedAt)).toEqual([]);
    expect(notes.filter((n) => n.kind === 'review')).toHaveLength(1);
  }, 120_000);
});
