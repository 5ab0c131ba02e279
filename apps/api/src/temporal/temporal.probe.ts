import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';

/** Whether the Temporal server answers, and where it is. */
@Injectable()
export class TemporalProbe {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ping(): Promise<void> {
    await this.client.workflowService.getSystemInfo({});
  }

  get target(): { address: string; namespace: string } {
    return { address: this.config.temporal.address, namespace: this.config.temporal.namespace };
  }
}
