// Checks the Kubernetes manifests (deploy/k8s/) against the Kubernetes API schemas with kubeconform, offline
// (schemas installed by scripts/install-tools.sh --with-k8s-check), and against the apps' own configuration
// code, as test/deploy/compose.spec.ts does for compose: no cluster is available here to apply them to.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { CLUSTER_SETTINGS, CONFIG_VARIABLES, loadConfig } from '../../libs/config/src';
import { toolPaths } from '../../libs/embedded/src/tools';

const ROOT = path.resolve(__dirname, '../..');
const K8S = path.join(ROOT, 'deploy/k8s');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

type Doc = { apiVersion: string; kind: string; metadata: { name: string }; [key: string]: any };
const docsOf = (file: string): Doc[] => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as Doc).filter(Boolean);

const kustomization = docsOf(path.join(K8S, 'kustomization.yaml'))[0];
const resourceFiles: string[] = kustomization.resources.map((f: string) => path.join(K8S, f));
const secretExample = path.join(K8S, 'secret.example.yaml');
/** What `kubectl apply -k` renders (plain resources: images are set by name below), plus the Secret an operator creates. */
const rendered: Doc[] = [...resourceFiles, secretExample].flatMap(docsOf);
const find = (kind: string, name: string) => {
  const doc = rendered.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`no ${kind} ${name} in deploy/k8s`);
  return doc;
};
const configMap = find('ConfigMap', 'supervision-config');
const secret = find('Secret', 'supervision-secrets');
const api = find('Deployment', 'supervision-api');
const worker = find('Deployment', 'supervision-worker');
const jobs = ['supervision-migrate', 'supervision-temporal-setup'].map((n) => find('Job', n));
const podSpecs = [api, worker, ...jobs].map((d) => [d.metadata.name, d.spec.template.spec] as const);
const container = (d: Doc) => d.spec.template.spec.containers[0];
/** The environment a pod of that workload gets: its envFrom sources, then its own env. */
const envOf = (d: Doc): Record<string, string> => {
  const c = container(d);
  const env: Record<string, string> = {};
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef) Object.assign(env, find('ConfigMap', from.configMapRef.name).data);
    if (from.secretRef) Object.assign(env, find('Secret', from.secretRef.name).stringData);
  }
  for (const e of c.env ?? []) env[e.name] = e.value;
  return env;
};

/**
 * kubernetes-validate ships its schemas with `$ref`s into one `_definitions.json`; kubeconform wants one file
 * per kind. This writes, for every kind in `docs`, a standalone schema carrying the definitions it reaches.
 */
