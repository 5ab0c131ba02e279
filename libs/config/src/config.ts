import * as path from 'node:path';
import { z } from 'zod';

/** Thrown when the environment does not describe a runnable configuration; the message names the setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:$/.test(new URL(u).protocol), 'must be a postgres:// or postgresql:// URL');

const hostPort = z
  .string()
  .regex(/^[A-Za-z0-9.\-_\[\]:]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233');

const isoDuration = z.string().regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'must be an ISO 8601 duration, e.g. PT1H');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(3000),
  PUBLIC_URL: z.string().url().optional(),
  /** The longest the API waits on PostgreSQL or Temporal for one request before it answers 503. */
  API_WAIT_TIMEOUT: isoDuration.default('PT10S'),
  /** Writes one caller may make per minute before 429 (the default throttler; sign-in has its own). */
  API_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(1200),

  DATABASE_URL: postgresUrl.optional(),
  POSTGRES_PORT: port(5433),

  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_PORT: port(7233),
  TEMPORAL_UI_PORT: port(8233),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('supervision'),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_CONNECT_TIMEOUT: isoDuration.default('PT10S'),
  /** Worker tuning: workflow tasks and activities one worker runs at once, and workflows it keeps cached (unset = the SDK's default, from the heap size). */
  WORKER_WORKFLOW_TASK_SLOTS: z.coerce.number().int().min(1).max(1000).default(4),
  WORKER_ACTIVITY_SLOTS: z.coerce.number().int().min(1).max(10000).default(100),
  WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(1_000_000).optional(),

  ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('admin-supervision'),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_TTL: isoDuration.default('PT12H'),
  /** How long the API trusts a user row it loaded for a token (role, unit, token version) before reading it again. */
  AUTH_USER_CACHE: isoDuration.default('PT5S'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100000).default(50),
  LOGIN_LOCKOUT: isoDuration.default('PT15M'),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(72).default(10),
  CIRCULARS_PER_PLAN_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  SCHEDULE_MIN_INTERVAL: isoDuration.default('PT1H'),
  DISPATCH_MIN_REPORTING_WINDOW: isoDuration.default('PT1H'),
  /** Who may read /metrics and the API docs: everyone, signed-in admins, or no one. Default: open in development and test, admin in production. */
  METRICS_ACCESS: z.enum(['open', 'admin', 'off']).optional(),
  API_DOCS_ACCESS: z.enum(['open', 'admin', 'off']).optional(),
  DEMO_DATA: flag(true),

  SMTP_URL: z.string().url().refine((u) => /^smtps?:$/.test(new URL(u).protocol), 'must be an smtp:// or smtps:// URL').optional(),
  SMTP_FROM: z.string().min(3).default('Key-project supervision <noreply@supervision.local>'),
  WEBHOOK_URLS: z.string().optional(),
});

export type RawEnv = z.input<typeof schema>;

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  api: { host: string; port: number; publicUrl: string; /** ISO 8601 duration: the bound on every wait of a request on a dependency. */ waitTimeout: string; writesPerMinute: number };
  database: {
    /** Connection string used by the API, the worker and migrations. */
    url: string;
    /** True when the project starts its own PostgreSQL (no DATABASE_URL given). */
    embedded: boolean;
    port: number;
  };
  temporal: {
    address: string;
    /** True when the project starts its own Temporal dev server (no TEMPORAL_ADDRESS given). */
    embedded: boolean;
    port: number;
    uiPort: number;
    uiUrl: string;
    namespace: string;
    taskQueue: string;
    tls?: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
    apiKey?: string;
    connectTimeout: string;
  };
  /** How much one worker process takes on at once (see apps/worker/src/worker.ts). */
  worker: { workflowTaskSlots: number; activitySlots: number; cachedWorkflows?: number };
  auth: {
    adminPassword: string;
    /** True when ADMIN_PASSWORD was not given: outside the demo the admin must change it at first sign-in. */
    adminPasswordIsDefault: boolean;
    /** JWT_SECRET; when absent the API keeps a random secret in DATA_DIR/secrets/jwt-secret (see secret.ts). */
    jwtSecret?: string;
    jwtTtl: string;
    userCache: string;
    loginMaxFailures: number;
    loginAddressMaxFailures: number;
    loginLockout: string;
    passwordMinLength: number;
  };
  limits: {
    circularsPerPlanPerMinute: number;
    scheduleMinInterval: string;
    dispatchMinReportingWindow: string;
  };
  exposure: { metrics: Exposure; apiDocs: Exposure };
  demoData: boolean;
  /** Notification channels beside the in-app inbox; none is used unless configured. */
  channels: { smtpUrl?: string; smtpFrom: string; webhooks: WebhookEndpoint[] };
}

export type Exposure = 'open' | 'admin' | 'off';

export type WebhookFormat = 'dingtalk' | 'wecom' | 'json';
export interface WebhookEndpoint {
  format: WebhookFormat;
  url: string;
}

