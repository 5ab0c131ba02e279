import { Injectable } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import { projectWorkflowId } from '../../../../libs/contracts/src';
import type { ProjectSnapshot, ProjectSpec } from '../../../../libs/contracts/src/project';
import {
  amendMilestonesUpdate, AmendMilestonesInput, closeProjectUpdate, CloseProjectInput, decideExtensionUpdate, DecideExtensionInput,
  ExtensionResult, ReportResult, requestExtensionUpdate, RequestExtensionInput, reviewReportUpdate, ReviewReportInput,
  calendarChangedSignal, snapshotQuery, submitReportUpdate, SubmitReportInput, syncUpdate,
} from '../../../../workflows/project/project.messages';
import { projectWorkflow } from '../../../../workflows/project/project.workflow';
import { startOnce } from './start-once';
import { TemporalGateway } from './temporal.gateway';

/** The typed way into project workflows: started and called by function and definition, never by name. */
@Injectable()
export class ProjectGateway extends TemporalGateway {
  /** Starts the project's workflow (a repeat with the same project id is not an error) and waits until the read model has it. */
  start(spec: ProjectSpec): Promise<ProjectSnapshot> {
    const options = { workflowId: projectWorkflowId(spec.projectId), taskQueue: this.config.temporal.taskQueue, args: [{ spec }] as Parameters<typeof projectWorkflow> };
    return this.within(() => startOnce(this.client, projectWorkflow, options, syncUpdate));
  }

  private handle(projectId: string) {
    return this.client.workflow.getHandle(projectWorkflowId(projectId));
  }

  /** The request id doubles as Temporal's update id, so a retried call is deduplicated by the server too. */
  private update<R, A extends { requestId: string }>(projectId: string, def: UpdateDefinition<R, [A]>, input: A): Promise<R> {
    return this.within(() => this.handle(projectId).executeUpdate(def, { args: [input], updateId: input.requestId }));
  }

  submitReport(projectId: string, input: SubmitReportInput): Promise<ReportResult> {
    return this.update(projectId, submitReportUpdate, input);
  }
  reviewReport(projectId: string, input: ReviewReportInput): Promise<ReportResult> {
    return this.update(projectId, reviewReportUpdate, input);
  }
  requestExtension(projectId: string, input: RequestExtensionInput): Promise<ExtensionResult> {
    return this.update(projectId, requestExtensionUpdate, input);
  }
  decideExtension(projectId: string, input: DecideExtensionInput): Promise<ExtensionResult> {
    return this.update(projectId, decideExtensionUpdate, input);
  }
  amendMilestones(projectId: string, input: AmendMilestonesInput): Promise<ProjectSnapshot> {
    return this.update(projectId, amendMilestonesUpdate, input);
  }
  close(projectId: string, input: CloseProjectInput): Promise<ProjectSnapshot> {
    return this.update(projectId, closeProjectUpdate, input);
  }
  snapshot(projectId: string): Promise<ProjectSnapshot> {
    return this.within(() => this.handle(projectId).query(snapshotQuery));
  }
  /** Tells the project to re-plan its reminders and escalations on the changed working-day calendar. */
  async calendarChanged(projectId: string): Promise<void> {
    await this.within(() => this.handle(projectId).signal(calendarChangedSignal));
  }
}
