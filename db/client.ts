// One pool per process, built by whoever builds dependencies (workers/, cli/, tests).
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from './schema';

/** `$client` is the pool: the event relay opens its LISTEN connection with the pool's settings. */
export type Database = NodePgDatabase<typeof schema> & { $client: Pool };

export function createDatabase(
  url: string,
  options: {
    max?: number;
    /**
     * An idle pooled connection broke (server restart, network). The pool has already
     * dropped it and the next query reconnects; without a listener Node would crash on the
     * unhandled 'error' event.
     */
    onIdleClientError?: (error: Error) => void;
    /**
     * Called once per query sent to the server, transaction statements included: the
     * benchmark counts SQL round trips per payment instead of estimating them.
     */
    onQuery?: () => void;
  } = {},
): { db: Database; pool: Pool; close(): Promise<void> } {
  const pool = new Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on('error', options.onIdleClientError ?? ((error) => console.error('postgres: idle connection failed', error)));
  const { onQuery } = options;
  if (onQuery) {
    // Every query goes through a client, pool.query() and transactions alike; wrapping each
    // client as the pool opens it counts them all once.
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        onQuery();
        return query(...args);
      }) as typeof client.query;
    });
  }
  const db = drizzle({ client: pool, schema });
  return { db, pool, close: () => endPool(pool) };
}

/**
 * pool.end() resolves once it has asked each connection to close, not once they have; wait
 * for every one, so a server stopped right afterwards (tests) finds no session to kill.
 */
async function endPool(pool: Pool): Promise<void> {
  let open = pool.totalCount;
  const allClosed = new Promise<void>((resolve) => {
    if (open === 0) resolve();
    pool.on('remove', () => {
      open -= 1;
      if (open === 0) resolve();
    });
  });
  await pool.end();
  await allClosed;
}
