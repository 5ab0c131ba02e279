import { Controller, Get, Header, Inject, Injectable, Module, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../../libs/config/src';
import { Public } from '../../common/auth';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../../common/tokens';

type Check = { status: 'up' | 'down'; latencyMs?: number; error?: string };

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
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  async check() {
    const [database, temporal] = await Promise.all([
      probe(() => this.ds.query('SELECT 1')),
      probe(() => this.temporal.workflowService.getSystemInfo({})),
    ]);
    const up = database.status === 'up' && temporal.status === 'up';
    return { status: up ? 'up' : 'down', api: { status: 'up' as const }, database, temporal: { ...temporal, address: this.config.temporal.address, namespace: this.config.temporal.namespace } };
  }

  async metrics(): Promise<string> {
    const rows: Array<{ status: string; n: number }> = await this.ds.query('SELECT status, count(*)::int AS n FROM projects GROUP BY status');
    this.projectsByStatus.reset();
    for (const r of rows) this.projectsByStatus.set({ status: r.status }, r.n);
    return this.registry.metrics();
  }
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public() @Get('health')
  async check(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const report = await this.health.check();
    res.status(report.status === 'up' ? 200 : 503);
    return report;
  }

  @Public() @Get('metrics') @Header('Content-Type', 'text/plain; version=0.0.4')
  metrics() {
    return this.health.metrics();
  }
}

@Module({ controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
