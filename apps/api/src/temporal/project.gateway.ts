import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AppConfig } from '../../../../libs/config/src';
import { projectWorkflowId } from '../../../../libs/contracts/src';
import type { ProjectSnapshot, ProjectSpec } from '../../../../libs/contracts/src/project';
import {
  amendMilestonesUpdate, AmendMilestonesInput, closeProjectUpdate, CloseProjectInput, decideExtensionUpdate, DecideExtensionInput,
  ExtensionResult, ReportResult, requestExtensionUpdate, RequestExtensionInput, reviewReportUpdate, ReviewReportInput,
  calendarChangedSignal, snapshotQuery, submitReportUpdate, SubmitReportInput, syncUpdate,
} from '../../../../workflows/project/project.messages';
import { projectWorkflow } from '../../../../workflows/project/project.workflow';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { startOnce } from './start-once';

/** The typed way into project workflows: started and called by function and definition, never by name. */
@Injectable()
export class ProjectGateway {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the project's workflow (a repeat with the same project id is not an error) and waits until the read model has it. */
  start(spec: ProjectSpec): Promise<ProjectSnapshot> {
    return startOnce(this.client, projectWorkflow, { workflowId: projectWorkflowId(spec.projectId), taskQueue: this.config.temporal.taskQueue, args: [{ spec }] }, syncUpdate);
  }

  private handle(projectId: string) {
    return this.client.workflow.getHandle(projectWorkflowId(projectId));
  }

  /** The request id doubles as Temporal's update id, so a retried call is deduplicated by the server too. */
  private update<R, A extends { requestId: string }>(projectId: string, def: UpdateDefinition<R, [A]>, input: A): Promise<R> {
    return this.handle(projectId).executeUpdate(def, { args: [input], updateId: input.requestId });
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
    return this.handle(projectId).query(snapshotQuery);
  }
  /** Tells the project to re-plan its reminders and escalations on the changed working-day calendar. */
  async calendarChanged(projectId: string): Promise<void> {
    await this.handle(projectId).signal(calendarChangedSignal);
  }
}
