import { z } from 'zod';
import { AppConfig, parseEnv, postgresUrl } from './config';

/**
 * The production topology in one description: how many workers and API instances, how Temporal keeps
 * its data. The cluster mode of `npm start` runs it on one machine; docker/compose.yaml and deploy/k8s/
 * describe it for real machines with the same variable names and defaults (their tests read this table).
 */
export const CLUSTER_SETTINGS = {
  STACK_MODE: { default: 'embedded', meaning: '`cluster` runs the production topology on this machine (`npm start -- --cluster` sets it)' },
  WORKER_REPLICAS: { default: 2, meaning: 'worker processes (compose and Kubernetes: worker replicas)' },
  API_REPLICAS: { default: 2, meaning: 'API processes (compose and Kubernetes: API replicas)' },
  TEMPORAL_HISTORY_SHARDS: { default: 4, meaning: 'history shards of the Temporal server; fixed once its database exists' },
  TEMPORAL_DATABASE_URL: {
    default: undefined,
    meaning: "PostgreSQL server (user with CREATE DATABASE) for Temporal's databases `temporal` and `temporal_visibility`; default: the server of DATABASE_URL",
  },
} as const;

/** The Temporal server the cluster runs: the version inside the pinned CLI, also the compose image's tag. */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
/** Temporal's own databases on PostgreSQL (the names compose's postgres-init creates and auto-setup uses). */
export const TEMPORAL_DATABASES = { main: 'temporal', visibility: 'temporal_visibility' } as const;

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const schema = z.object({
  STACK_MODE: z.enum(['embedded', 'cluster']).default(CLUSTER_SETTINGS.STACK_MODE.default),
  WORKER_REPLICAS: count(CLUSTER_SETTINGS.WORKER_REPLICAS.default, 16),
  API_REPLICAS: count(CLUSTER_SETTINGS.API_REPLICAS.default, 16),
  // A power of two keeps shards even; Temporal cannot change it later.
  TEMPORAL_HISTORY_SHARDS: count(CLUSTER_SETTINGS.TEMPORAL_HISTORY_SHARDS.default, 16384),
  TEMPORAL_DATABASE_URL: postgresUrl.optional(),
});

export interface ClusterSettings {
  mode: 'embedded' | 'cluster';
  workers: number;
  apis: number;
  historyShards: number;
  /** Server and credentials for Temporal's databases; undefined = the app's database server. */
  temporalDatabaseUrl?: string;
}

/** Reads the cluster settings; a wrong one is reported naming its variable, like loadConfig. */
export function loadClusterSettings(env: NodeJS.ProcessEnv = process.env): ClusterSettings {
  const e = parseEnv(schema, env);
  return { mode: e.STACK_MODE, workers: e.WORKER_REPLICAS, apis: e.API_REPLICAS, historyShards: e.TEMPORAL_HISTORY_SHARDS, temporalDatabaseUrl: e.TEMPORAL_DATABASE_URL };
}

/**
 * Ports of the local cluster, all derived from TEMPORAL_PORT and API_PORT: the Temporal frontend on
 * TEMPORAL_PORT (as the dev server), its other services just above; the API's balancer on API_PORT and
 * the API processes on API_PORT+1…API_PORT+n.
 */
export function clusterPorts(config: Pick<AppConfig, 'temporal' | 'api'>, settings: Pick<ClusterSettings, 'apis'>) {
  const t = config.temporal.port;
  return {
    frontend: t,
    frontendMembership: t + 1,
    history: t + 2,
    historyMembership: t + 3,
    matching: t + 4,
    matchingMembership: t + 5,
    worker: t + 6,
    workerMembership: t + 7,
    frontendHttp: t + 10,
    metrics: t + 20,
    ui: config.temporal.uiPort,
    balancer: config.api.port,
    apis: Array.from({ length: settings.apis }, (_, i) => config.api.port + 1 + i),
  };
}
export type ClusterPorts = ReturnType<typeof clusterPorts>;

/** Names of the cluster settings, for the deployment files and their tests. */
export const CLUSTER_VARIABLES = Object.keys(schema.shape);
