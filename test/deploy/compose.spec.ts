// Checks the production deployment files (docker/) against the apps' own configuration code,
// since no Docker engine is available to bring the stack up in CI.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CLUSTER_SETTINGS, TEMPORAL_DATABASES, TEMPORAL_SERVER_VERSION } from '../../libs/config/src/cluster';
import { CONFIG_VARIABLES, loadConfig } from '../../libs/config/src/config';

const ROOT = path.resolve(__dirname, '../..');
const DOCKER = path.join(ROOT, 'docker');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  deploy?: { replicas?: string | number };
  healthcheck?: { test?: string[]; disable?: boolean };
};
const composeText = read('docker/compose.yaml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const services = compose.services;

// What an operator puts in docker/.env: one sample per required (`:?`) variable.
const SAMPLES: Record<string, string> = {
  POSTGRES_PASSWORD: 'pg-superuser-secret',
  APP_DB_PASSWORD: 'a1b2c3d4e5f6',
  JWT_SECRET: '0123456789abcdef0123456789abcdef',
  ADMIN_PASSWORD: 'admin-password-1',
};

/** Compose-style interpolation: ${V}, ${V:-d}, ${V-d}, ${V:?msg}, ${V?msg}, $$. Throws where compose would refuse. */
function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (match, name, colon, op, arg) => {
    if (match === '$$') return '$';
    const v = vars[name];
    const missing = v === undefined || (colon === ':' && v === '');
    if (!missing) return v as string;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? arg : '';
  });
}
const envOf = (name: string, vars: Record<string, string | undefined> = SAMPLES) =>
  Object.fromEntries(Object.entries(services[name].environment ?? {}).map(([k, v]) => [k, interpolate(String(v), vars)]));
const containerPort = (mapping: string) => Number(mapping.split(':').pop()!.split('/')[0]);
const referencedVariables = [...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
const requiredVariables = [...new Set([...composeText.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*):?\?/g)].map((m) => m[1]))];

const APP_SERVICES = ['migrate', 'temporal-setup', 'api', 'worker'];
const LONG_RUNNING = ['postgres', 'temporal', 'temporal-ui', 'api', 'worker'];

