import type { RetryPolicy } from '@temporalio/workflow';

/** No maximum attempts: a database or Temporal outage delays a step, never loses it. */
export const RETRY_UNTIL_DONE: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' };
