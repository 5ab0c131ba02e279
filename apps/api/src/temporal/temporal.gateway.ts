import { Inject } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { waitMillis } from '../common/wait';

/** What every gateway shares: the client, the settings, and the bound on each wait (past it, DEADLINE_EXCEEDED: a 503). */
export abstract class TemporalGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) protected readonly client: Client,
    @Inject(APP_CONFIG) protected readonly config: AppConfig,
  ) {}

  /** Runs fn with every Temporal call in it bounded by the API's wait timeout. */
  protected within<R>(fn: () => Promise<R>): Promise<R> {
    return this.client.withDeadline(Date.now() + waitMillis(this.config), fn);
  }
}
