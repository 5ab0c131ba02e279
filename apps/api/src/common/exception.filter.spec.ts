import { Logger } from '@nestjs/common';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { loadConfig } from '../../../../libs/config/src';
import { AllExceptionsFilter } from './exception.filter';

function answer(exception: unknown) {
  const res = { headers: {} as Record<string, string>, statusCode: 0, body: undefined as any };
  const http = {
    getResponse: () => ({
      setHeader: (k: string, v: string) => (res.headers[k] = v),
      status(code: number) {
        res.statusCode = code;
        return this;
      },
      json: (b: unknown) => (res.body = b),
    }),
    getRequest: () => ({ headers: {}, id: 'req-0123456789' }),
  };
  new AllExceptionsFilter(loadConfig({ API_WAIT_TIMEOUT: 'PT10S' })).catch(exception, { switchToHttp: () => http } as never);
  return res;
}

describe('the exception filter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('answers a defect with 500 carrying the request id as correlation id', () => {
    const res = answer(new TypeError('x is undefined'));
    expect(res.statusCode).toBe(500);
    expect(res.body).toMatchObject({ statusCode: 500, correlationId: 'req-0123456789' });
    expect(JSON.stringify(res.body)).not.toContain('x is undefined');
  });

  it('answers a database that refuses connections with 503, Retry-After and the dependency named', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });
    for (const e of [refused, new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))]) {
      const res = answer(e);
      expect(res.statusCode).toBe(503);
      expect(res.headers['Retry-After']).toMatch(/^\d+$/);
      expect(res.body.message).toMatch(/database/);
    }
  });

  it('answers an Update not taken in time with 503 naming Temporal and telling to retry with the same key', () => {
    const res = answer(new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'));
    expect(res.statusCode).toBe(503);
    expect(res.body.message).toMatch(/Temporal.*10 s.*Idempotency-Key/);
  });

  it('leaves a query error that is not an outage a defect', () => {
    expect(answer(new QueryFailedError('SELECT x', [], Object.assign(new Error('column "x" does not exist'), { code: '42703' }))).statusCode).toBe(500);
  });
});
