import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AppConfig } from '../../../../libs/config/src';
import {
  answerRectificationUpdate, AnswerRectificationInput, RectificationSnapshot, RectificationSpec, rectificationSyncUpdate, rectificationWorkflowId,
  verifyRectificationUpdate, VerifyRectificationInput,
} from '../../../../workflows/rectification/rectification.messages';
import { rectificationWorkflow } from '../../../../workflows/rectification/rectification.workflow';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { startOnce } from './start-once';

/** The typed way into rectification workflows. */
@Injectable()
export class RectificationGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  start(spec: RectificationSpec): Promise<RectificationSnapshot> {
    const options = { workflowId: rectificationWorkflowId(spec.rectificationId), taskQueue: this.config.temporal.taskQueue, args: [{ spec }] as Parameters<typeof rectificationWorkflow> };
    return startOnce(this.client, rectificationWorkflow, options, rectificationSyncUpdate);
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
