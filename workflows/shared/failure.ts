import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_TYPES } from '../project/project.messages';

export { FAILURE_TYPES };

/** Rejects an update with a type the API maps to an HTTP status, naming the field at fault. */
export function fail(type: (typeof FAILURE_TYPES)[keyof typeof FAILURE_TYPES], message: string, field?: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: field ? [{ field }] : [] });
}
