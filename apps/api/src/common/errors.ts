import { isFieldReason, type MessageParams } from '../../../../libs/i18n/src';

/** Errors the use-cases throw; the exception filter turns them into HTTP answers. */
export interface FieldProblem {
  field: string;
  /** The precise English reason (logs); the answer says it from `code` and `params` in the caller's language. */
  message: string;
  /** A `field.*` (or `error.*`) code of the catalogue (libs/i18n) with its params. */
  code?: string;
  params?: MessageParams;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: FieldProblem[],
    /**
     * A message code of the catalogue (libs/i18n) where the status alone does not tell a client what to do, e.g.
     * `error.password-change-required`: the answer carries it with its params and says it in the caller's language.
     */
    readonly code?: string,
    readonly params?: MessageParams,
  ) {
    super(message);
  }
}

/** 400 naming every field; the message says the first coded problem in the caller's language, and so does each detail. */
export function invalidInput(problems: FieldProblem[]): AppError {
  // A field's own reason (`field.*`) says only that field; the message then names the fields.
  const coded = problems.find((p) => p.code && !isFieldReason(p.code));
  return new AppError(400, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems, coded?.code, coded?.params);
}

/** A field's reason as a catalogue code with params (`field.*`). */
export type Reason = { code: string; params?: MessageParams };

/** 404 naming the field that points at nothing; its detail says so in the caller's language. */
export class NotFoundError extends AppError {
  constructor(message: string, field?: string, reason: Reason = { code: 'field.not-found' }) {
    super(404, message, field ? [{ field, message, code: reason.code, params: reason.params ?? {} }] : undefined);
  }
}
export class InvalidInputError extends AppError {
  constructor(message: string, details?: FieldProblem[]) {
    super(400, message, details);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, field?: string, reason?: Reason) {
    super(409, message, field ? [{ field, message, ...(reason ? { code: reason.code, params: reason.params ?? {} } : {}) }] : undefined);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this', code?: string) {
    super(403, message, undefined, code);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first') {
    super(401, message);
  }
}
