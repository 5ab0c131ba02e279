import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
// Neither is re-exported by the package index.
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import { closeClient } from '../../config/src/temporal';
import { SEARCH_ATTRIBUTE_TYPES } from '../../contracts/src/search-attributes';

const GRPC_NOT_FOUND = 5;
const GRPC_ALREADY_EXISTS = 6;
const code = (err: unknown) => (err as { code?: number }).code;

/** Closed workflows stay visible (and their histories readable) this long. */
export const NAMESPACE_RETENTION_DAYS = 30;

/** Retries `op` until it succeeds or the time is up: a freshly started server answers Unavailable for a while. */
async function retrying<T>(what: string, op: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Registers the namespace (if missing) and the workflows' search attributes on it (those missing), then
 * waits until both are in use. Idempotent; what `temporal operator namespace create` and
 * `temporal operator search-attribute create` do, through the same RPCs.
 */
export async function ensureNamespace(
  connect: () => Promise<Connection>,
  namespace: string,
  timeoutMs = 120_000,
): Promise<{ created: boolean; searchAttributesAdded: string[] }> {
  const connection = await retrying('Temporal did not answer', connect, timeoutMs);
  try {
    let created = false;
    await retrying(`namespace ${namespace} could not be registered`, async () => {
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch (err) {
        if (code(err) !== GRPC_NOT_FOUND) throw err;
        try {
          await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(NAMESPACE_RETENTION_DAYS * 86_400_000) });
          created = true;
        } catch (e) {
          if (code(e) !== GRPC_ALREADY_EXISTS) throw e;
        }
      }
    }, timeoutMs);
    const existing = async () => new Set(Object.keys((await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {}));
    const have = await retrying('search attributes could not be listed', existing, timeoutMs);
    const missing = Object.keys(SEARCH_ATTRIBUTE_TYPES).filter((name) => !have.has(name));
    if (missing.length > 0) {
      const searchAttributes = Object.fromEntries(
        missing.map((name) => [name, encodeSearchAttributeIndexedValueType(SEARCH_ATTRIBUTE_TYPES[name] as SearchAttributeType)!]),
      );
      await retrying('search attributes could not be added', async () => {
        try {
          await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
        } catch (err) {
          if (code(err) !== GRPC_ALREADY_EXISTS) throw err;
        }
      }, timeoutMs);
      await retrying('search attributes did not appear', async () => {
        const now = await existing();
        if (missing.some((name) => !now.has(name))) throw new Error(`still missing: ${missing.filter((n) => !now.has(n)).join(', ')}`);
      }, timeoutMs);
    }
    return { created, searchAttributesAdded: missing };
  } finally {
    await closeClient(connection);
  }
}
