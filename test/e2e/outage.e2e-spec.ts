import { Client as PgClient } from 'pg';
import { createOrg, Org } from '../helpers/fixtures';
import { eventually, startTestStack, TestStack } from '../helpers/stack';

/** Reminders that fall due while PostgreSQL is unreachable are delivered once it is back: late, once, never lost. */
describe('a PostgreSQL outage while reminders fall due', () => {
  let stack: TestStack;
  let org: Org;
  let admin: PgClient;
  let database: string;

  beforeAll(async () => {
    stack = await startTestStack();
    org = await createOrg(stack, {
      calendar: 'natural', reminders: ['PT8S', 'PT5S'], warningWindow: 'PT8S',
      escalations: [{ after: 'PT2S', level: 1, notify: ['unitHead'] }],
    });
    admin = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await admin.connect();
    database = new URL(stack.config.database.url).pathname.slice(1);
  }, 60_000);
  afterAll(async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.end();
    await stack.close();
  });

  const cutOff = async () => {
    await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
  };
  const restore = () => admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);

  it('every reminder, the overdue notice and the escalation arrive exactly once after the database returns', async () => {
    const dueAt = new Date(Date.now() + 12_000).toISOString();
    const created = await stack.http
      .post('/api/projects')
      .set('Authorization', org.coordinator)
      .send({ kind: 'generic', planId: org.planId, name: '停库期间的提醒', leadUnitId: org.districtId, ownerUserId: org.ownerId, startDate: '2026-01-01', dueDate: '2026-12-31', milestones: [{ id: 'plan', name: '上报方案', dueAt }] })
      .expect(201);

    await cutOff();
    // Both reminders (−8 s, −5 s), the deadline and the escalation (+2 s) fall due while the database refuses everyone.
    await new Promise((r) => setTimeout(r, 17_000));
    const { rows } = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    expect(rows[0].n).toBe(0);
    await restore();

    const inbox = async (auth: string) =>
      ((await stack.http.get('/api/notifications').set('Authorization', auth).expect(200)).body.items as Array<{ kind: string; title: string }>).filter((n) => n.title.includes('停库期间的提醒'));
    const owner = await eventually(async () => {
      const n = await inbox(org.owner);
      return n.length >= 3 ? n : undefined;
    }, 'the owner notices after the outage', 90_000);
    expect(owner.map((n) => n.kind)).toEqual(['reminder', 'reminder', 'overdue']);
    const head = await eventually(async () => {
      const n = await inbox(org.head);
      return n.length >= 1 ? n : undefined;
    }, 'the escalation after the outage', 30_000);
    expect(head.map((n) => n.kind)).toEqual(['escalation']);

    const project = (await stack.http.get(`/api/projects/${created.body.id}`).set('Authorization', org.coordinator).expect(200)).body;
    expect(project).toMatchObject({ status: 'red', escalationLevel: 1 });
    // Nothing more arrives later: every notice was written once.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await inbox(org.owner)).toHaveLength(3);
    expect(await inbox(org.head)).toHaveLength(1);
  }, 180_000);
});
