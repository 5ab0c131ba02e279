import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import request from 'supertest';
import { assignRequestId } from './request-id';
import { requestLogParams } from './request-log';

@Controller()
class SampleController {
  @Get('api/projects') list() {
    return { items: [] };
  }
  @Post('api/projects') @HttpCode(201) create() {
    return { id: 'p1' };
  }
  @Get('health') health() {
    return { status: 'up' };
  }
}

/** A Nest app with the API's request logs, writing its lines into `lines`. */
async function appLoggingInto(lines: Array<Record<string, any>>, level = 'info') {
  const logger = pino({ level, base: { service: 'api' } }, { write: (line: string) => lines.push(JSON.parse(line)) });
  @Module({ imports: [LoggerModule.forRoot(requestLogParams(logger))], controllers: [SampleController] })
  class SampleModule {}
  const app = (await Test.createTestingModule({ imports: [SampleModule] }).compile()).createNestApplication({ logger: false });
  app.use(assignRequestId);
  await app.init();
  return app;
}

describe('request logs', () => {
  it('one line per request: method, path without query, status, duration and the request id answered in X-Request-Id', async () => {
    const lines: Array<Record<string, any>> = [];
    const app = await appLoggingInto(lines);
    try {
      const res = await request(app.getHttpServer()).get('/api/projects?search=学校&token=secret').set('Authorization', 'Bearer top-secret').expect(200);
      const missing = await request(app.getHttpServer()).get('/api/nowhere').set('X-Request-Id', 'caller-chosen-id-1').expect(404);
      expect(missing.headers['x-request-id']).toBe('caller-chosen-id-1');
      await request(app.getHttpServer()).post('/api/projects').set('Authorization', 'Bearer top-secret').send({ name: '正文不记' }).expect(201);
      expect(lines).toHaveLength(3);
      expect(lines[0]).toMatchObject({ level: 30, service: 'api', requestId: res.headers['x-request-id'], req: { method: 'GET', path: '/api/projects' }, res: { status: 200 }, msg: 'GET /api/projects 200' });
      expect(lines[0].durationMs).toEqual(expect.any(Number));
      expect(lines[1]).toMatchObject({ requestId: 'caller-chosen-id-1', req: { method: 'GET', path: '/api/nowhere' }, res: { status: 404 } });
      expect(lines[2]).toMatchObject({ req: { method: 'POST', path: '/api/projects' }, res: { status: 201 } });
      const text = JSON.stringify(lines);
      for (const secret of ['top-secret', 'Bearer', 'token=secret', '正文不记', 'authorization']) expect(text).not.toContain(secret);
    } finally {
      await app.close();
    }
  });

  it('a successful probe is debug detail, so LOG_LEVEL=info keeps probes out', async () => {
    const lines: Array<Record<string, any>> = [];
    const app = await appLoggingInto(lines);
    try {
      await request(app.getHttpServer()).get('/health').expect(200);
      await request(app.getHttpServer()).get('/api/projects').expect(200);
      expect(lines.map((l) => l.msg)).toEqual(['GET /api/projects 200']);
    } finally {
      await app.close();
    }
  });

  it('says nothing at LOG_LEVEL=silent, as the tests run', async () => {
    const lines: Array<Record<string, any>> = [];
    const app = await appLoggingInto(lines, 'silent');
    try {
      await request(app.getHttpServer()).get('/api/projects').expect(200);
      expect(lines).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
