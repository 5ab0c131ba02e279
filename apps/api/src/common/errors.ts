import type { MessageParams } from '../../../../libs/i18n/src';

/** Errors the use-cases throw; the exception filter turns them into HTTP answers. */
export interface FieldProblem {
  field: string;
  message: string;
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
export class NotFoundError extends AppError {
  constructor(message: string, field?: string) {
    super(404, message, field ? [{ field, message }] : undefined);
  }
}
export class InvalidInputError extends AppError {
  constructor(message: string, details?: FieldProblem[]) {
    super(400, message, details);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(409, message, field ? [{ field, message }] : undefined);
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
