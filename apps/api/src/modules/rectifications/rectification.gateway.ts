import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import type { AppConfig } from '../../../../../libs/config/src';
import {
  answerRectificationUpdate, AnswerRectificationInput, RectificationSnapshot, RectificationSpec, rectificationSyncUpdate, rectificationWorkflowId,
  verifyRectificationUpdate, VerifyRectificationInput,
} from '../../../../../workflows/rectification/rectification.messages';
import { rectificationWorkflow } from '../../../../../workflows/rectification/rectification.workflow';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../../common/tokens';

/** The typed way into rectification workflows. */
@Injectable()
export class RectificationGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(spec: RectificationSpec): Promise<RectificationSnapshot> {
    const workflowId = rectificationWorkflowId(spec.rectificationId);
    try {
      await this.client.workflow.start(rectificationWorkflow, {
        workflowId, taskQueue: this.config.temporal.taskQueue, args: [{ spec }], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
    }
    return this.handle(spec.rectificationId).executeUpdate(rectificationSyncUpdate, { args: [] });
  }

  answer(id: string, input: AnswerRectificationInput): Promise<RectificationSnapshot> {
    return this.handle(id).executeUpdate(answerRectificationUpdate, { args: [input], updateId: input.requestId });
  }

  verify(id: string, input: VerifyRectificationInput): Promise<RectificationSnapshot> {
    return this.handle(id).executeUpdate(verifyRectificationUpdate, { args: [input], updateId: input.requestId });
  }

  private handle(id: string) {
    return this.client.workflow.getHandle(rectificationWorkflowId(id));
  }
}
