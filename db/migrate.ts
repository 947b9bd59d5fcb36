// Applies the committed SQL migrations. Called by `holdfast migrate`, dev startup and tests.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { Client } from 'pg';

/**
 * Any constant works as long as nothing else in the database uses it; advisory locks are
 * per database, so separate databases on one server do not wait for each other.
 */
const MIGRATION_LOCK_KEY = 7_265_193_001;

/**
 * Safe to run from several processes at once: drizzle's migrator creates its bookkeeping
 * schema with IF NOT EXISTS outside a transaction and would race, so the whole run holds a
 * session-level advisory lock; a second runner waits, then finds nothing left to apply.
 */
export async function runMigrations(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: path.join(__dirname, 'migrations') });
    } finally {
      await client.query('select pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
