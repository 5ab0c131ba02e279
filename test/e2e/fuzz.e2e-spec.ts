import fc from 'fast-check';
import { createProject, genericProject } from '../helpers/api-fixtures';
import { FuzzRequest, IdPool, Operation, operationsOf, requestOf, Schema, schemaProblems } from '../helpers/openapi-fuzz';
import { login } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

/**
 * Requests generated from the OpenAPI document, valid and invalid, with a real token per role, for
 * FUZZ_SECONDS (180 by default). Fails on any 5xx, any status or body the document does not describe, and
 * any request that takes longer than FUZZ_REQUEST_BOUND_MS (10 s). Prints the figures and the role × route table.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 180);
const BOUND_MS = Number(process.env.FUZZ_REQUEST_BOUND_MS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
jest.setTimeout((SECONDS + 240) * 1000);

// These end the fuzzer's own sessions; the security tests cover them.
const SKIPPED = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere']);

describe('requests generated from the OpenAPI document, for every role', () => {
  const { stack, org } = useTestStack({ env: { API_WRITES_PER_MINUTE: '100000', CIRCULARS_PER_PLAN_PER_MINUTE: '1000' } });

  it(`answers within ${BOUND_MS} ms, never 5xx, always as documented`, async () => {
    const doc: Schema = (await stack.http.get('/api/docs-json').expect(200)).body;
    const operations = operationsOf(doc).filter((o) => !SKIPPED.has(o.id));

    // Real resources for the ids to point at.
    const project = await createProject(stack, org.coordinator, genericProject(org));
    const report = (await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'm1', narrative: '进展', evidence: [] }).expect(201)).body.report;
    const extension = (await stack.http.post(`/api/projects/${project.id}/milestones/m1/extension-requests`).set('Authorization', org.owner).send({ newDueAt: '2027-08-31T18:00:00+08:00', reason: '施工延期' }).expect(201)).body;
    const rectification = (await stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.districtId, title: '整改', description: '整改说明', source: 'inspection', dueDate: '2027-06-30' }).expect(201)).body;
    const circular = (await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: org.planId }).expect(201)).body;
    const notifications = (await stack.http.get('/api/notifications').set('Authorization', org.owner).expect(200)).body.items.map((n: { id: string }) => n.id);
    const spare = await Promise.all(['spare-a', 'spare-b', 'spare-c'].map(async (u) =>
      (await stack.http.post('/api/users').set('Authorization', org.admin).send({ username: u, displayName: u, password: 'password-123', role: 'leader' }).expect(201)).body.id as string));
    const ids: IdPool = {
      any: [org.planId, project.id, report.id, extension.id ?? extension.extension?.id, rectification.id, circular.id, org.districtId, org.otherDistrictId, org.schoolId, ...notifications.slice(0, 3)].filter(Boolean),
      byParam: { '/api/users/{id}:id': spare, mid: ['m1', 'completion', 'nope'], year: ['2026', '2027', '1999', '9999'] },
    };
    const tokens: Record<string, string | undefined> = { admin: org.admin, coordinator: org.coordinator, leader: org.leader, owner: org.owner, none: undefined };
    const passwords: Record<string, [string, string]> = { admin: ['admin', 'admin-e2e-password'], coordinator: ['coordinator', 'password-123'], leader: ['leader', 'password-123'], owner: ['owner', 'password-123'] };

    const arbs = new Map<string, fc.Arbitrary<FuzzRequest>>(operations.map((o) => [o.id, requestOf(doc, o, ids)]));
    const rng = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: 1, seed: SEED })[0];
    let n = rng;
    const pick = <T>(xs: T[]) => xs[(n = (n * 1103515245 + 12345) % 2147483648) % xs.length];

    const figures = { requests: 0, serverErrors: 0, undocumented: 0, schemaMismatches: 0, hangs: 0, maxMs: 0 };
    const failures: string[] = [];
    const table = new Map<string, Map<string, number>>();
    const count = (route: string, role: string) => {
      const row = table.get(route) ?? new Map<string, number>();
      row.set(role, (row.get(role) ?? 0) + 1);
      table.set(route, row);
    };
    const statuses = new Map<string, Set<number>>();

    const send = async (o: Operation, role: string, req: FuzzRequest) => {
      let call = (stack.http as any)[o.method](req.path).query(req.query).timeout({ response: BOUND_MS, deadline: BOUND_MS });
      for (const [k, v] of Object.entries(req.headers)) if (/^[\x21-\x7e]*$/.test(v)) call = call.set(k, v);
      if (tokens[role]) call = call.set('Authorization', tokens[role]);
      if (req.body !== undefined) call = call.send(req.body as object);
      return call;
    };

    const deadline = Date.now() + SECONDS * 1000;
    while (Date.now() < deadline) {
      const o = pick(operations);
      const role = pick(Object.keys(tokens));
      const [req] = fc.sample(arbs.get(o.id)!, { numRuns: 1, seed: (n = (n * 1103515245 + 12345) % 2147483648) });
      const started = Date.now();
      let res;
      try {
        res = await send(o, role, req);
      } catch (err) {
        const e = err as { timeout?: number; code?: string; message: string };
        figures.requests += 1;
        if (e.timeout || e.code === 'ECONNABORTED') {
          figures.hangs += 1;
          failures.push(`hang > ${BOUND_MS} ms: ${role} ${o.method.toUpperCase()} ${req.path} ${JSON.stringify(req.body)?.slice(0, 300)}`);
          continue;
        }
        throw err;
      }
      const ms = Date.now() - started;
      figures.requests += 1;
      figures.maxMs = Math.max(figures.maxMs, ms);
      count(o.id, role);
      statuses.set(o.id, (statuses.get(o.id) ?? new Set()).add(res.status));
      const what = `${role} ${o.method.toUpperCase()} ${req.path}?${new URLSearchParams(req.query)} ${JSON.stringify(req.body)?.slice(0, 300)} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
      if (res.status >= 500 && res.status !== 503) {
        figures.serverErrors += 1;
        failures.push(`5xx: ${what}`);
        continue;
      }
      if (res.status === 503) {
        figures.serverErrors += 1;
        failures.push(`503 with every dependency up: ${what}`);
        continue;
      }
      const documented = o.op.responses[String(res.status)];
      if (!documented) {
        figures.undocumented += 1;
        failures.push(`undocumented status: ${what}`);
        continue;
      }
      const schema = documented.content?.['application/json']?.schema;
      const json = /application\/json/.test(res.headers['content-type'] ?? '');
      if (schema && json) {
        const problems = schemaProblems(doc, schema, res.body);
        if (problems.length) {
          figures.schemaMismatches += 1;
          failures.push(`body not as documented (${problems.slice(0, 3).join('; ')}): ${what}`);
        }
      }
      // A refused sign-in or a changed password must not leave the fuzzer without its tokens.
      if (res.status === 401 && role !== 'none' && tokens[role]) {
        const [u, p] = passwords[role];
        tokens[role] = await login(stack, u, p).catch(() => tokens[role]);
      }
    }

    const roles = Object.keys(tokens);
    const lines = [`| route | ${roles.join(' | ')} | statuses seen |`, `|---|${roles.map(() => '---:').join('|')}|---|`];
    for (const o of operations) lines.push(`| ${o.id} | ${roles.map((r) => table.get(o.id)?.get(r) ?? 0).join(' | ')} | ${[...(statuses.get(o.id) ?? [])].sort().join(' ')} |`);
    console.log(`fuzz seed ${SEED}, ${SECONDS} s: ${JSON.stringify(figures)}\n${lines.join('\n')}\n${failures.slice(0, 40).join('\n')}`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(figures.requests).toBeGreaterThan(SECONDS);
  });
});
