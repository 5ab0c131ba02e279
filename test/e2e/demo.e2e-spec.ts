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
  it('reads as a Chinese office writes it wherever a demo user looks: no English and no UTC time in any text shown', async () => {
    const texts: Array<{ where: string; text: string }> = [];
    /** Every text the UI shows as it is: reasons, audit lines, notices, circular lines (`message`, `title`, `body`). */
    const collect = (where: string, value: unknown): void => {
      if (Array.isArray(value)) return value.forEach((v) => collect(where, v));
      if (!value || typeof value !== 'object') return;
      for (const [k, v] of Object.entries(value)) {
        if ((k === 'message' || k === 'title' || k === 'body') && typeof v === 'string') texts.push({ where, text: v });
        else collect(where, v);
      }
    };
    for (const username of ['zz-office', 'leader', 'zm-owner', 'js-owner']) {
      const token = await login(stack, username, DEMO_PASSWORD);
      const get = async (path: string) => {
        const res = await stack.http.get(path).set('Authorization', token);
        if (res.status === 200) collect(`${username} ${path}`, res.body);
        return res.status === 200 ? res.body : undefined;
      };
      await get('/api/dashboard');
      const plans = (await get('/api/plans'))?.items ?? [];
      for (const plan of plans) {
        await get(`/api/plans/${plan.id}`);
        await get(`/api/dashboard?planId=${plan.id}`);
        await get(`/api/plans/${plan.id}/dispatch-rounds`);
      }
      const projects = ((await get('/api/projects?pageSize=200'))?.items ?? []) as Array<{ id: string; status: string }>;
      // Every red and yellow project, and a few green ones: what a user opens first.
      for (const p of [...projects.filter((x) => x.status !== 'green'), ...projects.filter((x) => x.status === 'green').slice(0, 3)]) {
        await get(`/api/projects/${p.id}`);
        await get(`/api/projects/${p.id}/events?pageSize=100`);
        await get(`/api/projects/${p.id}/reports`);
      }
      await get('/api/notifications?pageSize=100');
      const circulars = ((await get('/api/circulars'))?.items ?? []) as Array<{ id: string }>;
      for (const c of circulars.slice(0, 3)) await get(`/api/circulars/${c.id}`);
      for (const r of (((await get('/api/rectifications'))?.items ?? []) as Array<{ id: string }>).slice(0, 3)) await get(`/api/rectifications/${r.id}`);
    }
    expect(texts.length).toBeGreaterThan(100);
    // Links may be Latin; nothing else a user reads is. Times are the plan's local time, never an ISO instant.
    const english = texts.filter(({ text }) => /[A-Za-z]{3,}/.test(text.replace(/https?:\/\/\S+/g, '')));
    const isoTimes = texts.filter(({ text }) => /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text));
    expect(english.slice(0, 10)).toEqual([]);
    expect(isoTimes.slice(0, 10)).toEqual([]);
  }, 240_000);
});
