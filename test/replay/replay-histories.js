// Replays recorded histories with the current workflow code, outside jest's module sandbox (whose
// separate module registry breaks the SDK's protobuf JSON parsing). Prints one JSON line per history.
// Usage: node test/replay/replay-histories.js <history.json>...
const fs = require('node:fs');
const path = require('node:path');
const { bundleWorkflowCode, DefaultLogger, Runtime, Worker } = require('@temporalio/worker');

async function main() {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const bundle = await bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '../../workflows/index.ts'), logger: new DefaultLogger('ERROR') });
  let failed = 0;
  for (const file of process.argv.slice(2)) {
    const history = JSON.parse(fs.readFileSync(file, 'utf8'));
    try {
      await Worker.runReplayHistory({ workflowBundle: bundle }, history, path.basename(file, '.json'));
      console.log(JSON.stringify({ file: path.basename(file), ok: true }));
    } catch (err) {
      failed += 1;
      console.log(JSON.stringify({ file: path.basename(file), ok: false, error: `${err.name}: ${err.message}`, cause: err.cause ? String(err.cause) : undefined }));
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
