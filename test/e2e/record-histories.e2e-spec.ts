import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { toolPaths } from '../../libs/embedded/src/tools';
import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

/**
 * Records the histories that the replay test runs the current workflow code over. Run it when the
 * workflow gains a new behaviour worth guarding, and commit the files it writes:
 *   RECORD_HISTORIES=1 RECORD_TAG=<what changed> npx jest --forceExit --selectProjects e2e --testPathPattern record-histories
 * Recorded histories are never re-recorded to make a change pass: a change that breaks them needs patched().
 */
const recording = process.env.RECORD_HISTORIES === '1';
const dir = path.resolve(__dirname, '../replay/histories');

(recording ? describe : describe.skip)('recording workflow histories for replay tests', () => {
  const { stack, org } = useTestStack({
    org: {
      calendar: 'natural',
      reminders: ['PT4S', 'PT2S'],
      warningWindow: 'PT5S',
      escalations: [
        { after: 'PT1S', level: 1, notify: ['unitHead'] },
        { after: 'PT2S', level: 2, notify: ['office'] },
        { after: 'PT3S', level: 3, notify: ['leader'], circular: true },
      ],
      repeatEvery: 'PT2S',
    },
  });

  const create = async (name: string, milestones: Array<{ id: string; name: string; dueAt: string }>, extra: Record<string, unknown> = {}) =>
    (await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2027-12-31', milestones, ...extra })
      .expect(201)).body;
  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  const save = async (name: string, workflowId: string) => {
    // The CLI writes the same JSON that `temporal workflow show --output json` gives an operator.
    const json = execFileSync(toolPaths().temporalCli, ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', stack.config.temporal.address], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    // Histories are added, never overwritten: each recording carries a tag (RECORD_TAG, default today's date).
    const file = path.join(dir, `${name}.${process.env.RECORD_TAG ?? new Date().toISOString().slice(0, 10)}.json`);
    if (fs.existsSync(file)) throw new Error(`${file} exists: choose another RECORD_TAG`);
    fs.writeFileSync(file, json);
  };
  const report = async (projectId: string, milestoneId: string) =>
    (await stack.http.post(`/api/projects/${projectId}/reports`).set('Authorization', org.owner).send({ milestoneId, narrative: 'done', evidence: [] }).expect(201)).body.report.id as string;
  const review = (reportId: string, decision: 'accept' | 'return') =>
    stack.http.post(`/api/reports/${reportId}/review`).set('Authorization', org.coordinator).send({ decision, comment: decision === 'return' ? 'add the evidence' : undefined }).expect(200);

  it('a full cycle: reminders, overdue, three escalation levels and repeats, acceptance, closing', async () => {
    const p = await create('full-cycle', [{ id: 'a', name: 'first', dueAt: inSeconds(6) }]);
    await eventually(async () => ((await stack.ds.query(`SELECT 1 FROM project_events WHERE project_id = $1 AND type = 'escalation.raised' AND (data->>'repeat')::int = 1`, [p.id])).length ? true : undefined), 'a repeat of level 3', 40_000);
    await review(await report(p.id, 'a'), 'accept');
    await stack.http.post(`/api/projects/${p.id}/close`).set('Authorization', org.coordinator).send({ reason: 'done' }).expect(200);
    await save('full-cycle', p.workflowId);
  }, 60_000);

  it('a returned report, an extension approved and one refused, amended milestones', async () => {
    const p = await create('extensions', [{ id: 'a', name: 'first', dueAt: inSeconds(30) }, { id: 'b', name: 'second', dueAt: inSeconds(40) }]);
    const r1 = await report(p.id, 'a');
    await review(r1, 'return');
    const x1 = await stack.http.post(`/api/projects/${p.id}/milestones/a/extension-requests`).set('Authorization', org.owner).send({ newDueAt: inSeconds(60), reason: 'design changes' }).expect(201);
    await stack.http.post(`/api/extension-requests/${x1.body.extensionRequest.id}/decision`).set('Authorization', org.coordinator).send({ decision: 'approve' }).expect(200);
    const x2 = await stack.http.post(`/api/projects/${p.id}/milestones/b/extension-requests`).set('Authorization', org.owner).send({ newDueAt: inSeconds(90), reason: 'more time' }).expect(201);
    await stack.http.post(`/api/extension-requests/${x2.body.extensionRequest.id}/decision`).set('Authorization', org.coordinator).send({ decision: 'refuse', comment: 'no' }).expect(200);
    await stack.http.put(`/api/projects/${p.id}/milestones`).set('Authorization', org.coordinator).send({ milestones: [{ id: 'c', name: 'third', dueAt: inSeconds(8) }] }).expect(200);
    await eventually(async () => ((await stack.ds.query(`SELECT 1 FROM project_events WHERE project_id = $1 AND type = 'milestone.overdue'`, [p.id])).length ? true : undefined), 'milestone c overdue', 30_000);
    await review(await report(p.id, 'a'), 'accept');
    await stack.http.post(`/api/projects/${p.id}/close`).set('Authorization', org.coordinator).send({ reason: 'merged' }).expect(200);
    await save('extensions-and-returns', p.workflowId);
  }, 60_000);
  it('a late acceptance: the worker stopped while every event fell due, the acceptance applied while catching up', async () => {
    const p = await create('late-acceptance', [{ id: 'a', name: 'first', dueAt: inSeconds(8) }]);
    const reportId = await report(p.id, 'a');
    await stack.stopWorker();
    await new Promise((r) => setTimeout(r, 14_000));
    await stack.startWorker();
    await review(reportId, 'accept');
    await stack.http.post(`/api/projects/${p.id}/close`).set('Authorization', org.coordinator).send({ reason: 'done' }).expect(200);
    await save('late-acceptance', p.workflowId);
  }, 60_000);
  it('a teacher rotation project: rule check timer, figures reported and accepted, closing', async () => {
    const checkDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const p = await create('rotation', [{ id: 'figures', name: 'rotation figures', dueAt: inSeconds(20) }], { kind: 'teacher_rotation', targets: { checkDate } });
    const submitted = await stack.http.post(`/api/projects/${p.id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'figures', figures: { eligible: 200, rotated: 20, rotatedBackbone: 4 }, narrative: 'rotation done', evidence: [] }).expect(201);
    await review(submitted.body.report.id, 'accept');
    await stack.http.post(`/api/projects/${p.id}/close`).set('Authorization', org.coordinator).send({ reason: 'school year over' }).expect(200);
    await save('rotation-rule-timer', p.workflowId);
  }, 60_000);
  it('a rectification item: raised, answered, returned, answered again, signed off', async () => {
    const raised = await stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.districtId, title: 'seat shortfall', description: 'from a circular', dueAt: inSeconds(30), source: 'circular' }).expect(201);
    const id = raised.body.id as string;
    const answer = () => stack.http.post(`/api/rectifications/${id}/answer`).set('Authorization', org.owner).send({ narrative: 'fixed', evidence: [] }).expect(200);
    const verify = (decision: string) => stack.http.post(`/api/rectifications/${id}/verify`).set('Authorization', org.coordinator).send({ decision, comment: decision === 'return' ? 'add photos' : undefined }).expect(200);
    await answer();
    await verify('return');
    await answer();
    await verify('signoff');
    await save('rectification', raised.body.workflowId);
  }, 60_000);

  it('a dispatch round started at once: owners told, the window closes, its circular issued', async () => {
    await create('dispatch-target', [{ id: 'a', name: 'first', dueAt: inSeconds(600) }]);
    const started = await stack.http.post(`/api/plans/${org.planId}/dispatch-rounds`).set('Authorization', org.coordinator).send({ reportingWindow: 'PT6S' }).expect(201);
    const round = await eventually(async () => {
      const r = (await stack.http.get(`/api/dispatch-rounds/${started.body.id}`).set('Authorization', org.coordinator).expect(200)).body;
      return r.circularId || r.circularNumber || r.state === 'closed' || r.closedAt ? r : undefined;
    }, 'the round to close', 40_000);
    await eventually(async () => ((await stack.ds.query(`SELECT 1 FROM circulars WHERE plan_id = $1`, [org.planId])).length ? true : undefined), 'the circular', 20_000);
    await save('dispatch-round', round.workflowId);
  }, 60_000);
});
