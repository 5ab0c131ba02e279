import { Injectable } from '@nestjs/common';
import { TemporalGateway } from './temporal.gateway';

/** Whether the Temporal server answers, and where it is. */
@Injectable()
export class TemporalProbe extends TemporalGateway {
  async ping(): Promise<void> {
    await this.client.workflowService.getSystemInfo({});
  }

  get target(): { address: string; namespace: string } {
    return { address: this.config.temporal.address, namespace: this.config.temporal.namespace };
  }
}
