// A Postgres instance of `holdfast cluster`. The embedded cluster is initialised (and its roles
// and databases made) by devtools/postgres.ts as for `holdfast dev`; then the postgres server
// runs as a supervised child of its own, so the cluster knows its pid, sees it die and starts
// it again on the same data directory — as a container orchestrator would.
import { appendFile, realpath } from 'node:fs/promises';
import { ensureDatabase, startEmbeddedPostgres } from '../devtools/postgres';
import { postgresRuntime } from '../devtools/postgres-runtime';
import { queries } from './cluster-probes';
import type { ClusterRole } from './cluster-file';
import type { ClusterProcessSpec } from './cluster-group';

export interface PreparedPostgres {
  spec: ClusterProcessSpec;
  port: number;
  ownerUrlFor(database: string): string;
  appUrlFor(database: string): string;
}

export async function preparePostgres(options: {
  role: ClusterRole;
  dataDir: string;
  port: number;
  /** Created now if missing. */
  databases: string[];
  logFile: string;
}): Promise<PreparedPostgres> {
  const log = (line: string) => void appendFile(options.logFile, `${line}\n`).catch(() => undefined);
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port, persistent: true, onLog: log });
  try {
    for (const database of options.databases) await ensureDatabase(embedded.adminUrl, database);
  } finally {
    await embedded.stop();
  }
  // The same binaries, run as the same user, as devtools/postgres.ts used just now.
  const runtime = await postgresRuntime();
  // Where the data really is: under a directory the postgres user cannot enter (root's 0700
  // home), devtools/postgres.ts put it elsewhere and left a link that user cannot follow.
  const dataDir = await realpath(options.dataDir);
  return {
    port: options.port,
    ownerUrlFor: embedded.ownerUrlFor,
    appUrlFor: embedded.appUrlFor,
    spec: {
      role: options.role,
      name: options.role,
      command: runtime.postgres,
      args: ['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1'],
      env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
      // Postgres refuses root: as root it runs as the `postgres` user.
      uid: runtime.runAs?.uid,
      gid: runtime.runAs?.gid,
      logFile: options.logFile,
      ready: () => queries(embedded.adminUrl),
      // Fast shutdown: open transactions roll back, the data is flushed.
      stopSignal: 'SIGINT',
    },
  };
}
