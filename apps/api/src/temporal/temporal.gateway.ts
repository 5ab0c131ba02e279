import { Inject } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Workflow } from '@temporalio/workflow';
import type { AppConfig } from '../../../../libs/config/src';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { waitMillis } from '../common/wait';
import { startOnce } from './start-once';

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

  /** Starts the entity workflow `workflowId` on the API's task queue once (see `startOnce`) and answers with its sync Update. */
  protected startEntity<W extends Workflow, R>(workflow: W, workflowId: string, args: Parameters<W>, sync: UpdateDefinition<R, []>): Promise<R> {
    return this.within(() => startOnce(this.client, workflow, { workflowId, taskQueue: this.config.temporal.taskQueue, args }, sync));
  }

  /** The request id doubles as Temporal's update id, so a retried call is deduplicated by the server too. */
  protected update<R, A extends { requestId: string }>(workflowId: string, def: UpdateDefinition<R, [A]>, input: A): Promise<R> {
    return this.within(() => this.client.workflow.getHandle(workflowId).executeUpdate(def, { args: [input], updateId: input.requestId }));
  }
}
