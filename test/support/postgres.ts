// A fresh, migrated database per test suite. One embedded Postgres cluster serves the whole
// mocha process (started on first use, stopped by the root hook); each freshDatabase() call
// gets its own database so suites never see each other's rows. Set TEST_DATABASE_URL to the
// admin URL of an existing server to use it instead; its test databases are dropped at the end.
// As in production, the migrations run as the owner and everything else connects as the app
// role (holdfast_app); a test that sets up what the app may not do uses `ownerUrl`.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDatabase, type Database } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { APP_ROLE, ensureAppRole, ensureDatabase, startEmbeddedPostgres } from '../../devtools/postgres';
import { freePort } from '../../devtools/free-port';
import { onTeardown } from './teardown';

interface Server {
  adminUrl: string;
  ownerUrlFor(database: string): string;
  appUrlFor(database: string): string;
}

let server: Promise<Server> | undefined;
let databaseCount = 0;

export interface FreshDatabase {
  /** As the app role, which `db` uses too. */
  url: string;
  /** As the owner, which ran the migrations. */
  ownerUrl: string;
  db: Database;
  close(): Promise<void>;
}

export async function freshDatabase(): Promise<FreshDatabase> {
  server ??= startServer();
  const { adminUrl, ownerUrlFor, appUrlFor } = await server;
  databaseCount += 1;
  const name = `holdfast_test_${process.pid}_${databaseCount}`;
  await ensureDatabase(adminUrl, name);
  const ownerUrl = ownerUrlFor(name);
  await runMigrations(ownerUrl);
  const url = appUrlFor(name);
  const { db, close } = createDatabase(url, { max: 5 });
  return { url, ownerUrl, db, close };
}

function startServer(): Promise<Server> {
  const external = process.env.TEST_DATABASE_URL;
  return external ? useExternalServer(external) : startEmbeddedServer();
}

async function startEmbeddedServer(): Promise<Server> {
  // /tmp is world-writable and mkdtemp's directory is empty, so initdb can use it directly
  // (as root, it is handed to the `postgres` user the server runs as).
  const dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-pg-'));
  const running = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  onTeardown(async () => {
    await running.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  return running;
}

async function useExternalServer(adminUrl: string): Promise<Server> {
  const urlFor = (database: string, as?: { user: string; password: string }) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    if (as) {
      url.username = as.user;
      url.password = as.password;
    }
    return url.toString();
  };
  // The same for every test process on this server, so concurrent runs agree on it.
  const appPassword = createHash('sha256').update(`${adminUrl}\n${APP_ROLE}`).digest('base64url');
  await ensureAppRole(adminUrl, appPassword);
  const prefix = `holdfast_test_${process.pid}_`;
  onTeardown(async () => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix]);
      // Names come from pg_database and match /^holdfast_test_\d+_\d+$/: safe to inline.
      for (const { datname } of rows) await client.query(`drop database "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  });
  return {
    adminUrl,
    ownerUrlFor: (database) => urlFor(database),
    appUrlFor: (database) => urlFor(database, { user: APP_ROLE, password: appPassword }),
  };
}
