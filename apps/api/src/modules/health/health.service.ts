import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { Check, HealthReport } from './health.dto';
import { DatabaseHealthIndicator, TemporalHealthIndicator } from './health.indicators';
import { HealthRepository } from './health.repository';

@Injectable()
export class HealthService {
  readonly registry = new Registry();
  private readonly projectsByStatus = new Gauge({ name: 'supervision_projects', help: 'Projects by status', labelNames: ['status'], registers: [this.registry] });

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
    private readonly db: HealthRepository,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Both dependencies probed at once; `up` only when both answer and the API is not shutting down. */
  async check(): Promise<HealthReport> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.database.isHealthy(), () => this.temporal.isHealthy()]);
    } catch (err) {
      // Terminus refuses with 503 carrying the same result when a dependency is down.
      if (!(err instanceof ServiceUnavailableException)) throw err;
      result = err.getResponse() as HealthCheckResult;
    }
    const details = result.details as { database: Check; temporal: HealthReport['temporal'] };
    return { status: result.status === 'ok' ? 'up' : 'down', api: { status: 'up' }, database: details.database, temporal: details.temporal };
  }

  async metrics(): Promise<string> {
    const rows = await this.db.projectsByStatus();
    this.projectsByStatus.reset();
    for (const r of rows) this.projectsByStatus.set({ status: r.status }, r.n);
    return this.registry.metrics();
  }
}
