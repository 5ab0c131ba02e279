import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The current workflow code must replay every recorded history: a change that would alter the command
 * sequence of running multi-year workflows fails here, not in production (guard such a change with patched()).
 */
const dir = path.join(__dirname, 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('replay of recorded workflow histories', () => {
  let results: Array<{ file: string; ok: boolean; error?: string; cause?: string }>;

  beforeAll(() => {
    const run = spawnSync(process.execPath, [path.join(__dirname, 'replay-histories.js'), ...files.map((f) => path.join(dir, f))], { encoding: 'utf8', timeout: 180_000 });
    results = run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    if (results.length === 0) throw new Error(`replay did not run: ${run.stderr}`);
  }, 200_000);

  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)('replays %s with the current workflow code', (file) => {
    expect(results.find((r) => r.file === file)).toEqual({ file, ok: true });
  });
});
