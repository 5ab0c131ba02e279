import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { TemporalProbe } from '../../temporal/temporal.probe';
import { DatabaseHealthIndicator, TemporalHealthIndicator } from './health.indicators';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/** The health answer built on Terminus's indicators, with the database and Temporal replaced by stand-ins. */
async function healthWith(db: () => Promise<void>, temporal: () => Promise<void>) {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    providers: [
      HealthService,
      DatabaseHealthIndicator,
      TemporalHealthIndicator,
      { provide: HealthRepository, useValue: { ping: db, projectsByStatus: async () => [] } },
      { provide: TemporalProbe, useValue: { ping: temporal, target: { address: '127.0.0.1:7233', namespace: 'default' } } },
    ],
  }).compile();
  return moduleRef.get(HealthService);
}

const answers = async () => undefined;

describe('health on Terminus indicators', () => {
  it('is up with each dependency up and timed, and names where Temporal is', async () => {
    const report = await (await healthWith(answers, answers)).check();
    expect(report).toEqual({
      status: 'up',
      api: { status: 'up' },
      database: { status: 'up', latencyMs: expect.any(Number) },
      temporal: { status: 'up', latencyMs: expect.any(Number), address: '127.0.0.1:7233', namespace: 'default' },
    });
  });

  it('is down when PostgreSQL refuses, naming the database and its error, with Temporal still up', async () => {
    const report = await (await healthWith(() => Promise.reject(new Error('database "x" is not currently accepting connections')), answers)).check();
    expect(report.status).toBe('down');
    expect(report.database).toEqual({ status: 'down', error: 'database "x" is not currently accepting connections' });
    expect(report.temporal.status).toBe('up');
  });

  it('is down within the bound when Temporal does not answer at all', async () => {
    const started = Date.now();
    const report = await (await healthWith(answers, () => new Promise<void>(() => undefined))).check();
    expect(Date.now() - started).toBeLessThan(4000);
    expect(report.status).toBe('down');
    expect(report.temporal).toEqual({ status: 'down', error: 'no answer within 3s', address: '127.0.0.1:7233', namespace: 'default' });
    expect(report.database.status).toBe('up');
  });
});
