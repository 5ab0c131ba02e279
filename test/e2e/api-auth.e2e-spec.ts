import { bearer, claimsOf, expectProblem, fingerprint, genericProject, refusedWithoutChange } from '../helpers/api-fixtures';
import { useTestStack } from '../helpers/test-stack';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(60_000);

describe('accounts, tokens and roles over HTTP', () => {
  const { stack, org } = useTestStack();

  describe('signing in', () => {
    it('gives a bearer token that carries who the user is and when it expires', async () => {
      const res = await stack.http.post('/api/auth/login').send({ username: 'owner', password: 'password-123' }).expect(200);
      expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: expect.any(Number) });
      expect(res.body.expiresIn).toBeGreaterThan(0);
      const me = await stack.http.get('/api/users/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: org.ownerId, username: 'owner', role: 'owner', unitId: org.districtId });
    });

    it('answers a wrong password and an unknown user alike, with 401', async () => {
      const wrong = await stack.http.post('/api/auth/login').send({ username: 'owner', password: 'password-124' });
      const unknown = await stack.http.post('/api/auth/login').send({ username: 'nobody', password: 'password-123' });
      expectProblem(wrong, 401);
      expectProblem(unknown, 401);
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('refuses a login without a password or with extra fields, naming the field', async () => {
      expectProblem(await stack.http.post('/api/auth/login').send({ username: 'owner' }), 400, 'password');
      expectProblem(await stack.http.post('/api/auth/login').send({ username: 'owner', password: 'password-123', role: 'admin' }), 400, 'role');
    });

    it('never shows a password hash', async () => {
      const users = await stack.http.get('/api/users').set('Authorization', org.admin).expect(200);
      expect(JSON.stringify(users.body)).not.toMatch(/password|\$2[aby]\$/);
    });
  });

  describe('refusing callers without a valid token: 401, and nothing changes', () => {
    const unit = { code: 'intruder', name: '冒名单位', type: 'school' };

    it('no token', async () => {
      const res = await refusedWithoutChange(stack, () => stack.http.post('/api/units').send(unit), 401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expectProblem(await stack.http.get('/api/projects'), 401);
      expectProblem(await stack.http.get('/api/notifications'), 401);
    });

    it('a token that is not a JWT, or another scheme', async () => {
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', 'Bearer not-a-token').send(unit), 401);
      const [, token] = org.admin.split(' ');
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', `Basic ${token}`).send(unit), 401);
    });

    it('a forged token: the admin claims signed with another secret', async () => {
      const forged = bearer(claimsOf(org.admin), 'another-secret-another-secret-00', { expiresIn: 3600 });
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', forged).send(unit), 401);
      const res = await stack.http.post('/api/projects').set('Authorization', bearer(claimsOf(org.coordinator), 'another-secret', { expiresIn: 3600 })).send(genericProject(org));
      expectProblem(res, 401);
    });

    it('an unsigned token (alg none) claiming to be the admin', async () => {
      const unsigned = `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claimsOf(org.admin), exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', unsigned).send(unit), 401);
    });

    it('an expired token signed with the right secret, saying it has expired', async () => {
      const expired = bearer(claimsOf(org.admin), stack.config.auth.jwtSecret!, { expiresIn: -10 });
      const res = await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', expired).send(unit), 401);
      expect(res.body.message).toBe('登录已过期，请重新登录');
      expectProblem(await stack.http.get('/api/projects').set('Authorization', bearer(claimsOf(org.owner), stack.config.auth.jwtSecret!, { expiresIn: -10 })), 401);
    });

    it('accepts the same claims freshly signed with the right secret (so the refusals above are about the signature and the expiry)', async () => {
      const fresh = bearer(claimsOf(org.admin), stack.config.auth.jwtSecret!, { expiresIn: 60 });
      await stack.http.get('/api/users').set('Authorization', fresh).expect(200);
    });

    it('accepts the scheme name in any case, as HTTP says', async () => {
      const [, token] = org.owner.split(' ');
      await stack.http.get('/api/users/me').set('Authorization', `bearer ${token}`).expect(200);
    });
  });

  describe('refusing the wrong role: 403, and nothing changes', () => {
    it('only the admin creates units and users, and lists users', async () => {
      for (const auth of [org.coordinator, org.leader, org.owner]) {
        await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', auth).send({ code: 'new-school', name: '新学校', type: 'school', parentId: org.districtId }), 403);
        await refusedWithoutChange(stack, () => stack.http.post('/api/users').set('Authorization', auth).send({ username: 'sneaky', displayName: 'x', password: 'password-123', role: 'admin' }), 403);
        expectProblem(await stack.http.get('/api/users').set('Authorization', auth), 403);
      }
    });

    it('only coordinators and the admin create plans', async () => {
      for (const auth of [org.leader, org.owner]) {
        await refusedWithoutChange(stack, () => stack.http.post('/api/plans').set('Authorization', auth).send({ name: '自建计划', year: 2027 }), 403);
      }
      const plan = await stack.http.post('/api/plans').set('Authorization', org.admin).send({ name: '全市重点工作', year: 2027, coordinatorIds: [org.coordinatorId] }).expect(201);
      expect(plan.body.coordinatorIds).toEqual([org.coordinatorId]);
    });

    it('only coordinators create projects', async () => {
      for (const auth of [org.admin, org.leader, org.owner]) {
        await refusedWithoutChange(stack, () => stack.http.post('/api/projects').set('Authorization', auth).send(genericProject(org)), 403);
      }
    });

    it('says which roles may do it, in the one error shape', async () => {
      const res = await stack.http.post('/api/units').set('Authorization', org.owner).send({ code: 'x', name: 'x', type: 'school' });
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', message: expect.stringMatching(/admin/) });
    });
  });

  it('serves health and the API description without a token', async () => {
    const before = await fingerprint(stack);
    await stack.http.get('/health').expect(200);
    await stack.http.get('/api/docs-json').expect(200);
    expect(await fingerprint(stack)).toEqual(before);
  });
});
