import { Injectable } from '@nestjs/common';
import { ScheduleNotFoundError, ScheduleOverlapPolicy, ScheduleSpec, WorkflowIdReusePolicy } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { circularWorkflow } from '../../../../workflows/dispatch/circular.workflow';
import { dispatchRoundWorkflow } from '../../../../workflows/dispatch/dispatch-round.workflow';
import { circularWorkflowId, CircularWorkflowInput, dispatchRoundWorkflowId, dispatchScheduleId, roundOpenedUpdate, scheduledRoundWorkflowId } from '../../../../workflows/dispatch/dispatch.messages';
import type { IssuedCircular } from '../../../../activities/circulars/circulars.activities.interface';
import { TemporalGateway } from './temporal.gateway';

/** A run missed while the server was down is still taken if at most this late; overlap SKIP keeps it to one. */
export const DISPATCH_CATCHUP_WINDOW: Duration = '1 day';

export interface DispatchScheduleState {
  paused: boolean;
  nextRuns: string[];
  recentRuns: Array<{ scheduledAt: string; workflowId: string }>;
  spec: unknown;
  policies: { overlap: string; catchupWindowMs: number };
}

/** The typed way into dispatch schedules, rounds and circulars on Temporal. */
@Injectable()
export class DispatchGateway extends TemporalGateway {
  /** Creates the plan's schedule or replaces its spec and action; pauses or resumes it. */
  putSchedule(planId: string, spec: ScheduleSpec, reportingWindow: string, paused: boolean): Promise<void> {
    return this.within(async () => {
      const scheduleId = dispatchScheduleId(planId);
      const action = {
        type: 'startWorkflow' as const,
        workflowType: dispatchRoundWorkflow,
        // The schedule appends the scheduled time to this id, so each run is its own workflow.
        workflowId: scheduledRoundWorkflowId(planId),
        taskQueue: this.config.temporal.taskQueue,
        args: [{ planId, reportingWindow, trigger: 'schedule' as const }] as [Parameters<typeof dispatchRoundWorkflow>[0]],
      };
      const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: DISPATCH_CATCHUP_WINDOW, pauseOnFailure: false };
      const handle = this.client.schedule.getHandle(scheduleId);
      try {
        await handle.update((previous) => ({ ...previous, spec, action, policies, state: { ...previous.state, paused } }));
      } catch (err) {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
        await this.client.schedule.create({ scheduleId, spec, action, policies, state: { paused, note: `Dispatch rounds of plan ${planId}` } });
      }
    });
  }

  describeSchedule(planId: string): Promise<DispatchScheduleState | undefined> {
    return this.within(async () => {
      try {
        const d = await this.client.schedule.getHandle(dispatchScheduleId(planId)).describe();
        return {
          paused: d.state.paused,
          nextRuns: d.info.nextActionTimes.map((t) => t.toISOString()),
          recentRuns: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), workflowId: a.action.workflow.workflowId })),
          spec: d.spec,
          policies: { overlap: d.policies.overlap ?? 'SKIP', catchupWindowMs: d.policies.catchupWindow },
        };
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return undefined;
        throw err;
      }
    });
  }

  /** Deletes the schedule; false when there was none. Rounds already running go on. */
  deleteSchedule(planId: string): Promise<boolean> {
    return this.within(async () => {
      try {
        await this.client.schedule.getHandle(dispatchScheduleId(planId)).delete();
        return true;
      } catch (err) {
        if (err instanceof ScheduleNotFoundError) return false;
        throw err;
      }
    });
  }

  /** Starts a round at once and waits until it is recorded. */
  startRound(input: { roundId: string; planId: string; reportingWindow: string; startedBy: string }): Promise<string> {
    return this.within(async () => {
      const workflowId = dispatchRoundWorkflowId(input.roundId);
      const handle = await this.client.workflow
        .start(dispatchRoundWorkflow, {
          workflowId, taskQueue: this.config.temporal.taskQueue, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          args: [{ ...input, trigger: 'manual' }],
        })
        .catch((err) => {
          if ((err as Error).name === 'WorkflowExecutionAlreadyStartedError') return this.client.workflow.getHandle(workflowId);
          throw err;
        });
      return handle.executeUpdate(roundOpenedUpdate, { args: [] }).catch(async (err) => {
        // A finished round takes no updates: it was recorded long ago.
        if ((await handle.describe()).status.name !== 'RUNNING') return input.roundId;
        throw err;
      });
    });
  }

  /** Issues a circular and waits until it is stored and its notices are out. */
  issueCircular(input: CircularWorkflowInput): Promise<IssuedCircular> {
    return this.within(async () => {
      const workflowId = circularWorkflowId(input.issueKey);
      try {
        return await this.client.workflow.execute(circularWorkflow, {
          workflowId, taskQueue: this.config.temporal.taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
      } catch (err) {
        if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
        return this.client.workflow.getHandle<typeof circularWorkflow>(workflowId).result();
      }
    });
  }
}
