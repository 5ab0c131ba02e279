import * as path from 'node:path';
import { AppConfig, clusterPorts, ClusterSettings, ConfigError, connectClient, Logger } from '../../../libs/config/src';
import { ensureNamespace } from '../../../libs/cluster/src/namespace';
import { Balancer, startBalancer } from '../../../libs/cluster/src/balancer';
import { migrateTemporalDatabases, pgServerOf } from '../../../libs/cluster/src/temporal-databases';
import { temporalServerProcess, temporalUiProcess } from '../../../libs/cluster/src/temporal-server';
import { toolPaths } from '../../../libs/embedded/src/tools';
import { nodeAppSpec } from './specs';
import { Supervisor } from './supervisor';

export interface RunningCluster {
  /** Where the apps reach Temporal. */
  temporalAddress: string;
  uiUrl?: string;
  balancer: Balancer;
  apiUrls: string[];
  /** What the banner says about the cluster, one line each. */
  lines: string[];
}

const TEMPORAL_PROCESS = 'temporal';

/**
 * The production topology on one machine, under the launcher's supervisor: the Temporal server on PostgreSQL
 * (its databases created and migrated first) with its web UI, WORKER_REPLICAS worker processes and
 * API_REPLICAS API processes on their own ports behind a round-robin balancer on API_PORT. With
 * TEMPORAL_ADDRESS set, that Temporal is used instead of a local server.
 */
export async function startCluster(
  supervisor: Supervisor,
  opts: { config: AppConfig; settings: ClusterSettings; env: NodeJS.ProcessEnv; databaseUrl: string; dependsOn: string[]; logger: Logger },
): Promise<RunningCluster> {
  const { config, settings, env, logger } = opts;
  const ports = clusterPorts(config, settings);
  const dir = path.join(config.dataDir, 'temporal-cluster');
  let temporalAddress = config.temporal.address;
  let uiUrl: string | undefined = config.temporal.embedded ? undefined : config.temporal.uiUrl;
  const lines: string[] = [];
  const dependsOn = [...opts.dependsOn];

  if (config.temporal.embedded) {
    // Temporal keeps membership ports in a PostgreSQL smallint.
    if (ports.workerMembership > 32_767) throw new ConfigError(`Invalid configuration: TEMPORAL_PORT: must be at most ${32_767 - (ports.workerMembership - ports.frontend)} in cluster mode (Temporal stores its service ports as 16-bit signed numbers)`);
    const tools = toolPaths();
    if (!tools.temporalServer || !tools.sqlTool) {
      throw new Error('The cluster mode needs the Temporal server: run `bash scripts/install-tools.sh --with-cluster` (npm start -- --cluster does)');
    }
    const db = pgServerOf(settings.temporalDatabaseUrl ?? opts.databaseUrl);
    const versions = await migrateTemporalDatabases(db, tools.sqlTool);
    logger.info({ schema: versions }, "Temporal's databases are migrated");
    supervisor.add({
      name: TEMPORAL_PROCESS,
      ...temporalServerProcess(tools.temporalServer, { dir, ports, historyShards: settings.historyShards, db }),
      ready: { kind: 'port', port: ports.frontend },
      dependsOn: opts.dependsOn,
      readyTimeoutMs: 120_000,
      graceMs: 15_000,
    });
    await supervisor.start();
    temporalAddress = `127.0.0.1:${ports.frontend}`;
    const ns = await ensureNamespace(() => connectClient({ ...config.temporal, address: temporalAddress }), config.temporal.namespace);
    logger.info({ namespace: config.temporal.namespace, ...ns }, 'Temporal namespace and search attributes are registered');
    dependsOn.push(TEMPORAL_PROCESS);
    lines.push(`  Temporal       ${temporalAddress} (server ${tools.temporalServerVersion}, ${settings.historyShards} history shards, PostgreSQL ${db.host}:${db.port})`);
    if (tools.uiServer) {
      supervisor.add({
        name: 'temporal-ui',
        ...temporalUiProcess(tools.uiServer, { dir, port: ports.ui, frontend: temporalAddress, namespace: config.temporal.namespace }),
        ready: { kind: 'port', port: ports.ui },
        dependsOn,
      });
      uiUrl = `http://localhost:${ports.ui}`;
    }
  } else {
    lines.push(`  Temporal       ${temporalAddress} (TEMPORAL_ADDRESS)`);
  }

  const appEnv = { ...env, TEMPORAL_ADDRESS: temporalAddress, DATABASE_URL: opts.databaseUrl };
  const workers = Array.from({ length: settings.workers }, (_, i) => `worker-${i + 1}`);
  for (const name of workers) {
    supervisor.add(nodeAppSpec(name, 'apps/worker/src/main.js', appEnv, { dependsOn, graceMs: 15_000, readyTimeoutMs: 180_000 }));
  }
  // The APIs stop before the workers, so the Updates of their last requests still find a worker.
  const apiUrls = ports.apis.map((port, i) => {
    const env = { ...appEnv, API_HOST: '127.0.0.1', API_PORT: String(port), PUBLIC_URL: config.api.publicUrl };
    supervisor.add(nodeAppSpec(`api-${i + 1}`, 'apps/api/src/main.js', env, { dependsOn: [...dependsOn, ...workers], ready: { kind: 'port', port }, graceMs: 10_000, readyTimeoutMs: 180_000 }));
    return `http://127.0.0.1:${port}`;
  });
  await supervisor.start();
  const balancer = await startBalancer({ host: config.api.host, port: config.api.port, backends: ports.apis });
  lines.push(`  Workers        ${settings.workers} processes (WORKER_REPLICAS)`);
  lines.push(`  API instances  ${apiUrls.join(', ')} (API_REPLICAS), balanced on port ${config.api.port}`);
  return { temporalAddress, uiUrl, balancer, apiUrls, lines };
}
