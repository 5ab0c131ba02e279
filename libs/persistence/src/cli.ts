import { loadConfig } from '../../config/src/config';
import { createDataSource } from './data-source';

/** `node dist/libs/persistence/src/cli.js run|revert|show`: migrations against DATABASE_URL. */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  const ds = createDataSource(loadConfig().database.url);
  await ds.initialize();
  try {
    if (command === 'run') {
      const applied = await ds.runMigrations({ transaction: 'each' });
      console.log(JSON.stringify({ msg: 'migrations applied', applied: applied.map((m) => m.name) }));
    } else if (command === 'revert') {
      await ds.undoLastMigration({ transaction: 'each' });
      console.log(JSON.stringify({ msg: 'last migration reverted' }));
    } else if (command === 'show') {
      console.log(JSON.stringify({ pending: await ds.showMigrations() }));
    } else {
      throw new Error(`unknown command ${command}: use run, revert or show`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'error', msg: (err as Error).message }));
  process.exit(1);
});
