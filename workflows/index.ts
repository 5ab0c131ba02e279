// The one workflowsPath of the worker: every workflow type it runs.
export { projectWorkflow } from './project/project.workflow';
