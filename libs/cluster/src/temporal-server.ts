import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClusterPorts, TEMPORAL_DATABASES } from '../../config/src/cluster';
import { PgServer } from './temporal-databases';

export interface TemporalServerOptions {
  /** Folder for the rendered configuration and the server's log. */
  dir: string;
  ports: ClusterPorts;
  historyShards: number;
  db: PgServer;
}

/** What a command runs: the Temporal server on its rendered configuration. */
export interface CommandSpec {
  command: string;
  args: string[];
  /** Where its stdout and stderr go. */
  output: string;
}

/**
 * The Temporal server's configuration for PostgreSQL: every service (frontend, history, matching, worker) in
 * one process on loopback, TEMPORAL_HISTORY_SHARDS shards. YAML is a superset of JSON, so it is written as JSON.
 */
export function renderServerConfig(opts: TemporalServerOptions, dynamicConfigFile: string): Record<string, unknown> {
  const { ports, db } = opts;
  const sql = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `${db.host}:${db.port}`,
      connectProtocol: 'tcp',
      user: db.user,
      password: db.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = (grpcPort: number, membershipPort: number, extra: Record<string, unknown> = {}) => ({
    rpc: { grpcPort, membershipPort, bindOnLocalHost: true, ...extra },
  });
  return {
    log: { stdout: true, level: 'warn', format: 'json' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: opts.historyShards,
      datastores: { 'postgres-default': sql(TEMPORAL_DATABASES.main, 20), 'postgres-visibility': sql(TEMPORAL_DATABASES.visibility, 10) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' },
      metrics: { prometheus: { framework: 'tally', timerType: 'histogram', listenAddress: `127.0.0.1:${ports.metrics}` } },
    },
    services: {
      frontend: service(ports.frontend, ports.frontendMembership, { httpPort: ports.frontendHttp }),
      history: service(ports.history, ports.historyMembership),
      matching: service(ports.matching, ports.matchingMembership),
      worker: service(ports.worker, ports.workerMembership),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: `127.0.0.1:${ports.frontend}` } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfigFile, pollInterval: '10s' },
  };
}

/** As the CLI's dev server: new search attributes are usable at once (they are created once, at set-up). */
const DYNAMIC_CONFIG = {
  'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true }],
  'frontend.persistenceMaxQPS': [{ value: 10000 }],
  'history.persistenceMaxQPS': [{ value: 45000 }],
};

/** Writes the configuration into opts.dir and returns how to run the server on it. */
export function temporalServerProcess(serverBinary: string, opts: TemporalServerOptions): CommandSpec {
  fs.mkdirSync(opts.dir, { recursive: true });
  const dynamicConfigFile = path.join(opts.dir, 'dynamicconfig.yaml');
  fs.writeFileSync(dynamicConfigFile, JSON.stringify(DYNAMIC_CONFIG, null, 2));
  // It holds the database password: readable by its owner only.
  fs.writeFileSync(path.join(opts.dir, 'cluster.yaml'), JSON.stringify(renderServerConfig(opts, dynamicConfigFile), null, 2), { mode: 0o600 });
  fs.chmodSync(path.join(opts.dir, 'cluster.yaml'), 0o600);
  return {
    command: serverBinary,
    args: ['--root', opts.dir, '--config', '.', '--env', 'cluster', '--allow-no-auth', 'start'],
    output: path.join(opts.dir, 'server.log'),
  };
}

/** The Temporal web UI server (the one the CLI's dev server embeds) pointed at the cluster's frontend. */
export function temporalUiProcess(uiBinary: string, opts: { dir: string; port: number; frontend: string; namespace: string }): CommandSpec {
  const dir = path.join(opts.dir, 'ui');
  fs.mkdirSync(dir, { recursive: true });
  const config = { temporalGrpcAddress: opts.frontend, host: '127.0.0.1', port: opts.port, enableUi: true, publicPath: '', defaultNamespace: opts.namespace, notifyOnNewVersion: false, refreshInterval: '1m', cors: { allowOrigins: [], cookieInsecure: true } };
  fs.writeFileSync(path.join(dir, 'cluster.yaml'), JSON.stringify(config, null, 2));
  return { command: uiBinary, args: ['--root', dir, '--config', '.', '--env', 'cluster', 'start'], output: path.join(dir, 'ui.log') };
}
