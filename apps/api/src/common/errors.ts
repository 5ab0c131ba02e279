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
/** A field's problem with the catalogue code (and params) that says it to a reader in the reader's language. */
export interface CodedFieldProblem extends FieldProblem {
  code?: string;
  params?: MessageParams;
}

/** 400 naming every field; the message says the first coded problem in the caller's language (the details stay precise English). */
export function invalidInput(problems: CodedFieldProblem[]): AppError {
  const coded = problems.find((p) => p.code);
  return new AppError(400, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems.map(({ field, message }) => ({ field, message })), coded?.code, coded?.params);
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
