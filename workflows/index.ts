// The one workflowsPath of the worker: every workflow type it runs.
export { projectWorkflow } from './project/project.workflow';
export { dispatchRoundWorkflow } from './dispatch/dispatch-round.workflow';
export { circularWorkflow } from './dispatch/circular.workflow';
export { rectificationWorkflow } from './rectification/rectification.workflow';
export { deliveryWorkflow } from './shared/delivery.workflow';
