import { Injectable } from '@nestjs/common';
import {
  answerRectificationUpdate, AnswerRectificationInput, RectificationSnapshot, RectificationSpec, rectificationSyncUpdate, rectificationWorkflowId,
  verifyRectificationUpdate, VerifyRectificationInput,
} from '../../../../workflows/rectification/rectification.messages';
import { rectificationWorkflow } from '../../../../workflows/rectification/rectification.workflow';
import { startOnce } from './start-once';
import { TemporalGateway } from './temporal.gateway';

/** The typed way into rectification workflows. */
@Injectable()
export class RectificationGateway extends TemporalGateway {
  start(spec: RectificationSpec): Promise<RectificationSnapshot> {
    const options = { workflowId: rectificationWorkflowId(spec.rectificationId), taskQueue: this.config.temporal.taskQueue, args: [{ spec }] as Parameters<typeof rectificationWorkflow> };
    return this.within(() => startOnce(this.client, rectificationWorkflow, options, rectificationSyncUpdate));
  }

  answer(id: string, input: AnswerRectificationInput): Promise<RectificationSnapshot> {
    return this.within(() => this.handle(id).executeUpdate(answerRectificationUpdate, { args: [input], updateId: input.requestId }));
  }

  verify(id: string, input: VerifyRectificationInput): Promise<RectificationSnapshot> {
    return this.within(() => this.handle(id).executeUpdate(verifyRectificationUpdate, { args: [input], updateId: input.requestId }));
  }

  private handle(id: string) {
    return this.client.workflow.getHandle(rectificationWorkflowId(id));
  }
}
