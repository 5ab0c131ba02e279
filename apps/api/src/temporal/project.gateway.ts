import { Injectable } from '@nestjs/common';
import { projectWorkflowId } from '../../../../libs/contracts/src';
import type { ProjectSnapshot, ProjectSpec } from '../../../../libs/contracts/src/project';
import {
  amendMilestonesUpdate, AmendMilestonesInput, closeProjectUpdate, CloseProjectInput, decideExtensionUpdate, DecideExtensionInput,
  ExtensionResult, ReportResult, requestExtensionUpdate, RequestExtensionInput, reviewReportUpdate, ReviewReportInput,
  calendarChangedSignal, snapshotQuery, submitReportUpdate, SubmitReportInput, SyncResult, syncUpdate, ProjectWorkflowInput,
} from '../../../../workflows/project/project.messages';
import { projectWorkflow } from '../../../../workflows/project/project.workflow';
import { TemporalGateway } from './temporal.gateway';

/** The typed way into project workflows: started and called by function and definition, never by name. */
@Injectable()
export class ProjectGateway extends TemporalGateway {
  /** Starts the project's workflow (a repeat with the same project id is not an error) and waits until the read model has it. */
  start(spec: ProjectSpec, plans?: ProjectWorkflowInput['plans']): Promise<SyncResult> {
    return this.startEntity(projectWorkflow, projectWorkflowId(spec.projectId), [{ spec, ...(plans && { plans }) }], syncUpdate);
  }

  private handle(projectId: string) {
    return this.client.workflow.getHandle(projectWorkflowId(projectId));
  }

  submitReport(projectId: string, input: SubmitReportInput): Promise<ReportResult> {
    return this.update(projectWorkflowId(projectId), submitReportUpdate, input);
  }
  reviewReport(projectId: string, input: ReviewReportInput): Promise<ReportResult> {
    return this.update(projectWorkflowId(projectId), reviewReportUpdate, input);
  }
  requestExtension(projectId: string, input: RequestExtensionInput): Promise<ExtensionResult> {
    return this.update(projectWorkflowId(projectId), requestExtensionUpdate, input);
  }
  decideExtension(projectId: string, input: DecideExtensionInput): Promise<ExtensionResult> {
    return this.update(projectWorkflowId(projectId), decideExtensionUpdate, input);
  }
  amendMilestones(projectId: string, input: AmendMilestonesInput): Promise<ProjectSnapshot> {
    return this.update(projectWorkflowId(projectId), amendMilestonesUpdate, input);
  }
  close(projectId: string, input: CloseProjectInput): Promise<ProjectSnapshot> {
    return this.update(projectWorkflowId(projectId), closeProjectUpdate, input);
  }
  snapshot(projectId: string): Promise<ProjectSnapshot> {
    return this.within(() => this.handle(projectId).query(snapshotQuery));
  }
  /** Tells the project to re-plan its reminders and escalations on the changed working-day calendar. */
  async calendarChanged(projectId: string): Promise<void> {
    await this.within(() => this.handle(projectId).signal(calendarChangedSignal));
  }
}
