import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Workflow } from '@temporalio/workflow';

/**
 * Starts an entity workflow whose id names one entity for ever (a repeat with the same id is not an error,
 * a finished one is never started again), then waits on its sync Update: the answer comes once the
 * workflow has planned its deadlines and written the read model.
 */
export async function startOnce<W extends Workflow, R>(
  client: Client,
  workflow: W,
  options: { workflowId: string; taskQueue: string; args: Parameters<W> },
  sync: UpdateDefinition<R, []>,
): Promise<R> {
  try {
    await client.workflow.start(workflow, { ...options, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE } as never);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return client.workflow.getHandle(options.workflowId).executeUpdate(sync, { args: [] });
}
