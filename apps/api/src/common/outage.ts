import { isGrpcDeadlineError, isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { AppError } from './errors';

/** Seconds a client is asked to wait before it tries again after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export type Dependency = 'database' | 'temporal' | 'request';

/** A dependency is down or slow: 503 with Retry-After, the message naming it; never a defect. */
export class DependencyUnavailableError extends AppError {
  constructor(
    readonly dependency: Dependency,
    message: string,
  ) {
    super(503, message);
  }
}

// gRPC status codes that mean "the server is not there or did not answer": UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED.
const GRPC_OUTAGE = new Set([14, 4, 8]);
// PostgreSQL: connection exceptions (class 08), shutdown/restart (57P01–57P03), too many connections, a database closed to connections.
const PG_OUTAGE = /^(08...|57P0[123]|53300)$/;
const SOCKET_OUTAGE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const PG_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|not currently accepting connections|the database system is (starting up|shutting down)/i;

function temporalOutage(e: unknown): boolean {
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(e)) return true;
  if (isGrpcServiceError(e)) return GRPC_OUTAGE.has(e.code);
  return e instanceof ServiceError && !!e.cause && temporalOutage(e.cause);
}

function databaseOutage(e: unknown): boolean {
  const err = (e instanceof QueryFailedError ? (e as QueryFailedError & { driverError: unknown }).driverError : e) as { code?: unknown; message?: unknown } | undefined;
  if (!err || typeof err !== 'object') return false;
  if (typeof err.code === 'string' && (PG_OUTAGE.test(err.code) || SOCKET_OUTAGE.has(err.code))) return true;
  return typeof err.message === 'string' && PG_MESSAGE.test(err.message);
}

/** The outage an error stands for, if it is one; waitSeconds is the API's bound on a wait. */
export function outageOf(e: unknown, waitSeconds: number): DependencyUnavailableError | undefined {
  if (e instanceof DependencyUnavailableError) return e;
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new DependencyUnavailableError('temporal', `Temporal did not take the change within ${waitSeconds} s; it may still be applied: retry with the same Idempotency-Key`);
  }
  if (temporalOutage(e)) return new DependencyUnavailableError('temporal', `Temporal is unreachable or did not answer within ${waitSeconds} s; try again shortly`);
  if (databaseOutage(e)) return new DependencyUnavailableError('database', `The database (PostgreSQL) is unreachable or did not answer within ${waitSeconds} s; try again shortly`);
  return undefined;
}