function standaloneSchemas(source: string, docs: Doc[], dest: string): void {
  const defs = JSON.parse(fs.readFileSync(path.join(source, '_definitions.json'), 'utf8')).$defs as Record<string, unknown>;
  const localRef = (ref: string) => ref.slice(ref.indexOf('#/$defs/') + '#/$defs/'.length);
  fs.mkdirSync(dest, { recursive: true });
  for (const doc of docs) {
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : ['', doc.apiVersion];
    const file = `${doc.kind.toLowerCase()}${group ? `-${group.split('.')[0]}` : ''}-${version}.json`;
    const schemaText = fs.readFileSync(path.join(source, file), 'utf8');
    const needed = new Set<string>();
    const visit = (text: string) => {
      for (const m of text.matchAll(/"\$ref":\s*"[^"]*#\/\$defs\/([^"]+)"/g)) {
        if (needed.has(m[1])) continue;
        needed.add(m[1]);
        visit(JSON.stringify(defs[m[1]]));
      }
    };
    visit(schemaText);
    const schema = JSON.parse(schemaText.replace(/"\$ref":\s*"[^"#]*#\/\$defs\//g, '"$ref": "#/$defs/'));
    delete schema.$id;
    schema.$defs = Object.fromEntries([...needed].map((n) => [n, defs[localRef(`#/$defs/${n}`)]]));
    fs.writeFileSync(path.join(dest, file), JSON.stringify(schema));
  }
}

describe('deploy/k8s against the Kubernetes schemas (kubeconform, offline)', () => {
  const tools = toolPaths();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-schemas-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const versions = tools.kubernetesSchemas ? fs.readdirSync(tools.kubernetesSchemas).filter((v) => v.startsWith('v')) : [];

  const kubeconform = (version: string, files: string[]) => {
    const schemas = path.join(tmp, version);
    if (!fs.existsSync(schemas)) standaloneSchemas(path.join(tools.kubernetesSchemas!, version), [...rendered, ...docsOf(path.join(tmp, 'broken.yaml'))], schemas);
    return spawnSync(tools.kubeconform!, ['-strict', '-summary', '-output', 'json', '-schema-location', path.join(schemas, '{{ .ResourceKind }}{{ .KindSuffix }}.json'), ...files], { encoding: 'utf8' });
  };

  beforeAll(() => {
    // A control: the same API Deployment with two mistakes a schema catches (a string count, an unknown field).
    const broken = { ...api, spec: { ...api.spec, replicas: 'two', template: { ...api.spec.template, spec: { ...api.spec.template.spec, restartPolicyy: 'Always' } } } };
    fs.writeFileSync(path.join(tmp, 'broken.yaml'), JSON.stringify(broken));
  });

  it('kubeconform and the schemas are installed (scripts/install-tools.sh --with-k8s-check, run by npm test)', () => {
    expect(tools.kubeconform && fs.existsSync(tools.kubeconform)).toBeTruthy();
    expect(versions.length).toBeGreaterThanOrEqual(2);
  });

  it.each(['v1.30.0', 'v1.37.0'])('every manifest is valid for Kubernetes %s (strict: no unknown fields)', (version) => {
    const result = kubeconform(version, [...resourceFiles, secretExample]);
    const summary = JSON.parse(result.stdout);
    expect(summary.resources ?? []).toEqual([]);
    expect(summary.summary).toMatchObject({ valid: rendered.length, invalid: 0, errors: 0, skipped: 0 });
    expect(result.status).toBe(0);
  });

  it('rejects a Deployment with a string replica count and an unknown field (the check can fail)', () => {
    const result = kubeconform('v1.37.0', [path.join(tmp, 'broken.yaml')]);
    expect(result.status).not.toBe(0);
    const problems = JSON.stringify(JSON.parse(result.stdout).resources);
    expect(problems).toMatch(/replicas/);
    expect(problems).toMatch(/restartPolicyy/);
  });
});

describe('deploy/k8s against what the apps read', () => {
  it('kustomization lists every manifest in the folder but the Secret example', () => {
    const files = fs.readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml' && f !== 'secret.example.yaml');
    expect([...kustomization.resources].sort()).toEqual(files.sort());
  });

  it('ConfigMap and Secret hold only variables the apps read (CONFIG_VARIABLES)', () => {
    const keys = [...Object.keys(configMap.data), ...Object.keys(secret.stringData)];
    expect(keys.filter((k) => !CONFIG_VARIABLES.includes(k))).toEqual([]);
    const commented = [...read('deploy/k8s/configmap.yaml').matchAll(/^\s*#\s*([A-Z_][A-Z0-9_]*):/gm)].map((m) => m[1]);
    expect(commented.filter((k) => !CONFIG_VARIABLES.includes(k))).toEqual([]);
    // Secrets stay out of the ConfigMap.
    for (const k of ['DATABASE_URL', 'JWT_SECRET', 'ADMIN_PASSWORD', 'TEMPORAL_API_KEY', 'SMTP_URL']) expect(Object.keys(configMap.data)).not.toContain(k);
  });

  it.each(podSpecs.map(([n]) => n))('%s gets its settings from the ConfigMap and the Secret, and loadConfig accepts them (external PostgreSQL and Temporal, production)', (name) => {
    const doc = [api, worker, ...jobs].find((d) => d.metadata.name === name)!;
    const sources = container(doc).envFrom.map((f: any) => f.configMapRef?.name ?? f.secretRef?.name);
    expect(sources).toEqual(['supervision-config', 'supervision-secrets']);
    const config = loadConfig(envOf(doc));
    expect(config.env).toBe('production');
    expect(config.database.embedded).toBe(false);
    expect(config.temporal.embedded).toBe(false);
    expect(config.auth.jwtSecret).toBe(secret.stringData.JWT_SECRET);
  });

  it('api listens where its container port, probes and Service point, and is ready only while GET /health answers', () => {
    const c = container(api);
    const config = loadConfig(envOf(api));
    expect(config.api.host).toBe('0.0.0.0');
    const port = c.ports.find((p: any) => p.name === 'http');
    expect(port.containerPort).toBe(config.api.port);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    const service = find('Service', 'supervision-api');
    expect(service.spec.selector).toEqual(api.spec.selector.matchLabels);
    expect(service.spec.ports[0].targetPort).toBe('http');
  });

  it('replicas are the cluster settings\' defaults; workers scale with an autoscaler from there', () => {
    expect(api.spec.replicas).toBe(CLUSTER_SETTINGS.API_REPLICAS.default);
    expect(worker.spec.replicas).toBe(CLUSTER_SETTINGS.WORKER_REPLICAS.default);
    const hpa = find('HorizontalPodAutoscaler', 'supervision-worker');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'supervision-worker' });
    expect(hpa.spec.minReplicas).toBe(CLUSTER_SETTINGS.WORKER_REPLICAS.default);
    expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
  });

  it('rolling updates add a new pod before removing an old one, and a stopping worker has time to finish its activities', () => {
    for (const d of [api, worker]) expect(d.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    // apps/worker/src/worker.ts: shutdownGraceTime '10 seconds'.
    const grace = Number(/shutdownGraceTime: '(\d+) seconds'/.exec(read('apps/worker/src/worker.ts'))![1]);
    expect(worker.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(grace);
    for (const name of ['supervision-api', 'supervision-worker']) expect(find('PodDisruptionBudget', name).spec.minAvailable).toBeGreaterThanOrEqual(1);
  });

  it('images are the two the Dockerfiles build, run as their non-root user, and commands are built entry points', () => {
    expect(container(api).image).toBe('supervision-api');
    expect(container(worker).image).toBe('supervision-worker');
    expect(jobs.map((j) => container(j).image)).toEqual(['supervision-api', 'supervision-api']);
    expect(kustomization.images.map((i: any) => i.name).sort()).toEqual(['supervision-api', 'supervision-worker']);
    // Without a command the image's CMD runs (test/deploy/compose.spec.ts checks those).
    expect(container(api).command).toBeUndefined();
    expect(container(worker).command).toBeUndefined();
    const [migrate, setup] = jobs.map((j) => container(j).command as string[]);
    expect(migrate.join(' ')).toBe(JSON.parse(read('package.json')).scripts['migration:run']);
    expect(setup).toEqual(['node', 'dist/libs/cluster/src/setup-cli.js']);
    expect(fs.existsSync(path.join(ROOT, 'libs/cluster/src/setup-cli.ts'))).toBe(true);
    for (const [, spec] of podSpecs) expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
  });

  it('pods with a read-only root file system get a writable DATA_DIR and /tmp', () => {
    for (const d of [api, worker]) {
      const c = container(d);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      const mounts = c.volumeMounts.map((m: any) => m.mountPath);
      expect(mounts).toEqual(expect.arrayContaining(['/tmp', '/app/data']));
    }
    // docker/Dockerfile.*: DATA_DIR=/app/data.
    expect(read('docker/Dockerfile.api')).toMatch(/DATA_DIR=\/app\/data/);
  });

  it('the Temporal TLS paths a ConfigMap may set are where the optional TLS Secret is mounted', () => {
    const paths = [...read('deploy/k8s/configmap.yaml').matchAll(/TEMPORAL_TLS_[A-Z]+: (\S+)/g)].map((m) => path.posix.dirname(m[1]));
    expect(new Set(paths)).toEqual(new Set(['/etc/temporal-tls']));
    for (const d of [api, worker, jobs[1]]) {
      expect(container(d).volumeMounts).toContainEqual({ name: 'temporal-tls', mountPath: '/etc/temporal-tls', readOnly: true });
      expect(d.spec.template.spec.volumes).toContainEqual({ name: 'temporal-tls', secret: { secretName: 'supervision-temporal-tls', optional: true } });
    }
  });
});
