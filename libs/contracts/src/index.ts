// Pure contracts shared by the API, the worker and workflows: no I/O, no Node built-ins.
export * from './project';

export const DEFAULT_TASK_QUEUE = 'supervision';

/** One workflow per key project, its id derived from the project id. */
export function projectWorkflowId(projectId: string): string {
  return `project-${projectId}`;
}

/** One workflow per email or webhook delivery row, so a delivery is attempted by one workflow at a time. */
export function deliveryWorkflowId(deliveryId: string): string {
  return `delivery-${deliveryId}`;
}
export * from './search-attributes';
