import * as fs from 'node:fs';
import { Connection, ConnectionOptions } from '@temporalio/client';
import { NativeConnection, NativeConnectionOptions } from '@temporalio/worker';
import { Duration } from 'luxon';
import type { AppConfig } from './config';

type TemporalConfig = AppConfig['temporal'];

function tlsOf(t: TemporalConfig) {
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

const unreachable = (t: TemporalConfig, err: unknown) =>
  new Error(`Cannot reach Temporal at TEMPORAL_ADDRESS=${t.address} (namespace ${t.namespace}): ${(err as Error).message}`);

const timeoutMs = (t: TemporalConfig) => Duration.fromISO(t.connectTimeout).toMillis();

/** Races a connection attempt against the configured timeout, so a dead address fails once and clearly. */
async function withTimeout<T>(t: TemporalConfig, attempt: Promise<T>): Promise<T> {
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

export async function connectClient(t: TemporalConfig): Promise<Connection> {
  const options: ConnectionOptions = { address: t.address, tls: tlsOf(t), apiKey: t.apiKey, connectTimeout: timeoutMs(t) };
  return withTimeout(t, Connection.connect(options));
}

export async function connectWorker(t: TemporalConfig): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: t.address, tls: tlsOf(t), apiKey: t.apiKey };
  return withTimeout(t, NativeConnection.connect(options));
}
