import { bearer, claimsOf, createProject, expectProblem, genericProject, refusedWithoutChange } from '../helpers/api-fixtures';
import { login } from '../helpers/stack';
import { useTestStack } from '../helpers/test-stack';

// The stack starts a Nest app and a worker on a shared machine: more than jest's 5 s default.
jest.setTimeout(90_000);

const unit = { code: 'intruder', name: '冒名单位', type: 'school' };

describe('security: tokens, sign-in, dates, schedules, ids, headers', () => {
  const { stack, org } = useTestStack({ env: { LOGIN_MAX_FAILURES: '10', LOGIN_LOCKOUT: 'PT15M', CIRCULARS_PER_PLAN_PER_MINUTE: '3', SCHEDULE_MIN_INTERVAL: 'PT1H', DISPATCH_MIN_REPORTING_WINDOW: 'PT1H' } });

  const newUser = async (username: string, role: string, unitId?: string) => {
    const res = await stack.http.post('/api/users').set('Authorization', org.admin).send({ username, displayName: username, password: 'password-123', role, unitId }).expect(201);
    return { id: res.body.id as string, auth: await login(stack, username, 'password-123') };
  };

  describe('tokens', () => {
    it('a forged-secret token is refused, and a token names its user and version but not its role', async () => {
      const claims = claimsOf(org.admin);
      expect(Object.keys(claims).sort()).toEqual(['jti', 'sub', 'ver']);
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', bearer(claims, 'embedded-default-secret:/data', { expiresIn: 3600 })).send(unit), 401);
      await refusedWithoutChange(stack, () => stack.http.get('/api/users').set('Authorization', bearer({ ...claims, role: 'admin' }, 'another-secret-another-secret-00', { expiresIn: 3600 })), 401);
    });

    it('a token of a removed user is refused at once, and /api/users/me answers 401, not 500', async () => {
      const gone = await newUser('short-lived', 'leader');
      await stack.http.get('/api/users/me').set('Authorization', gone.auth).expect(200);
      await stack.http.delete(`/api/users/${gone.id}`).set('Authorization', org.admin).expect(204);
      expectProblem(await stack.http.get('/api/users/me').set('Authorization', gone.auth), 401);
      expectProblem(await stack.http.get('/api/projects').set('Authorization', gone.auth), 401);
    });

    it('a validly signed token for a user that never existed is refused with 401 everywhere', async () => {
      const ghost = bearer({ sub: '7b0e1f44-5a7e-4c61-9d3c-1f2e3d4c5b6a', ver: 0, jti: 'x' }, stack.config.auth.jwtSecret!, { expiresIn: 600 });
      expectProblem(await stack.http.get('/api/users/me').set('Authorization', ghost), 401);
      await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', ghost).send(unit), 401);
    });

    it('a changed role takes effect at once, with the token signed before the change', async () => {
      const user = await newUser('promoted-then-demoted', 'coordinator', org.cityId);
      await stack.http.post('/api/plans').set('Authorization', user.auth).send({ name: '角色变更前的计划', year: 2027 }).expect(201);
      await stack.http.patch(`/api/users/${user.id}`).set('Authorization', org.admin).send({ role: 'leader' }).expect(200);
      await refusedWithoutChange(stack, () => stack.http.post('/api/plans').set('Authorization', user.auth).send({ name: '角色变更后的计划', year: 2027 }), 403);
      const me = await stack.http.get('/api/users/me').set('Authorization', user.auth).expect(200);
      expect(me.body.role).toBe('leader');
    });

    it('logout ends that token only; signing out everywhere ends every token of the user', async () => {
      const a = await login(stack, 'leader', 'password-123');
      const b = await login(stack, 'leader', 'password-123');
      await stack.http.post('/api/auth/logout').set('Authorization', a).expect(204);
      expectProblem(await stack.http.get('/api/projects').set('Authorization', a), 401);
      await stack.http.get('/api/projects').set('Authorization', b).expect(200);
      await stack.http.post('/api/auth/logout-everywhere').set('Authorization', b).expect(204);
      expectProblem(await stack.http.get('/api/projects').set('Authorization', b), 401);
      expectProblem(await stack.http.get('/api/projects').set('Authorization', org.leader), 401);
      org.leader = await login(stack, 'leader', 'password-123');
      await stack.http.get('/api/projects').set('Authorization', org.leader).expect(200);
    });
  });

  describe('sign-in', () => {
    it('the 11th wrong password gets 429 with Retry-After, even with the right password, and every failure is audited', async () => {
      await newUser('guessed', 'leader');
      for (let i = 0; i < 10; i += 1) expectProblem(await stack.http.post('/api/auth/login').send({ username: 'guessed', password: `wrong-guess-${i}` }), 401);
      const locked = await stack.http.post('/api/auth/login').send({ username: 'guessed', password: 'wrong-guess-10' });
      expectProblem(locked, 429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
      expect(locked.body.code).toBe('error.account-locked');
      expect(locked.body.message).toMatch(/^密码连续错误次数过多，账号已暂时锁定，请[\d,]+秒后重试$/);
      expectProblem(await stack.http.post('/api/auth/login').send({ username: 'guessed', password: 'password-123' }), 429);
      const audit = await stack.ds.query(`SELECT outcome, count(*)::int AS n FROM login_attempts WHERE username = 'guessed' GROUP BY outcome ORDER BY outcome`);
      expect(audit).toEqual([{ outcome: 'locked', n: 2 }, { outcome: 'success', n: 1 }, { outcome: 'wrong_password', n: 10 }]);
      // Another account from the same address is not locked by it.
      await login(stack, 'owner', 'password-123');
    });

    it('12345678, "password", the username and a 73-byte password are refused, naming the field; nothing is stored', async () => {
      const make = (username: string, password: string) => () =>
        stack.http.post('/api/users').set('Authorization', org.admin).send({ username, displayName: username, password, role: 'leader' });
      for (const weak of ['12345678', 'password', 'password1234', 'Qwertyuiop', 'zhangsan-2026']) {
        const res = await refusedWithoutChange(stack, make('zhangsan', weak), 400, 'password');
        // Said in Chinese to the admin, beside the field too, each detail with its precise reason.
        expect(res.body.message).toMatch(/至少需要10个字符|过于常见|不能包含用户名/);
        expect(res.body.details[0].message).toMatch(/至少需要10个字符|过于常见|不能包含用户名/);
        const en = await make('zhangsan', weak)().set('Accept-Language', 'en').expect(400);
        expect(en.body.details[0].message).toMatch(/characters|common|username/);
      }
      const long = `${'教育局督导科重点项目督办'.repeat(2)}x`; // 73 bytes in UTF-8
      const res = await refusedWithoutChange(stack, make('long-pass', long), 400, 'password');
      expect(res.body.message).toMatch(/不能超过72字节/);
      expect(res.body.details[0].message).toMatch(/不能超过72字节/);
      expect((await make('long-pass', long)().set('Accept-Language', 'en').expect(400)).body.details[0].message).toMatch(/72 bytes/);
      expectProblem(await stack.http.post('/api/auth/login').send({ username: 'owner', password: `${'a'.repeat(72)}b` }), 400, 'password');
    });

    it('a password change checks the policy, returns a new token and ends the old ones', async () => {
      const user = await newUser('changer', 'leader');
      await refusedWithoutChange(stack, () => stack.http.post('/api/auth/password').set('Authorization', user.auth).send({ currentPassword: 'password-123', newPassword: '12345678' }), 400, 'newPassword');
      await refusedWithoutChange(stack, () => stack.http.post('/api/auth/password').set('Authorization', user.auth).send({ currentPassword: 'not-it-at-all', newPassword: 'a-much-better-secret' }), 400, 'currentPassword');
      const changed = await stack.http.post('/api/auth/password').set('Authorization', user.auth).send({ currentPassword: 'password-123', newPassword: 'a-much-better-secret' }).expect(200);
      expectProblem(await stack.http.get('/api/projects').set('Authorization', user.auth), 401);
      await stack.http.get('/api/projects').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
      await login(stack, 'changer', 'a-much-better-secret');
    });
  });

  describe('dates, schedules and limits', () => {
    it('year 9999 is a 400 within a second, on every kind of date, and nothing changes', async () => {
      const cases: Array<[() => Promise<import('supertest').Response>, string]> = [
        [() => stack.http.post('/api/projects').set('Authorization', org.coordinator).send(genericProject(org, { dueDate: '9999-12-31' })), 'dueDate'],
        [() => stack.http.post('/api/projects').set('Authorization', org.coordinator).send(genericProject(org, { startDate: '0000-01-01' })), 'startDate'],
        [() => stack.http.post('/api/projects').set('Authorization', org.coordinator).send(genericProject(org, { milestones: [{ id: 'm1', name: '远期', dueDate: '9999-06-30' }] })), 'milestones[0].dueDate'],
        [() => stack.http.post('/api/rectifications').set('Authorization', org.coordinator).send({ planId: org.planId, unitId: org.districtId, title: '整改', description: '远期整改', source: 'inspection', dueAt: '9999-12-31T17:00:00+08:00' }), 'dueAt'],
      ];
      // The request alone is timed (the check that nothing changed waits for a quiet database).
      const took = { ms: 0 };
      const timed = (send: () => Promise<import('supertest').Response>) => async () => {
        const started = Date.now();
        const res = await send();
        took.ms = Date.now() - started;
        return res;
      };
      for (const [send, field] of cases) {
        await refusedWithoutChange(stack, timed(send), 400, field);
        expect(took.ms).toBeLessThan(1000);
      }
      const project = await createProject(stack, org.coordinator, genericProject(org));
      await refusedWithoutChange(stack, timed(() => stack.http.post(`/api/projects/${project.id}/milestones/m1/extension-requests`).set('Authorization', org.owner)
        .send({ newDueAt: '9999-12-31T23:59:59+08:00', reason: '无限期延后' })), 400, 'newDueAt');
      expect(took.ms).toBeLessThan(1000);
      // The project's workflow still answers.
      await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send({ milestoneId: 'm1', narrative: '进展正常', evidence: [] }).expect(201);
    });

    it('a bad cron is a 400 naming the field and the cron field; too frequent schedules and too short windows too', async () => {
      const path = `/api/plans/${org.planId}/dispatch-schedule`;
      const put = (body: Record<string, unknown>) => () => stack.http.put(path).set('Authorization', org.coordinator).send(body);
      for (const [cron, part] of [['0 25 * * *', 'hour'], ['0 9 32 * *', 'day of month'], ['0 9 * 13 *', 'month'], ['61 * * * *', 'minute'], ['0 9 * * 8', 'day of week'], ['0 9 * *', 'fields'], ['@every 1s', 'interval']]) {
        const res = await refusedWithoutChange(stack, put({ cron, reportingWindow: 'P10D' }), 400, 'cron');
        const said: Record<string, string> = { hour: '小时字段', 'day of month': '日期字段', month: '月份字段', minute: '分钟字段', 'day of week': '星期字段', fields: 'cron', interval: '最短间隔3,600秒' };
        expect(res.body.message).toMatch(said[part]);
        expect(res.body.details[0].message).toMatch(said[part]);
        const en = await put({ cron, reportingWindow: 'P10D' })().set('Accept-Language', 'en').expect(400);
        expect(en.body.details[0].message).toMatch(new RegExp(part === 'interval' ? 'shortest interval' : part));
      }
      await refusedWithoutChange(stack, put({ cron: '* * * * *', reportingWindow: 'P10D' }), 400, 'cron');
      await refusedWithoutChange(stack, put({ cron: '0 9 25 * *', reportingWindow: 'PT1S' }), 400, 'reportingWindow');
      await stack.http.put(path).set('Authorization', org.coordinator).send({ cron: '0 9 25 */2 *', reportingWindow: 'P10D' }).expect(200);
      await stack.http.delete(path).set('Authorization', org.coordinator).expect(204);
    });

    it('circulars on demand are limited per plan and minute, with Retry-After', async () => {
      for (let i = 0; i < 3; i += 1) await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: org.planId }).expect(201);
      const res = await refusedWithoutChange(stack, () => stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: org.planId }), 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ code: 'error.circulars-per-minute', message: expect.stringMatching(/^每个计划每分钟最多即时发布3期通报，请\d+秒后重试$/) });
    });

    it('upper-case UUID writes work, reaching the same project and workflow', async () => {
      const project = await createProject(stack, org.coordinator, genericProject(org, { name: '大写编号的项目' }));
      const upper = project.id.toUpperCase();
      await stack.http.get(`/api/projects/${upper}`).set('Authorization', org.owner).expect(200);
      const report = await stack.http.post(`/api/projects/${upper}/reports`).set('Authorization', org.owner).send({ milestoneId: 'm1', narrative: '大写也能提交', evidence: [] }).expect(201);
      expect(report.body.report.projectId).toBe(project.id);
      const second = await createProject(stack, org.coordinator, genericProject(org, { name: '大写引用', planId: org.planId.toUpperCase(), leadUnitId: org.districtId.toUpperCase() }));
      expect(second.planId).toBe(org.planId);
    });
  });

  describe('circulars scoped to units', () => {
    it('an owner outside the plan gets 404 on its circular (all formats) and does not list it; a unit sees its own rows and the ranking; the office and leaders see all', async () => {
      const [zm, js] = [org.districtId, org.otherDistrictId];
      await createProject(stack, org.coordinator, genericProject(org, { name: '中牟县项目' }));
      await createProject(stack, org.coordinator, genericProject(org, { name: '金水区项目', leadUnitId: js, ownerUserId: org.otherOwnerId }));
      for (const [unitId, title] of [[zm, '中牟县整改事项'], [js, '金水区整改事项']]) {
        await stack.http.post('/api/rectifications').set('Authorization', org.coordinator)
          .send({ planId: org.planId, unitId, title, description: '按督查意见整改', source: 'inspection', dueDate: '2027-06-30' }).expect(201);
      }
      // Past the per-minute limit of the test above, if it ran within the minute.
      const issue = async () => {
        for (;;) {
          const res = await stack.http.post('/api/circulars').set('Authorization', org.coordinator).send({ planId: org.planId });
          if (res.status === 201) return res.body;
          expect(res.status).toBe(429);
          await new Promise((r) => setTimeout(r, Number(res.headers['retry-after']) * 1000));
        }
      };
      const circular = await issue();
      const titles = (c: { rectifications: Array<{ title: string }> }) => c.rectifications.map((r) => r.title).sort();

      const full = (await stack.http.get(`/api/circulars/${circular.id}`).set('Authorization', org.leader).expect(200)).body;
      expect(titles(full)).toEqual(['中牟县整改事项', '金水区整改事项']);
      const other = await newUser('other-plan-coordinator', 'coordinator', org.cityId);
      expect(titles((await stack.http.get(`/api/circulars/${circular.id}`).set('Authorization', other.auth).expect(200)).body)).toEqual(titles(full));

      const mine = (await stack.http.get(`/api/circulars/${circular.id}`).set('Authorization', org.otherOwner).expect(200)).body;
      expect(titles(mine)).toEqual(['金水区整改事项']);
      expect(mine.ranking.map((r: { unitId: string }) => r.unitId).sort()).toEqual(full.ranking.map((r: { unitId: string }) => r.unitId).sort());
      const html = await stack.http.get(`/api/circulars/${circular.id}?format=html`).set('Authorization', org.otherOwner).expect(200);
      expect(html.text).toContain('金水区整改事项');
      expect(html.text).not.toContain('中牟县整改事项');

      const outsider = await newUser('school-owner', 'owner', org.schoolId);
      for (const format of ['json', 'xlsx', 'html']) {
        expectProblem(await stack.http.get(`/api/circulars/${circular.id}?format=${format}`).set('Authorization', outsider.auth), 404);
      }
      expect((await stack.http.get('/api/circulars').set('Authorization', outsider.auth).expect(200)).body.total).toBe(0);
      expectProblem(await stack.http.get(`/api/plans/${org.planId}/dispatch-rounds`).set('Authorization', outsider.auth), 404);
      expectProblem(await stack.http.get(`/api/plans/${org.planId}/dispatch-schedule`).set('Authorization', outsider.auth), 404);
      expect((await stack.http.get('/api/circulars').set('Authorization', org.otherOwner).expect(200)).body.items.map((c: { id: string }) => c.id)).toContain(circular.id);
    });
  });

  describe('headers', () => {
    it('headers present: nosniff, frame options, CSP, no-store, and no X-Powered-By', async () => {
      for (const res of [await stack.http.get('/api/projects').set('Authorization', org.leader), await stack.http.get('/health'), await stack.http.get('/api/projects')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });
});

describe('the default admin password outside the demo, and docs and metrics in production', () => {
  const { stack } = useTestStack({ env: { ADMIN_PASSWORD: '', METRICS_ACCESS: 'admin', API_DOCS_ACCESS: 'off' }, org: false });

  it('the admin must change the default password first: other routes answer 403 error.password-change-required', async () => {
    const res = await stack.http.post('/api/auth/login').send({ username: 'admin', password: 'admin-supervision' }).expect(200);
    expect(res.body.mustChangePassword).toBe(true);
    const auth = `Bearer ${res.body.accessToken}`;
    const refused = await refusedWithoutChange(stack, () => stack.http.post('/api/units').set('Authorization', auth).send(unit), 403);
    expect(refused.body.code).toBe('error.password-change-required');
    expect(refused.body.message).toBe('请先修改初始密码（POST /api/auth/password），再进行其他操作');
    expect((await stack.http.get('/api/users/me').set('Authorization', auth).expect(200)).body.mustChangePassword).toBe(true);
    const changed = await stack.http.post('/api/auth/password').set('Authorization', auth).send({ currentPassword: 'admin-supervision', newPassword: 'county-bureau-keeper-7' }).expect(200);
    expect(changed.body.mustChangePassword).toBe(false);
    await stack.http.post('/api/units').set('Authorization', `Bearer ${changed.body.accessToken}`).send(unit).expect(201);
  });

  it('metrics need an admin token; the API docs are off', async () => {
    expectProblem(await stack.http.get('/metrics'), 401);
    const admin = await login(stack, 'admin', 'county-bureau-keeper-7');
    await stack.http.get('/metrics').set('Authorization', admin).expect(200);
    expect((await stack.http.get('/api/docs-json').set('Authorization', admin)).status).toBe(404);
  });
});