/** WEBHOOK_URLS: entries separated by commas or white space, each `dingtalk=URL`, `wecom=URL`, `json=URL` or a bare URL (json). */
export function parseWebhookUrls(value: string | undefined): WebhookEndpoint[] {
  return (value ?? '').split(/[\s,]+/).filter(Boolean).map((entry) => {
    const m = /^(dingtalk|wecom|json)=(.*)$/.exec(entry);
    const format = (m?.[1] ?? 'json') as WebhookFormat;
    const url = m ? m[2] : entry;
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      /* reported below */
    }
    if (protocol !== 'http:' && protocol !== 'https:') throw new ConfigError(`Invalid configuration: WEBHOOK_URLS: ${JSON.stringify(entry)} is not [dingtalk=|wecom=|json=]http(s)://…`);
    return { format, url };
  });
}

const EMBEDDED_DB_USER = 'supervision';
const EMBEDDED_DB_PASSWORD = 'supervision';
export const EMBEDDED_DB_NAME = 'supervision';

export function embeddedDatabaseUrl(port: number, database = EMBEDDED_DB_NAME): string {
  return `postgresql://${EMBEDDED_DB_USER}:${EMBEDDED_DB_PASSWORD}@127.0.0.1:${port}/${database}`;
}
export const embeddedDatabaseCredentials = { user: EMBEDDED_DB_USER, password: EMBEDDED_DB_PASSWORD };

/** The variables of `schema` from `env` (empty = unset), validated; every problem is reported together, each naming its variable. */
export function parseEnv<S extends z.AnyZodObject>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Parses and validates the environment once; every setting problem is reported together, each naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const e = parseEnv(schema, env);
  if (Boolean(e.TEMPORAL_TLS_CERT) !== Boolean(e.TEMPORAL_TLS_KEY)) {
    throw new ConfigError('Invalid configuration: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be given together');
  }
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const temporalEmbedded = !e.TEMPORAL_ADDRESS;
  const tls =
    e.TEMPORAL_TLS_CERT || e.TEMPORAL_TLS_CA || e.TEMPORAL_TLS_SERVER_NAME
      ? {
          certPath: e.TEMPORAL_TLS_CERT,
          keyPath: e.TEMPORAL_TLS_KEY,
          caPath: e.TEMPORAL_TLS_CA,
          serverName: e.TEMPORAL_TLS_SERVER_NAME,
        }
      : undefined;
  return {
    env: e.NODE_ENV,
    dataDir,
    logLevel: e.LOG_LEVEL,
    api: {
      host: e.API_HOST,
      port: e.API_PORT,
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.API_PORT}`,
      waitTimeout: e.API_WAIT_TIMEOUT,
      writesPerMinute: e.API_WRITES_PER_MINUTE,
    },
    database: {
      url: e.DATABASE_URL ?? embeddedDatabaseUrl(e.POSTGRES_PORT),
      embedded: !e.DATABASE_URL,
      port: e.POSTGRES_PORT,
    },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      embedded: temporalEmbedded,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      uiUrl: e.TEMPORAL_UI_URL ?? `http://localhost:${e.TEMPORAL_UI_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls,
      apiKey: e.TEMPORAL_API_KEY,
      connectTimeout: e.TEMPORAL_CONNECT_TIMEOUT,
    },
    worker: { workflowTaskSlots: e.WORKER_WORKFLOW_TASK_SLOTS, activitySlots: e.WORKER_ACTIVITY_SLOTS, cachedWorkflows: e.WORKER_CACHED_WORKFLOWS },
    auth: {
      adminPassword: e.ADMIN_PASSWORD,
      adminPasswordIsDefault: !env.ADMIN_PASSWORD,
      jwtSecret: e.JWT_SECRET,
      jwtTtl: e.JWT_TTL,
      userCache: e.AUTH_USER_CACHE,
      loginMaxFailures: e.LOGIN_MAX_FAILURES,
      loginAddressMaxFailures: e.LOGIN_ADDRESS_MAX_FAILURES,
      loginLockout: e.LOGIN_LOCKOUT,
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
    },
    limits: {
      circularsPerPlanPerMinute: e.CIRCULARS_PER_PLAN_PER_MINUTE,
      scheduleMinInterval: e.SCHEDULE_MIN_INTERVAL,
      dispatchMinReportingWindow: e.DISPATCH_MIN_REPORTING_WINDOW,
    },
    exposure: {
      metrics: e.METRICS_ACCESS ?? (e.NODE_ENV === 'production' ? 'admin' : 'open'),
      apiDocs: e.API_DOCS_ACCESS ?? (e.NODE_ENV === 'production' ? 'admin' : 'open'),
    },
    demoData: e.DEMO_DATA,
    channels: { smtpUrl: e.SMTP_URL, smtpFrom: e.SMTP_FROM, webhooks: parseWebhookUrls(e.WEBHOOK_URLS) },
  };
}

/** Names of every variable the apps read, for the deployment files and their test. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);
