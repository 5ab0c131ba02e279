import ExcelJS from 'exceljs';

/**
 * A task breakdown table of `rows` rows (BENCH_IMPORT_ROWS, default 200) brought into a plan through the API: the
 * time to preview it (read, match, check every row) and to confirm it (every row a project workflow, created in
 * the background; timed until the import resource says done).
 */
export async function benchImport(base: string, token: string, planId: string, leadUnit: string, rows = Number(process.env.BENCH_IMPORT_ROWS ?? 200)): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分解表');
  ws.addRow(['序号', '重点任务', '具体目标', '牵头单位', '完成时限']);
  const targets = ['新增学位1080个', '交流轮岗教师比例不低于10%', '开展培训9000人次', ''];
  for (let i = 1; i <= rows; i++) ws.addRow([i, `导入任务${i}`, targets[i % targets.length], leadUnit, i % 2 ? '年底前' : '每季度末']);
  const file = Buffer.from(await wb.xlsx.writeBuffer());
  const auth = { authorization: `Bearer ${token}` };

  const t0 = performance.now();
  const form = new FormData();
  form.append('file', new Blob([file]), 'bench.xlsx');
  const res = await fetch(`${base}/api/plans/${planId}/imports`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 201) throw new Error(`preview: ${res.status} ${await res.text()}`);
  const preview = (await res.json()) as { id: string; summary: { valid: number } };
  const previewMs = performance.now() - t0;

  const t1 = performance.now();
  const confirm = await fetch(`${base}/api/plans/${planId}/imports/${preview.id}/confirm`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  if (confirm.status !== 202) throw new Error(`confirm: ${confirm.status} ${await confirm.text()}`);
  const answeredMs = performance.now() - t1;
  let progress: { created: number; failed: number } = { created: 0, failed: 0 };
  for (;;) {
    const got = (await (await fetch(`${base}/api/plans/${planId}/imports/${preview.id}`, { headers: auth })).json()) as { status: string; progress: typeof progress };
    progress = got.progress;
    if (got.status === 'done') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const confirmMs = performance.now() - t1;
  console.log(`\nImport of a ${rows}-row workbook (${preview.summary.valid} valid rows)\n`);
  console.table([
    { step: 'preview (upload, read, match, check every row)', 'ms': Math.round(previewMs) },
    { step: 'confirm answered (202, creation in the background)', 'ms': Math.round(answeredMs) },
    { step: `confirm done (${progress.created} projects created, ${progress.failed} failed)`, 'ms': Math.round(confirmMs), 'rows/s': +(progress.created / (confirmMs / 1000)).toFixed(1) },
  ]);
}

/** `node dist/test/bench/imports.js`: the import figures alone, on their own dev server, database and worker. */
async function main(): Promise<void> {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { fork } = await import('node:child_process');
  const { createApiApp } = await import('../../apps/api/src/app.factory');
  const { loadConfig } = await import('../../libs/config/src');
  const { freePort, startEmbeddedPostgres, startTemporalDevServer } = await import('../../libs/embedded/src');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'import-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() });
  const temporal = await startTemporalDevServer({ dataDir: dir, port: await freePort(), uiPort: await freePort(), namespace: 'default', headless: true });
  const apiPort = await freePort();
  const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dir, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, API_PORT: String(apiPort), JWT_SECRET: 'bench-secret-bench-secret', DEMO_DATA: 'false', ADMIN_PASSWORD: 'bench-admin-password', API_WRITES_PER_MINUTE: '1000000' };
  const config = loadConfig(env);
  const app = await createApiApp(config);
  await app.listen(apiPort, '127.0.0.1');
  const worker = fork(path.join(__dirname, '../../apps/worker/src/main.js'), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => m === 'ready' && resolve());
    worker.once('exit', (code) => reject(new Error(`the worker exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${apiPort}`;
  const call = async (method: string, url: string, body: unknown, token?: string) => {
    const res = await fetch(base + url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as any;
  };
  const admin = (await call('POST', '/api/auth/login', { username: 'admin', password: config.auth.adminPassword })).accessToken;
  const unit = await call('POST', '/api/units', { code: 'bench', name: '基准测试教育局', type: 'county' }, admin);
  await call('POST', '/api/users', { username: 'coordinator', displayName: '统筹', password: 'password-123', role: 'coordinator' }, admin);
  await call('POST', '/api/users', { username: 'owner', displayName: '责任人', password: 'password-123', role: 'owner', unitId: unit.id }, admin);
  const coordinator = (await call('POST', '/api/auth/login', { username: 'coordinator', password: 'password-123' })).accessToken;
  const plan = await call('POST', '/api/plans', { name: '导入基准', year: 2027 }, coordinator);
  console.log(`${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await benchImport(base, coordinator, plan.id, unit.name);
  worker.kill('SIGTERM');
  await new Promise((r) => worker.once('exit', r));
  await app.close();
  await temporal.stop();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
