import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Workflow } from '@temporalio/workflow';

/**
 * Starts an entity workflow whose id names one entity for ever (a repeat with the same id is not an error,
 * a finished one is never started again) and waits on its sync Update: the answer comes once the workflow has
 * planned its deadlines and written the read model. Start and Update go in one request (update-with-start):
 * one round trip to the server instead of two, and the first workflow task already carries the Update.
 */
export async function startOnce<W extends Workflow, R>(
  client: Client,
  workflow: W,
  options: { workflowId: string; taskQueue: string; args: Parameters<W> },
  sync: UpdateDefinition<R, []>,
): Promise<R> {
  const startWorkflowOperation = new WithStartWorkflowOperation(workflow, {
    ...options,
    // Running already (a repeat): the Update goes to it. Finished: the start is refused, as before.
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  } as never);
  try {
    return await client.workflow.executeUpdateWithStart(sync, { args: [], startWorkflowOperation });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  // The workflow has finished: its sync Update answers (or fails) as it would for any closed workflow.
  return client.workflow.getHandle(options.workflowId).executeUpdate(sync, { args: [] });
}