describe('docker/compose.yaml', () => {
  it('defines every service of the stack', () => {
    expect(Object.keys(services).sort()).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'migrate', 'temporal-setup', 'api', 'worker']));
  });

  it('restarts long-running services and runs migrate and temporal-setup once', () => {
    for (const name of LONG_RUNNING) expect([name, services[name].restart]).toEqual([name, 'unless-stopped']);
    expect(services.migrate.restart).toBe('no');
    expect(services['temporal-setup'].restart).toBe('no');
  });

  it('scales api and worker, and shards Temporal, by the cluster settings (libs/config/src/cluster.ts) with their defaults', () => {
    expect(String(services.api.deploy?.replicas)).toBe(`\${API_REPLICAS:-${CLUSTER_SETTINGS.API_REPLICAS.default}}`);
    expect(String(services.worker.deploy?.replicas)).toBe(`\${WORKER_REPLICAS:-${CLUSTER_SETTINGS.WORKER_REPLICAS.default}}`);
    expect(envOf('temporal').NUM_HISTORY_SHARDS).toBe(String(CLUSTER_SETTINGS.TEMPORAL_HISTORY_SHARDS.default));
    expect(envOf('temporal', { ...SAMPLES, TEMPORAL_HISTORY_SHARDS: '16' }).NUM_HISTORY_SHARDS).toBe('16');
    // Each api replica needs a host port of its own.
    const range = /^(\d+)-(\d+):/.exec(services.api.ports![0]);
    expect(Number(range![2]) - Number(range![1]) + 1).toBeGreaterThanOrEqual(CLUSTER_SETTINGS.API_REPLICAS.default);
  });

  it('temporal is the server version the cluster mode runs, on the databases it migrates', () => {
    expect(services.temporal.image).toBe(`temporalio/auto-setup:${TEMPORAL_SERVER_VERSION}`);
    expect(envOf('temporal')).toMatchObject({ DBNAME: TEMPORAL_DATABASES.main, VISIBILITY_DBNAME: TEMPORAL_DATABASES.visibility });
  });

  it('temporal-setup registers the namespace and search attributes before api and worker start', () => {
    expect(services['temporal-setup'].command).toEqual(['node', 'dist/libs/cluster/src/setup-cli.js']);
    expect(services['temporal-setup'].image).toBe(services.api.image);
    expect(services['temporal-setup'].depends_on?.temporal?.condition).toBe('service_healthy');
    for (const name of ['api', 'worker']) expect(services[name].depends_on?.['temporal-setup']?.condition).toBe('service_completed_successfully');
  });

  it.each(APP_SERVICES)('gives %s only variables the apps read (CONFIG_VARIABLES)', (name) => {
    const unknown = Object.keys(services[name].environment ?? {}).filter((k) => !CONFIG_VARIABLES.includes(k));
    expect(unknown).toEqual([]);
  });

  it('every ${VAR} the file uses is documented in docker/.env.example, and every required one has a test sample', () => {
    const example = read('docker/.env.example');
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(referencedVariables.filter((v) => !documented.has(v))).toEqual([]);
    expect(requiredVariables.filter((v) => !(v in SAMPLES))).toEqual([]);
  });

  it('refuses to interpolate when a required secret is missing', () => {
    expect(() => envOf('api', { ...SAMPLES, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
  });

  it.each(['api', 'worker', 'migrate', 'temporal-setup'])('%s connects to the postgres service and the app database', (name) => {
    const url = new URL(envOf(name).DATABASE_URL);
    expect(url.hostname).toBe('postgres');
    expect(url.port || '5432').toBe('5432');
    expect(url.pathname).toBe('/supervision');
    expect(url.username).toBe('supervision');
    expect(decodeURIComponent(url.password)).toBe(SAMPLES.APP_DB_PASSWORD);
    expect(services.postgres).toBeDefined();
  });

  it.each(['api', 'worker', 'temporal-setup'])('%s connects to the temporal service on its gRPC port', (name) => {
    const temporalPorts = (services.temporal.ports ?? []).map(containerPort);
    expect(temporalPorts).toContain(7233);
    expect(envOf(name).TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('api publishes the port it listens on, on all interfaces inside the container', () => {
    const env = envOf('api');
    expect(env.API_HOST).toBe('0.0.0.0');
    expect((services.api.ports ?? []).map(containerPort)).toContain(Number(env.API_PORT));
  });

  it('loadConfig accepts the api, worker and migrate environments (the apps would start)', () => {
    for (const name of APP_SERVICES) {
      const config = loadConfig(envOf(name));
      expect(config.env).toBe('production');
      // Without DATABASE_URL/TEMPORAL_ADDRESS the apps would start embedded servers inside the container.
      expect(config.database.embedded).toBe(false);
      expect(config.temporal.embedded).toBe(false);
      expect(config.auth.jwtSecret).toBe(SAMPLES.JWT_SECRET);
      expect(config.auth.adminPassword).toBe(SAMPLES.ADMIN_PASSWORD);
    }
    expect(loadConfig(envOf('api')).api).toMatchObject({ host: '0.0.0.0', port: 3000 });
  });

  it('api and worker agree on namespace and task queue, and temporal registers that namespace', () => {
    const api = loadConfig(envOf('api')).temporal;
    const worker = loadConfig(envOf('worker')).temporal;
    expect([worker.namespace, worker.taskQueue]).toEqual([api.namespace, api.taskQueue]);
    expect(envOf('temporal').DEFAULT_NAMESPACE ?? 'default').toBe(api.namespace);
    expect(services.temporal.healthcheck?.test).toContain(api.namespace);
  });

  it('starts apps in order: postgres healthy -> migrate completed -> api/worker (with temporal healthy)', () => {
    expect(services.migrate.depends_on?.postgres?.condition).toBe('service_healthy');
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on?.migrate?.condition).toBe('service_completed_successfully');
      expect(services[name].depends_on?.temporal?.condition).toBe('service_healthy');
    }
    expect(services.temporal.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('migrate runs the migration CLI from the api image', () => {
    expect(services.migrate.image).toBe(services.api.image);
    expect(services.migrate.build).toEqual(services.api.build);
    expect(services.migrate.command).toEqual(['node', 'dist/libs/persistence/src/cli.js', 'run']);
    // Same command as the package script operators already know.
    expect(JSON.parse(read('package.json')).scripts['migration:run']).toBe(services.migrate.command!.join(' '));
  });

  it('builds api and worker from the repo root with their Dockerfiles', () => {
    expect(services.api.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile.api' });
    expect(services.worker.build).toEqual({ context: '..', dockerfile: 'docker/Dockerfile.worker' });
    for (const name of ['api', 'worker']) {
      expect(fs.existsSync(path.join(DOCKER, services[name].build!.context, services[name].build!.dockerfile))).toBe(true);
    }
  });

  it('postgres (16) creates the app database and both temporal databases on first start', () => {
    expect(services.postgres.image).toMatch(/^postgres:16(\.|$)/);
    expect(services.postgres.volumes).toContain('./postgres-init:/docker-entrypoint-initdb.d:ro');
    expect(services.postgres.volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
    expect(services.postgres.healthcheck?.test).toContain('pg_isready');
    const init = fs
      .readdirSync(path.join(DOCKER, 'postgres-init'))
      .filter((f) => /\.(sh|sql)$/.test(f))
      .map((f) => fs.readFileSync(path.join(DOCKER, 'postgres-init', f), 'utf8'))
      .join('\n');
    const temporal = envOf('temporal');
    for (const db of ['supervision', temporal.DBNAME ?? 'temporal', temporal.VISIBILITY_DBNAME ?? 'temporal_visibility']) {
      expect(init).toMatch(new RegExp(`CREATE DATABASE ${db}\\b`));
    }
    expect(init).toMatch(/CREATE ROLE supervision LOGIN PASSWORD :'app_password'/);
    expect(init).toContain('$APP_DB_PASSWORD');
    expect(envOf('postgres').APP_DB_PASSWORD).toBe(SAMPLES.APP_DB_PASSWORD);
  });

  it('temporal runs the pinned auto-setup image on that postgres', () => {
    expect(services.temporal.image).toMatch(/^temporalio\/auto-setup:1\.29\.\d+$/);
    const env = envOf('temporal');
    const pg = envOf('postgres');
    expect(env).toMatchObject({ DB: 'postgres12', DB_PORT: '5432', POSTGRES_SEEDS: 'postgres' });
    expect(env.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(env.POSTGRES_PWD).toBe(pg.POSTGRES_PASSWORD);
  });

  it('temporal-ui is pinned and points at temporal', () => {
    expect(services['temporal-ui'].image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(envOf('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect((services['temporal-ui'].ports ?? []).map(containerPort)).toContain(8080);
    expect(new URL(loadConfig(envOf('api')).temporal.uiUrl).port).toBe('8080');
  });

  // `docker compose config` validates against the real compose schema without a daemon.
  const composeCli = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  (composeCli ? it : it.skip)(
    `docker compose config -q accepts the file${composeCli ? '' : ' (skipped: no docker compose CLI here)'}`,
    () => {
      const result = spawnSync('docker', ['compose', '-f', 'docker/compose.yaml', 'config', '-q'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, ...SAMPLES },
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );
});

describe('docker/Dockerfile.*', () => {
  const dockerfile = (name: string) => read(`docker/Dockerfile.${name}`);
  const cmdOf = (text: string) => JSON.parse(/^CMD\s+(\[.*\])\s*$/m.exec(text)![1]) as string[];
  // tsc compiles <rootDir>/x.ts to <outDir>/x.js: rootDir '.', outDir 'dist' (tsconfig.json).
  const tsconfig = JSON.parse(read('tsconfig.json')).compilerOptions;
  const sourceOf = (js: string) => path.posix.relative(tsconfig.outDir, js).replace(/\.js$/, '.ts');
  const buildInclude: string[] = JSON.parse(read('tsconfig.build.json')).include;

  it('compiles rootDir "." into dist/, the layout the entry paths assume', () => {
    expect(tsconfig).toMatchObject({ rootDir: '.', outDir: 'dist' });
  });

  const entries: [string, string[], string][] = [
    ['api', cmdOf(dockerfile('api')), 'apps/api/src/main.ts'],
    ['worker', cmdOf(dockerfile('worker')), 'apps/worker/src/main.ts'],
    ['migrate', ['node', 'dist/libs/persistence/src/cli.js'], 'libs/persistence/src/cli.ts'],
    ['temporal-setup', services['temporal-setup'].command!, 'libs/cluster/src/setup-cli.ts'],
  ];
  it.each(entries)('%s entry %j is the build output of %s', (_name, cmd, source) => {
    expect(cmd[0]).toBe('node');
    expect(sourceOf(cmd[1])).toBe(source);
    // Compiled by `npm run build`: inside a tsconfig.build.json include root.
    expect(buildInclude.some((glob) => source.startsWith(glob.split('/**')[0] + '/'))).toBe(true);
    // The apps are written alongside: once the entry's folder has sources, the entry must be among them.
    const dir = path.join(ROOT, path.dirname(source));
    const sources = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.includes('spec')) : [];
    if (sources.length > 0) expect(sources).toContain(path.basename(source));
  });

  it.each(['api', 'worker'])('%s: multi-stage node:20-bookworm-slim build, npm ci, build, prune, non-root, whole dist/', (name) => {
    const text = dockerfile(name);
    expect(text.match(/^FROM node:20-bookworm-slim\b/gm)).toHaveLength(2);
    expect(text).toMatch(/RUN .*npm ci\b/);
    expect(text).toMatch(/npm run build && npm prune --omit=dev/);
    expect(text).toMatch(/^USER node$/m);
    // The worker bundles dist/workflows at start, so dist/ is copied whole.
    expect(text).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    const envNames = [...text.matchAll(/^\s*(?:ENV\s+)?([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect(envNames.filter((n) => !CONFIG_VARIABLES.includes(n))).toEqual([]);
  });

  it('api image listens on 0.0.0.0, exposes API_PORT and health-checks GET /health', () => {
    const text = dockerfile('api');
    const port = /API_PORT=(\d+)/.exec(text)![1];
    expect(text).toMatch(/API_HOST=0\.0\.0\.0/);
    expect(text).toMatch(new RegExp(`^EXPOSE ${port}$`, 'm'));
    expect(text).toMatch(/HEALTHCHECK[\s\S]*\/health/);
  });

  it.each(['api', 'worker'])('%s.dockerignore keeps the build context small and the sources in', (name) => {
    const lines = read(`docker/Dockerfile.${name}.dockerignore`)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'tools', '.git']));
    const needed = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', ...buildInclude.map((g) => g.split('/**')[0])];
    expect(lines.filter((l) => needed.some((n) => l === n || l === `${n}/` || n.startsWith(`${l}/`)))).toEqual([]);
  });
});
