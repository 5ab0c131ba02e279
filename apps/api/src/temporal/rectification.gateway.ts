import { Injectable } from '@nestjs/common';
import {
  answerRectificationUpdate, AnswerRectificationInput, RectificationSnapshot, RectificationSpec, rectificationSyncUpdate, rectificationWorkflowId,
  verifyRectificationUpdate, VerifyRectificationInput,
} from '../../../../workflows/rectification/rectification.messages';
import { rectificationWorkflow } from '../../../../workflows/rectification/rectification.workflow';
import { TemporalGateway } from './temporal.gateway';

/** The typed way into rectification workflows. */
@Injectable()
export class RectificationGateway extends TemporalGateway {
  start(spec: RectificationSpec): Promise<RectificationSnapshot> {
    return this.startEntity(rectificationWorkflow, rectificationWorkflowId(spec.rectificationId), [{ spec }], rectificationSyncUpdate);
  }

  answer(id: string, input: AnswerRectificationInput): Promise<RectificationSnapshot> {
    return this.update(rectificationWorkflowId(id), answerRectificationUpdate, input);
  }

  verify(id: string, input: VerifyRectificationInput): Promise<RectificationSnapshot> {
    return this.update(rectificationWorkflowId(id), verifyRectificationUpdate, input);
  }
}
