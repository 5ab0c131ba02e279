import { AddressInfo } from 'node:net';
import pino from 'pino';
import { AppConfig } from '../../libs/config/src';
import { DEMO_PASSWORD } from '../../libs/demo/src/demo-content';
import { seedDemo } from '../../libs/demo/src/seed-demo';
import { login, startTestStack, TestStack } from '../helpers/stack';

const KINDS = ['school_construction', 'teacher_rotation', 'training_quota', 'indicator', 'generic'];

describe('demo data', () => {
  let stack: TestStack;
  let config: AppConfig;
  const logger = pino({ level: 'silent' });
  const counts = async () =>
    (await stack.ds.query(`SELECT (SELECT count(*) FROM units)::int AS units, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM plans)::int AS plans,
      (SELECT count(*) FROM projects)::int AS projects, (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM milestones)::int AS milestones`))[0];

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.app.listen(0, '127.0.0.1');
    const { port } = stack.app.getHttpServer().address() as AddressInfo;
    config = { ...stack.config, api: { ...stack.config.api, host: '127.0.0.1', port } };
  });
  afterAll(() => stack.close(), 30_000);

  it('loads two plans whose projects show every kind in green, yellow and red, and a second run adds nothing', async () => {
    const first = await seedDemo(config, logger);
    expect(first).toMatchObject({ plans: 2 });
    expect(first.projects).toBeGreaterThanOrEqual(30);

    const leader = await login(stack, 'leader', DEMO_PASSWORD);
    const projects = (await stack.http.get('/api/projects?pageSize=200').set('Authorization', leader).expect(200)).body.items as Array<{ kind: string; status: string }>;
    for (const kind of KINDS) {
      const colours = new Set(projects.filter((p) => p.kind === kind).map((p) => p.status));
      expect({ kind, green: colours.has('green'), yellow: colours.has('yellow'), red: colours.has('red') }).toEqual({ kind, green: true, yellow: true, red: true });
    }

    const plans = (await stack.http.get('/api/plans').set('Authorization', leader).expect(200)).body.items as Array<{ id: string; name: string }>;
    const city = plans.find((p) => p.name === '郑州市教育重点工程')!;
    const dashboard = (await stack.http.get(`/api/dashboard?planId=${city.id}`).set('Authorization', leader).expect(200)).body;
    expect(dashboard.portfolio).toContainEqual(expect.objectContaining({ id: 'schools-30', achieved: 5, target: 30 }));
    expect(dashboard.total).toBe(27);
    // The plan's commitments in their own vocabulary: 20 kindergartens recognised (9 so far), the schools' planned seats.
    expect(dashboard.portfolio).toContainEqual(expect.objectContaining({ id: 'kindergartens', achieved: 9, target: 20, selected: 1 }));
    expect(dashboard.portfolio).toContainEqual(expect.objectContaining({ id: 'seats-planned', achieved: 12870, status: 'done', selected: 7 }));

    const before = await counts();
    const second = await seedDemo(config, logger);
    expect(second).toEqual({ units: 0, users: 0, plans: 0, projects: 0, reports: 0 });
    expect(await counts()).toEqual(before);
  }, 180_000);

  it('signs in every role with the documented password; owners see only their own unit', async () => {
    for (const username of ['zz-office', 'zm-office', 'leader', 'zm-owner', 'zm-head', 'js-owner', 'gc-owner']) await login(stack, username, DEMO_PASSWORD);
    const owner = await login(stack, 'js-owner', DEMO_PASSWORD);
    const mine = (await stack.http.get('/api/projects?pageSize=200').set('Authorization', owner).expect(200)).body.items as Array<{ leadUnitName: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((p) => p.leadUnitName))).toEqual(new Set(['金水区教育局']));
  });
});
