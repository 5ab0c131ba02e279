import * as fs from 'node:fs';
import type { RunningDevServer, RunningPostgres } from '../../libs/embedded/src';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  await (g.__e2eTemporal as RunningDevServer | undefined)?.stop();
  await (g.__e2ePostgres as RunningPostgres | undefined)?.stop();
  if (g.__e2eDir) fs.rmSync(g.__e2eDir as string, { recursive: true, force: true });
}
