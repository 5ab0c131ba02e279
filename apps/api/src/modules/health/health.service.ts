import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { TemporalProbe } from '../../temporal/temporal.probe';
import { Check, HealthReport } from './health.dto';
import { HealthRepository } from './health.repository';

async function probe(fn: () => Promise<unknown>): Promise<Check> {
  const start = process.hrtime.bigint();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3s')), 3000))]);
    return { status: 'up', latencyMs: Number(process.hrtime.bigint() - start) / 1e6 };
  } catch (err) {
    return { status: 'down', error: (err as Error).message };
  }
}

@Injectable()
export class HealthService {
  readonly registry = new Registry();
  private readonly projectsByStatus = new Gauge({ name: 'supervision_projects', help: 'Projects by status', labelNames: ['status'], registers: [this.registry] });

  constructor(
    private readonly db: HealthRepository,
    private readonly temporal: TemporalProbe,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  async check(): Promise<HealthReport> {
    const [database, temporal] = await Promise.all([probe(() => this.db.ping()), probe(() => this.temporal.ping())]);
    const up = database.status === 'up' && temporal.status === 'up';
    return { status: up ? 'up' : 'down', api: { status: 'up' as const }, database, temporal: { ...temporal, ...this.temporal.target } };
  }

  async metrics(): Promise<string> {
    const rows = await this.db.projectsByStatus();
    this.projectsByStatus.reset();
    for (const r of rows) this.projectsByStatus.set({ status: r.status }, r.n);
    return this.registry.metrics();
  }
}
