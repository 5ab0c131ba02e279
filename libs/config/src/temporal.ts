import * as fs from 'node:fs';
import { Connection, ConnectionOptions, defaultGrpcRetryOptions, GrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { Duration } from 'luxon';
import type { AppConfig } from './config';

type TemporalConfig = AppConfig['temporal'];
/** What a client connection needs of the settings (a test or a tool gives just these). */
export type ClientSettings = Pick<TemporalConfig, 'address' | 'namespace' | 'tls' | 'apiKey' | 'connectTimeout'>;

function tlsOf(t: ClientSettings) {
  if (!t.tls && !t.apiKey) return undefined;
  if (!t.tls) return true; // API keys (Temporal Cloud) travel over TLS with the system roots.
  const read = (p: string | undefined, name: string) => {
    if (!p) return undefined;
    try {
      return fs.readFileSync(p);
    } catch (err) {
      throw new Error(`Cannot read ${name}=${p}: ${(err as Error).message}`);
    }
  };
  const crt = read(t.tls.certPath, 'TEMPORAL_TLS_CERT');
  const key = read(t.tls.keyPath, 'TEMPORAL_TLS_KEY');
  return {
    serverNameOverride: t.tls.serverName,
    serverRootCACertificate: read(t.tls.caPath, 'TEMPORAL_TLS_CA'),
    clientCertPair: crt && key ? { crt, key } : undefined,
  };
}

const unreachable = (t: ClientSettings, err: unknown) =>
  new Error(`Cannot reach Temporal at TEMPORAL_ADDRESS=${t.address} (namespace ${t.namespace}): ${(err as Error).message}`);

const timeoutMs = (t: ClientSettings) => Duration.fromISO(t.connectTimeout).toMillis();

/** Races a connection attempt against the configured timeout, so a dead address fails once and clearly. */
async function withTimeout<T>(t: ClientSettings, attempt: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${t.connectTimeout}`)), timeoutMs(t));
  });
  try {
    return await Promise.race([attempt, timeout]);
  } catch (err) {
    throw unreachable(t, err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The SDK retries a failed call from a timer, and that timer calls into the channel even after the connection was
 * closed, which throws outside any caller and ends the process. So each client connection knows until when a retry
 * may still fire; closing stops new retries and lets those already planned fire first (at most the SDK's 5 s backoff).
 */
const pendingRetries = new WeakMap<Connection, { closing: boolean; until: number }>();

export async function connectClient(t: ClientSettings): Promise<Connection> {
  const retries = { closing: false, until: 0 };
  const sdk = defaultGrpcRetryOptions();
  const retryOptions: GrpcRetryOptions = {
    retryableDecider: (attempt, status) => !retries.closing && sdk.retryableDecider(attempt, status),
    delayFunction: (attempt, status) => {
      const delay = sdk.delayFunction(attempt, status);
      retries.until = Math.max(retries.until, Date.now() + delay);
      return delay;
    },
  };
  const options: ConnectionOptions = {
    address: t.address, tls: tlsOf(t), apiKey: t.apiKey, connectTimeout: timeoutMs(t),
    interceptors: [makeGrpcRetryInterceptor(retryOptions)],
  };
  const connection = await withTimeout(t, Connection.connect(options));
  pendingRetries.set(connection, retries);
  return connection;
}

/** Closes a client connection once no retry of a call in flight can fire any more (see `pendingRetries`). */
export async function closeClient(connection: Connection): Promise<void> {
  const retries = pendingRetries.get(connection);
  if (retries) {
    retries.closing = true;
    const wait = retries.until - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 50));
  }
  await connection.close();
}

export async function connectWorker(t: TemporalConfig): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: t.address, tls: tlsOf(t), apiKey: t.apiKey };
  return withTimeout(t, NativeConnection.connect(options));
}
