// Brings up what holdfast runs on — Postgres, Temporal and the PSP simulator — for
// `holdfast dev` and the benchmark. Each piece is skipped when the config points at a real
// one: DATABASE_URL (+ MIGRATION_DATABASE_URL), TEMPORAL_ADDRESS, and credentials for both PSPs.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config/config';
import { runMigrations } from '../db/migrate';
import { freePort } from '../devtools/free-port';
import { ensureDatabase, startEmbeddedPostgres } from '../devtools/postgres';
import { ensureSearchAttributes, startTemporalDevServer } from '../devtools/temporal-dev-server';
import { ensureRetention } from '../devtools/temporal-namespace';
import { ensureTemporalCli } from '../devtools/temporal-tools';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { StopList } from './stop-list';
import { DEV_SERVER_DYNAMIC_CONFIG } from './temporal-dev-flags';

export interface DevStackOptions {
  /**
   * true (dev): data kept under config.dataDir, on the configured ports.
   * false (benchmark): fresh data in a temp dir, free ports, so it can run beside `npm start`.
   */
  persistent: boolean;
  /** Serve the Temporal Web UI on config.temporal.uiPort. */
  withUi: boolean;
}

export interface DevStack {
  /** As the app role: what the API and the worker use. */
  databaseUrl: string;
  /** As the owner: migrations. */
  migrationDatabaseUrl: string;
  temporalAddress: string;
  namespace: string;
  /** For Workers. */
  connection: NativeConnection;
  /**
   * No data converter: it carries the connection to startApi, which seals with the API's
   * keyring, and serves raw reads (histories as stored). Payloads are read through a
   * worker's client (startWorker's `client`).
   */
  client: Client;
  /** Set when the simulator runs, i.e. some PSP has no credentials configured. */
  simulator?: RunningSimulator;
  /** Set when this stack runs Temporal with its UI. */
  uiUrl?: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'holdfast';

export async function startDevStack(config: Config, options: DevStackOptions): Promise<DevStack> {
  const started = new StopList();
  try {
    const { databaseUrl, migrationDatabaseUrl } = config.database.url
      ? { databaseUrl: config.database.url, migrationDatabaseUrl: config.database.migrationUrl ?? config.database.url }
      : await startPostgres(config, options, started);
    await runMigrations(migrationDatabaseUrl);

    const namespace = config.temporal.namespace;
    const external = config.temporal.address;
    let temporalAddress: string;
    let uiUrl: string | undefined;
    if (external) {
      temporalAddress = external;
    } else {
      const server = await startTemporalDevServer({
        cliPath: await ensureTemporalCli(config.temporal.cliPath),
        port: options.persistent ? config.temporal.port : await freePort(),
        uiPort: options.withUi ? config.temporal.uiPort : null,
        // The API this process starts on config.port decodes the UI's payloads.
        uiCodecEndpoint: `${localApiUrl(config)}/ops/codec`,
        dbFile: options.persistent ? path.join(config.dataDir, 'temporal.db') : undefined,
        namespace,
        logFile: options.persistent ? path.join(config.dataDir, 'temporal.log') : undefined,
        dynamicConfig: DEV_SERVER_DYNAMIC_CONFIG,
      });
      started.add('Temporal dev server', () => server.stop());
      temporalAddress = server.address;
      uiUrl = server.uiUrl;
    }

    const clientConnection = await Connection.connect({ address: temporalAddress });
    started.add('Temporal client connection', () => clientConnection.close());
    // Our dev server registers them at start; a cluster someone else runs may not have them.
    if (external) await ensureSearchAttributes(clientConnection, namespace);
    // Someone else's cluster keeps the retention its operators chose.
    else await ensureRetention(clientConnection, namespace, config.retention.temporalDays);
    const connection = await NativeConnection.connect({ address: temporalAddress });
    started.add('Temporal worker connection', () => connection.close());

    let simulator: RunningSimulator | undefined;
    if (!config.stripe.secretKey || !config.adyen.apiKey) {
      simulator = await startSimulator(
        options.persistent ? { ...config.simulator, stateFile: path.join(config.dataDir, 'simulator.json') } : {},
      );
      const running = simulator;
      started.add('PSP simulator', () => running.close());
    }

    return {
      databaseUrl,
      migrationDatabaseUrl,
      temporalAddress,
      namespace,
      connection,
      client: new Client({ connection: clientConnection, namespace }),
      simulator,
      uiUrl,
      stop: () => started.stopAll(),
    };
  } catch (error) {
    await started.stopAll();
    throw error;
  }
}

/** Starts the embedded cluster and returns the URLs of the holdfast database on it. */
async function startPostgres(
  config: Config,
  options: DevStackOptions,
  started: StopList,
): Promise<{ databaseUrl: string; migrationDatabaseUrl: string }> {
  if (options.persistent) {
    await mkdir(config.dataDir, { recursive: true });
    const log = createWriteStream(path.join(config.dataDir, 'postgres.log'), { flags: 'a' });
    started.add('Postgres log', () => new Promise((resolve) => log.end(resolve)));
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'postgres'),
      port: config.database.embeddedPort,
      persistent: true,
      onLog: (line) => log.write(`${line}\n`),
    });
    started.add('Postgres', () => postgres.stop());
    await ensureDatabase(postgres.adminUrl, DATABASE_NAME);
    return { databaseUrl: postgres.appUrlFor(DATABASE_NAME), migrationDatabaseUrl: postgres.ownerUrlFor(DATABASE_NAME) };
  }
  // In the temp dir: as root the server runs as `postgres`, which can enter /tmp, so the
  // data stays here rather than being relocated (devtools/postgres-data-dir.ts).
  const dataDir = await mkdtemp(path.join(tmpdir(), 'holdfast-stack-pg-'));
  started.add('Postgres data', () => rm(dataDir, { recursive: true, force: true }));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  started.add('Postgres', () => postgres.stop());
  await ensureDatabase(postgres.adminUrl, DATABASE_NAME);
  return { databaseUrl: postgres.appUrlFor(DATABASE_NAME), migrationDatabaseUrl: postgres.ownerUrlFor(DATABASE_NAME) };
}

/** The API's URL on this machine as `holdfast dev` serves it. */
export function localApiUrl(config: Config): string {
  return `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
}
