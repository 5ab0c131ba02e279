import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { TemporalProbe } from '../../temporal/temporal.probe';
import { HealthRepository } from './health.repository';

/** A dependency that does not answer within this bound counts as down: a probe never hangs. */
const PROBE_TIMEOUT_MS = 3000;

/** Runs one probe under `key`: up with its latency, or down with the reason. */
async function probe<Key extends string>(indicators: HealthIndicatorService, key: Key, ping: () => Promise<unknown>, extra: Record<string, unknown> = {}): Promise<HealthIndicatorResult<Key>> {
  const session = indicators.check(key);
  const start = process.hrtime.bigint();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([ping(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000}s`)), PROBE_TIMEOUT_MS)))]);
    return session.up({ latencyMs: Number(process.hrtime.bigint() - start) / 1e6, ...extra });
  } catch (err) {
    return session.down({ error: (err as Error).message, ...extra });
  } finally {
    clearTimeout(timer);
  }
}

/** PostgreSQL answers `SELECT 1`. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: HealthRepository,
  ) {}

  isHealthy(key: 'database' = 'database') {
    return probe(this.indicators, key, () => this.db.ping());
  }
}

/** The Temporal frontend answers GetSystemInfo; the answer names the address and namespace the API uses. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly temporal: TemporalProbe,
  ) {}

  isHealthy(key: 'temporal' = 'temporal') {
    return probe(this.indicators, key, () => this.temporal.ping(), this.temporal.target);
  }
}
