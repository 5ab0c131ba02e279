import type http from 'node:http';
import jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { Org } from './fixtures';
import { login, TestStack } from './stack';

/** A generic project far in the future (no reminder fires while the tests run), owned by the district's owner. */
export function genericProject(org: Org, over: Record<string, unknown> = {}) {
  return {
    kind: 'generic', planId: org.planId, name: '出台县域优质均衡实施意见', leadUnitId: org.districtId, ownerUserId: org.ownerId,
    startDate: '2027-01-01', dueDate: '2027-12-31', milestones: [{ id: 'm1', name: '出台实施意见', dueDate: '2027-06-30' }], ...over,
  };
}

/** A teacher-rotation project whose report figures are checked by the kind rules. */
export function rotationProject(org: Org, over: Record<string, unknown> = {}) {
  return {
    kind: 'teacher_rotation', planId: org.planId, name: '2027学年教师交流轮岗', leadUnitId: org.districtId, ownerUserId: org.ownerId,
    startDate: '2027-01-01', dueDate: '2027-12-31', targets: { checkDate: '2027-09-30' }, ...over,
  };
}

export async function createProject(stack: TestStack, auth: string, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await stack.http.post('/api/projects').set('Authorization', auth).send(body);
  expect(res.status).toBe(201);
  return res.body;
}

/** A second coordinator with a plan of its own, to show that coordinators act only on the plans they coordinate. */
export async function otherCoordinator(stack: TestStack, org: Org): Promise<{ auth: string; id: string; planId: string }> {
  const user = await stack.http.post('/api/users').set('Authorization', org.admin)
    .send({ username: 'coordinator-2', displayName: '市教育局督导科', password: 'password-123', role: 'coordinator', unitId: org.cityId }).expect(201);
  const auth = await login(stack, 'coordinator-2', 'password-123');
  const plan = await stack.http.post('/api/plans').set('Authorization', auth).send({ name: '金水区学校建设', year: 2027 }).expect(201);
  return { auth, id: user.body.id, planId: plan.body.id };
}

const TABLES = ['units', 'users', 'plans', 'projects', 'milestones', 'reports', 'extension_requests', 'project_events', 'notifications', 'idempotency_keys'];

const QUIET_MS = 300;

/**
 * A digest of every row the API can change: equal digests before and after a request mean it changed nothing.
 * Taken once the database is quiet (the same digest QUIET_MS apart): a change answered earlier still has its
 * workflow's write and notice coming behind its answer, and that is not the request under test. The digest after the
 * request needs no wait (`quiet` false): from a quiet start, anything new is the request's.
 */
export async function fingerprint(stack: TestStack, quiet = true): Promise<Record<string, string>> {
  const parts = TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${t} x`);
  const read = async () => {
    const rows: Array<{ t: string; n: number; h: string }> = await stack.ds.query(parts.join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  };
  let last = await read();
  if (!quiet) return last;
  for (const until = Date.now() + 15_000; Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, QUIET_MS));
    const now = await read();
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
  return last;
}

/** Runs a request that must be refused, and checks that the database is exactly as before. */
export async function refusedWithoutChange(stack: TestStack, send: () => Promise<Response>, statusCode: number, field?: string): Promise<Response> {
  const before = await fingerprint(stack);
  const res = await send();
  expectProblem(res, statusCode, field);
  expect(await fingerprint(stack, false)).toEqual(before);
  return res;
}

/** The one error shape: {statusCode, error, message, details?}, with `field` among the details when given. */
export function expectProblem(res: Response, statusCode: number, field?: string): void {
  if (res.status !== statusCode) throw new Error(`expected ${statusCode}, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.body).toMatchObject({ statusCode, error: expect.any(String), message: expect.any(String) });
  if (field) expect((res.body.details ?? []).map((d: { field: string }) => d.field)).toContain(field);
}

export async function events(stack: TestStack, projectId: string): Promise<Array<{ seq: number; type: string; actor: string; data: any }>> {
  return stack.ds.query('SELECT seq, type, actor, data FROM project_events WHERE project_id = $1 ORDER BY seq', [projectId]);
}

/** A bearer header signed as the API would sign it, with any secret and lifetime. */
export function bearer(claims: Record<string, unknown>, secret: string, options: jwt.SignOptions = {}): string {
  return `Bearer ${jwt.sign(claims, secret, options)}`;
}

/** The claims in a real token, so a forged or expired copy differs only in what the test changes. */
export function claimsOf(auth: string): Record<string, unknown> {
  const { iat: _iat, exp: _exp, ...claims } = jwt.decode(auth.slice('Bearer '.length)) as Record<string, unknown>;
  return claims;
}

/** A supertest parser that keeps a download's bytes (xlsx, docx): `.buffer(true).parse(binary as never)`. */
export const binary = (res: http.IncomingMessage, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
