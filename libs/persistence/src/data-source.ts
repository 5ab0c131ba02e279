import 'reflect-metadata';
import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// Calendar days stay 'YYYY-MM-DD' strings: a Date would shift them by the server's time zone.
types.setTypeParser(types.builtins.DATE, (v: string) => v);

/** Pool settings beside the defaults, e.g. the API's bound on each query (`query_timeout`, ms). */
export type PoolOptions = { connectionTimeoutMillis?: number; query_timeout?: number };

export function dataSourceOptions(url: string, pool: PoolOptions = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'each',
    extra: { max: 10, connectionTimeoutMillis: 10_000, ...pool },
  };
}

export function createDataSource(url: string, pool?: PoolOptions): DataSource {
  return new DataSource(dataSourceOptions(url, pool));
}

/** Opens a connection and applies pending migrations; the error names DATABASE_URL when the server cannot be reached. */
export async function openDatabase(url: string, opts: { migrate?: boolean; pool?: PoolOptions } = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts.pool);
  try {
    await ds.initialize();
  } catch (err) {
    const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
    throw new Error(`Cannot connect to PostgreSQL at DATABASE_URL=${safe}: ${(err as Error).message}`);
  }
  if (opts.migrate) await ds.runMigrations({ transaction: 'each' });
  return ds;
}

// For the TypeORM CLI (migration:generate).
export default createDataSource(process.env.DATABASE_URL ?? 'postgresql://localhost/supervision');
