import { eventually } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

/**
 * Deadlines that cluster (end of month, 年底前): BURST_PROJECTS (200) projects whose reminders fall due in the same
 * second, and their deadlines REMINDER_S later. Every owner is told once of each, none missed and none twice, and the
 * read model shows every milestone overdue. How late the notices come is the bench's measure (`npm run bench`), not
 * asserted here.
 */
const PROJECTS = Number(process.env.BURST_PROJECTS ?? 200);
const REMINDER_S = 20;
const CALLERS = 8;

describe('a burst of deadlines due in the same second', () => {
  const { stack, org } = useTestStack({
    org: { calendar: 'natural', reminders: [`PT${REMINDER_S}S`], warningWindow: `PT${REMINDER_S}S`, escalations: [{ after: 'P30D', level: 1, notify: ['unitHead'] }] },
  });

  const create = async (name: string, dueAt: string) =>
    (await stack.http.post('/api/projects').set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name, leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2027-12-31', milestones: [{ id: 'due', name: '年底前完成', dueAt }] })
      .expect(201)).body.id as string;
  const inParallel = async (n: number, fn: (i: number) => Promise<void>) => {
    let next = 0;
    await Promise.all(Array.from({ length: CALLERS }, async () => {
      while (next < n) await fn(next++);
    }));
  };
  const perProject = async (ids: string[], kind: string) =>
    (await stack.ds.query(
      `SELECT p.id, count(n.id)::int AS n FROM unnest($1::uuid[]) AS p(id)
       LEFT JOIN notifications n ON n.project_id = p.id AND n.kind = $2 AND n.recipient_user_id = $3 AND n.channel = 'inbox'
       GROUP BY p.id`,
      [ids, kind, org.ownerId],
    )) as Array<{ id: string; n: number }>;

  it(`tells each owner once of each of ${PROJECTS} reminders due together, and once of each deadline`, async () => {
    // The instant is chosen from this machine's creation pace, so that every project exists before its reminder
    // (a project created after it would, rightly, not be reminded of what is already past).
    const warm = Date.now();
    await inParallel(CALLERS, async (i) => void (await create(`预热 ${i}`, new Date(Date.now() + 365 * 86_400_000).toISOString())));
    const perProjectMs = (Date.now() - warm) / CALLERS;
    const reminderAt = Math.ceil((Date.now() + PROJECTS * perProjectMs * 3 + 15_000) / 1000) * 1000;
    const dueAt = new Date(reminderAt + REMINDER_S * 1000).toISOString();

    const ids: string[] = [];
    await inParallel(PROJECTS, async (i) => void ids.push(await create(`集中到期 ${i + 1}`, dueAt)));
    expect(Date.now()).toBeLessThan(reminderAt);

    const allTold = (kind: string) => async () => ((await perProject(ids, kind)).every((r) => r.n >= 1) ? true : undefined);
    await eventually(allTold('reminder'), `a reminder for each of ${PROJECTS} projects`, Math.max(0, reminderAt - Date.now()) + 240_000);
    await eventually(allTold('overdue'), `an overdue notice for each of ${PROJECTS} projects`, Math.max(0, Date.parse(dueAt) - Date.now()) + 240_000);

    // Nothing twice, also a while after: one notice of each kind per project and one recorded fact of each.
    await new Promise((r) => setTimeout(r, 5_000));
    for (const kind of ['reminder', 'overdue']) expect((await perProject(ids, kind)).filter((r) => r.n !== 1)).toEqual([]);
    const facts: Array<{ type: string; n: number }> = await stack.ds.query(
      `SELECT type, count(*)::int AS n FROM project_events WHERE project_id = ANY($1::uuid[]) AND type IN ('reminder.sent', 'milestone.overdue') GROUP BY type ORDER BY type`,
      [ids],
    );
    expect(facts).toEqual([{ type: 'milestone.overdue', n: PROJECTS }, { type: 'reminder.sent', n: PROJECTS }]);
    const [{ overdue }] = await stack.ds.query(`SELECT count(*)::int AS overdue FROM milestones WHERE project_id = ANY($1::uuid[]) AND overdue`, [ids]);
    expect(overdue).toBe(PROJECTS);
  }, 900_000);
});
