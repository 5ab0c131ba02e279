import { randomUUID } from 'node:crypto';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { RULES } from '../../apps/api/src/policy/access.rules';
import { POLICY_RULE } from '../../apps/api/src/policy/policy.decorator';
import { createProject, genericProject } from '../helpers/api-fixtures';
import { login } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

jest.setTimeout(180_000);

type Operation = { method: string; path: string; operationId: string };

/**
 * Every route of the OpenAPI document, called by every role and without a token: each names an access rule
 * (a route without one answers 500), each rule that depends on ids asks AccessPolicy (a route that answers
 * without asking answers 500), so no route × role answers 500; without a token only public routes answer.
 */
describe('the access policy decides every route for every role', () => {
  let operations: Operation[];
  const ids: Record<string, string> = {};

  const { stack, org } = useTestStack();
  beforeAll(async () => {
    const doc = (await stack.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { operationId: string }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, operationId: op.operationId })));
    const project = await createProject(stack, org.coordinator, genericProject(org));
    ids.project = project.id;
    ids.report = (await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send({ narrative: '进展顺利' }).expect(201)).body.report.id;
    ids.extension = (await stack.http.post(`/api/projects/${project.id}/milestones/m1/extension-requests`).set('Authorization', org.owner)
      .send({ newDueAt: '2027-09-30T23:59:59+08:00', reason: '等待审议' }).expect(201)).body.extensionRequest.id;
    ids.rectification = (await stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
      .send({ planId: org.planId, unitId: org.districtId, title: '校车安全隐患', description: '校车未按期年检。', dueDate: '2027-12-20', source: 'inspection' }).expect(201)).body.id;
    ids.round = (await stack.http.post(`/api/plans/${org.planId}/dispatch-rounds`).set('Authorization', org.coordinator).send({ reportingWindow: 'P10D' }).expect(201)).body.id;
  });

  /** The path with its ids filled from the fixtures (an unknown id where there is none: 404 is a decision too). */
  const concrete = (path: string) =>
    path
      .replace(/^\/api\/projects\/\{id\}/, `/api/projects/${ids.project}`)
      .replace(/^\/api\/reports\/\{id\}/, `/api/reports/${ids.report}`)
      .replace(/^\/api\/extension-requests\/\{id\}/, `/api/extension-requests/${ids.extension}`)
      .replace(/^\/api\/rectifications\/\{id\}/, `/api/rectifications/${ids.rectification}`)
      .replace(/^\/api\/dispatch-rounds\/\{id\}/, `/api/dispatch-rounds/${ids.round}`)
      .replace(/^\/api\/plans\/\{id\}/, `/api/plans/${org.planId}`)
      .replace('{mid}', 'm1')
      .replace('{year}', '2031')
      .replace(/\{\w+\}/g, randomUUID());

  const call = (op: Operation, auth?: string) => {
    const req = (stack.http as any)[op.method](concrete(op.path));
    if (auth) req.set('Authorization', auth);
    return op.method === 'get' || op.method === 'delete' ? req : req.send({});
  };

  it('finds a rule on every handler, and every rule is one the policy knows', () => {
    const handlers: string[] = [];
    for (const module of stack.app.get(ModulesContainer).values()) {
      for (const { metatype } of module.controllers.values()) {
        const proto = (metatype as { prototype: Record<string, unknown> }).prototype;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const fn = proto[name];
          if (name === 'constructor' || typeof fn !== 'function' || Reflect.getMetadata(PATH_METADATA, fn) === undefined) continue;
          handlers.push(name);
          expect({ handler: `${(metatype as { name: string }).name}.${name}`, known: Reflect.getMetadata(POLICY_RULE, fn) in RULES }).toEqual({
            handler: `${(metatype as { name: string }).name}.${name}`, known: true,
          });
        }
      }
    }
    expect(handlers.length).toBe(operations.length);
  });

  it('answers every route for every role with a decision, never a 500', async () => {
    const roles = { admin: org.admin, coordinator: org.coordinator, owner: org.owner, leader: org.leader, otherOwner: org.otherOwner };
    const accounts: Record<string, [string, string]> = {
      admin: ['admin', 'admin-e2e-password'], coordinator: ['coordinator', 'password-123'], owner: ['owner', 'password-123'], leader: ['leader', 'password-123'], otherOwner: ['other-owner', 'password-123'],
    };
    const defects: string[] = [];
    for (const op of operations) {
      for (const [role, auth] of Object.entries({ ...roles })) {
        // Signing out ends the token it is called with: those routes get a token of their own.
        const res = await call(op, op.path.startsWith('/api/auth/logout') ? await login(stack, ...accounts[role]) : auth);
        // Signing out everywhere ends the fixtures' tokens too: sign in again.
        if (op.path === '/api/auth/logout-everywhere') {
          const fresh = await login(stack, ...accounts[role]);
          (roles as Record<string, string>)[role] = fresh;
          (org as unknown as Record<string, string>)[role] = fresh;
        }
        if (res.status >= 500 && !(op.path === '/health' && res.status === 503)) defects.push(`${op.method.toUpperCase()} ${op.path} as ${role}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(defects).toEqual([]);
  });

  it('documents the Idempotency-Key header once on each write that takes one', async () => {
    const doc = (await stack.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> };
    const keyed = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ op: `${method.toUpperCase()} ${path}`, n: (op.parameters ?? []).filter((p) => p.in === 'header' && /^idempotency-key$/i.test(p.name)).length })),
    ).filter((x) => x.n > 0);
    expect(keyed.filter((x) => x.n !== 1)).toEqual([]);
    expect(keyed).toHaveLength(12);
  });

  it('lets nobody through without a token but on public routes', async () => {
    const anonymous: string[] = [];
    for (const op of operations) {
      const res = await call(op);
      if (res.status !== 401) anonymous.push(`${op.method.toUpperCase()} ${op.path}`);
    }
    expect(anonymous.sort()).toEqual(['GET /health', 'GET /metrics', 'POST /api/auth/login']);
  });

  it('reads the scoped items for a coordinator, who reads everything, through the policy (200, not 500)', async () => {
    for (const path of ['/api/projects/{id}', '/api/projects/{id}/events', '/api/projects/{id}/reports', '/api/reports/{id}', '/api/extension-requests/{id}', '/api/rectifications/{id}', '/api/dispatch-rounds/{id}', '/api/dashboard', '/api/notification-deliveries', '/api/circulars']) {
      await stack.http.get(concrete(path)).set('Authorization', org.coordinator).expect(200);
    }
    // The owner of another unit: out of scope is 404 on the items, an empty scope on the lists.
    for (const path of ['/api/projects/{id}', '/api/reports/{id}', '/api/extension-requests/{id}', '/api/rectifications/{id}']) {
      await stack.http.get(concrete(path)).set('Authorization', org.otherOwner).expect(404);
    }
    // A unit without a project in the plan does not follow its rounds (see docs/decisions.md, security).
    await stack.http.get(concrete('/api/dispatch-rounds/{id}')).set('Authorization', org.otherOwner).expect(404);
    expect((await stack.http.get(concrete('/api/dispatch-rounds/{id}')).set('Authorization', org.owner).expect(200)).body.projects).toHaveLength(1);
  });
});
