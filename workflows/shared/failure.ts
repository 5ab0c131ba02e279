import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { FAILURE_TYPES } from '../project/project.messages';

export { FAILURE_TYPES };

/** Rejects an update with a type the API maps to an HTTP status, naming the field at fault. */
export function fail(
  type: (typeof FAILURE_TYPES)[keyof typeof FAILURE_TYPES],
  message: string,
  field?: string,
  text?: { code: string; params: Record<string, string | number | boolean | undefined> },
): never {
  // `text`: the refusal as a message code with params (a conflict's `conflict.*`, a field's `field.*`), so the API
  // answers in the caller's language.
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: field ? [{ field, ...text }] : text ? [text] : [] });
}

/**
 * Awaits an activity and rethrows a deterministic refusal (a non-retryable ApplicationFailure such as a date out of
 * bounds) as itself, so an Update that meets it fails with its type and field instead of an opaque activity failure.
 */
export async function unwrapped<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) throw err.cause;
    throw err;
  }
}
