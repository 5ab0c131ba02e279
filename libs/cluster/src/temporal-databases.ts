import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEMPORAL_DATABASES } from '../../config/src/cluster';

const run = promisify(execFile);

/** A PostgreSQL server and the credentials to reach it, as the Temporal server and its SQL tool take them. */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function pgServerOf(url: string): PgServer {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** The embedded schemas of temporal-sql-tool, per database. */
const SCHEMAS: Record<keyof typeof TEMPORAL_DATABASES, string> = { main: 'postgresql/v12/temporal', visibility: 'postgresql/v12/visibility' };

export interface SchemaVersions {
  main: string;
  visibility: string;
}

async function schemaVersion(server: PgServer, database: string): Promise<string | undefined> {
  const client = new Client({ ...server, database });
  await client.connect();
  try {
    const exists = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
    if (!exists.rows[0].present) return undefined;
    const row = await client.query('SELECT curr_version FROM schema_version WHERE db_name = $1', [database]);
    return row.rows[0]?.curr_version;
  } finally {
    await client.end();
  }
}

/**
 * Creates Temporal's two databases if missing and brings their schemas to the version the SQL tool ships
 * (setup-schema then update-schema, as Temporal's own auto-setup does). Idempotent: on a migrated database
 * it changes nothing. Returns the schema version of each.
 */
export async function migrateTemporalDatabases(server: PgServer, sqlTool: string): Promise<SchemaVersions> {
  const admin = new Client({ ...server, database: 'postgres' });
  await admin.connect();
  try {
    for (const database of Object.values(TEMPORAL_DATABASES)) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    }
  } finally {
    await admin.end();
  }
  const versions: Partial<SchemaVersions> = {};
  for (const [key, database] of Object.entries(TEMPORAL_DATABASES) as [keyof SchemaVersions, string][]) {
    // The password goes through the environment, not the command line.
    const env = { ...process.env, SQL_PLUGIN: 'postgres12', SQL_HOST: server.host, SQL_PORT: String(server.port), SQL_USER: server.user, SQL_PASSWORD: server.password, SQL_DATABASE: database };
    const tool = async (...args: string[]) => {
      try {
        await run(sqlTool, args, { env, maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        const e = err as { stderr?: string; message: string };
        throw new Error(`temporal-sql-tool ${args[0]} on database ${database} failed: ${(e.stderr || e.message).trim().split('\n').slice(-3).join(' | ')}`);
      }
    };
    if ((await schemaVersion(server, database)) === undefined) await tool('setup-schema', '-v', '0.0');
    await tool('update-schema', '--schema-name', SCHEMAS[key]);
    versions[key] = await schemaVersion(server, database);
  }
  return versions as SchemaVersions;
}
