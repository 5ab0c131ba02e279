import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleWorkflows } from '../../apps/worker/src/worker';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '../../libs/embedded/src';

/**
 * Once per `jest` run: a real Temporal dev server and a real PostgreSQL on free ports, and the
 * workflow bundle built once. Each test file then gets its own database and task queue (stack.ts).
 * E2E_DATABASE_URL / E2E_TEMPORAL_ADDRESS use external servers instead.
 */
export default async function globalSetup(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'supervision-e2e-'));
  fs.chmodSync(dir, 0o755);
  const g = globalThis as Record<string, unknown>;
  if (!process.env.E2E_DATABASE_URL) {
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), database: 'postgres' });
    g.__e2ePostgres = pg;
    process.env.E2E_DATABASE_URL = pg.url;
  }
  if (!process.env.E2E_TEMPORAL_ADDRESS) {
    const port = await freePort();
    const temporal = await startTemporalDevServer({ dataDir: dir, port, uiPort: await freePort(), namespace: 'default', headless: true });
    g.__e2eTemporal = temporal;
    process.env.E2E_TEMPORAL_ADDRESS = temporal.address;
  }
  process.env.E2E_WORKFLOW_BUNDLE = await bundleWorkflows(path.join(dir, 'workflow-bundle.js'));
  process.env.E2E_DATA_DIR = dir;
  g.__e2eDir = dir;
}
