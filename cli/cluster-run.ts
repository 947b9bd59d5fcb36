// `holdfast cluster`: a production-shaped stack on one machine, every part its own process
// under supervision — Postgres for holdfast and another for Temporal, the Temporal server's
// four services, the PSP simulator, N `holdfast worker`s, one `holdfast api`, the Web UI —
// brought up in dependency order and stopped in reverse on Ctrl-C or SIGTERM.
import { Client, Connection } from '@temporalio/client';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Config } from '../config/config';
import { withDevMasterKey } from '../devtools/dev-master-key';
import { runMigrations } from '../db/migrate';
import { freePort } from '../devtools/free-port';
import { ensureTemporalServer, ensureTemporalUiServer } from '../devtools/temporal-server';
import { startControlServer } from './cluster-control';
import { readClusterInfo, clusterFile } from './cluster-file';
import { ProcessGroup } from './cluster-group';
import { preparePostgres } from './cluster-postgres';
import { apiSpec, holdfastEnv, simulatorEndpoints, simulatorSpec, uiSpec, workerSpecs } from './cluster-processes';
import { ensureNamespace, setupTemporalSchema, temporalServiceSpecs, TEMPORAL_SERVICES, type ServicePorts } from './cluster-temporal';
import { SetupError } from './errors';
import { runUntilShutdown } from './run-until-shutdown';

export interface ClusterOptions {
  workers: number;
  /** Run the Web UI (built on first use). */
  ui: boolean;
}

const DATABASE_NAME = 'holdfast';

export async function runCluster(configured: Config, options: ClusterOptions): Promise<number> {
  // A master key from the environment is used as given; otherwise the cluster keeps one in
  // its data directory, as holdfast dev does, so its data opens again after a restart.
  const config = withDevMasterKey(configured, { persistent: true });
  const running = await readClusterInfo(config.dataDir);
  if (running) {
    throw new SetupError(
      `holdfast cluster is already running on ${config.dataDir} (pid ${running.pid}); if it is not, delete ${clusterFile(config.dataDir)}`,
    );
  }
  const say = (line: string) => console.error(`cluster: ${line}`);
  const home = path.join(config.dataDir, 'cluster');
  const logDir = path.join(home, 'logs');

  return runUntilShutdown(async (started) => {
    const binaries = await ensureTemporalServer(say);
    const uiBinary = options.ui
      ? await ensureTemporalUiServer(say).catch((error: unknown) => {
          say(`running without the Web UI: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        })
      : undefined;

    // The ports people and scripts use come from the configuration, as for `holdfast dev`;
    // the ones only the cluster's own parts use are picked free for this run.
    const ports = {
      api: config.port,
      postgres: config.database.embeddedPort,
      temporalPostgres: await freePort(),
      simulator: { control: config.simulator.port, stripe: config.simulator.stripePort, adyen: config.simulator.adyenPort },
      temporal: await servicePorts(config.temporal.port),
      ui: config.temporal.uiPort,
    };
    const apiUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${ports.api}`;
    const temporalAddress = `127.0.0.1:${ports.temporal.frontend.grpc}`;
    const namespace = config.temporal.namespace;

    const group = new ProcessGroup(config.dataDir, say);
    started.add('cluster processes', () => group.stopAll());

    say("starting Postgres (holdfast's and Temporal's) …");
    const temporalPostgres = await preparePostgres({
      role: 'temporal-postgres',
      dataDir: path.join(home, 'temporal-postgres'),
      port: ports.temporalPostgres,
      databases: [],
      logFile: path.join(logDir, 'temporal-postgres.log'),
    });
    await group.start(temporalPostgres.spec);
    const postgres = await preparePostgres({
      role: 'postgres',
      dataDir: path.join(home, 'postgres'),
      port: ports.postgres,
      databases: [DATABASE_NAME],
      logFile: path.join(logDir, 'postgres.log'),
    });
    await group.start(postgres.spec);
    await runMigrations(postgres.ownerUrlFor(DATABASE_NAME));

    say('starting the Temporal server: history, matching, frontend, worker …');
    const temporalDb = {
      host: '127.0.0.1',
      port: ports.temporalPostgres,
      user: 'holdfast',
      password: passwordOf(temporalPostgres.ownerUrlFor('postgres')),
    };
    await setupTemporalSchema(binaries.sqlTool, temporalDb, path.join(logDir, 'temporal-schema.log'));
    for (const spec of temporalServiceSpecs({ serverBinary: binaries.server, db: temporalDb, ports: ports.temporal, logDir })) {
      await group.start(spec);
    }
    await ensureNamespace(temporalAddress, namespace, config.retention.temporalDays);
    const connection = await Connection.connect({ address: temporalAddress });
    started.add('Temporal connection', () => connection.close());
    const temporal = new Client({ connection, namespace });

    say(`starting the PSP simulator, ${options.workers} worker${options.workers === 1 ? '' : 's'} and the API …`);
    await group.start(simulatorSpec({ ports: ports.simulator, apiUrl, stateFile: path.join(home, 'simulator.json'), logDir }));
    const env = holdfastEnv(config, {
      databaseUrl: postgres.appUrlFor(DATABASE_NAME),
      temporalAddress,
      simulator: simulatorEndpoints(ports.simulator),
      uiOrigin: uiBinary ? `http://127.0.0.1:${ports.ui}` : undefined,
    });
    // Together: each bundles the workflows first, which takes a while on its own.
    await Promise.all(
      workerSpecs({ count: options.workers, env, temporal, taskQueue: config.temporal.taskQueue, logDir }).map((spec) => group.start(spec)),
    );
    await group.start(apiSpec({ env, apiUrl, logDir }));
    const uiUrl = uiBinary ? `http://127.0.0.1:${ports.ui}` : undefined;
    if (uiBinary)
      await group.start(
        uiSpec({ binary: uiBinary, temporalAddress, namespace, port: ports.ui, codecEndpoint: `${apiUrl}/ops/codec`, logDir }),
      );

    const control = await startControlServer(group);
    started.add('control endpoint', () => control.close());
    await group.publish({
      pid: process.pid,
      apiUrl,
      simUrl: simulatorEndpoints(ports.simulator).url,
      databaseUrl: postgres.appUrlFor(DATABASE_NAME),
      migrationDatabaseUrl: postgres.ownerUrlFor(DATABASE_NAME),
      temporalAddress,
      namespace,
      taskQueue: config.temporal.taskQueue,
      uiUrl,
      control: { url: control.url, token: control.token },
      ports: {
        api: ports.api,
        postgres: ports.postgres,
        'temporal-postgres': ports.temporalPostgres,
        simulator: ports.simulator.control,
        'simulator-stripe': ports.simulator.stripe,
        'simulator-adyen': ports.simulator.adyen,
        ...Object.fromEntries(
          TEMPORAL_SERVICES.flatMap((service) => [
            [`temporal-${service}`, ports.temporal[service].grpc],
            [`temporal-${service}-membership`, ports.temporal[service].membership],
          ]),
        ),
        ...(uiUrl ? { 'temporal-ui': ports.ui } : {}),
        control: Number(new URL(control.url).port),
      },
    });

    console.log(
      [
        '',
        `holdfast cluster is running (data and logs in ${home})`,
        `  API            ${apiUrl}`,
        `  Temporal       ${temporalAddress} (namespace ${namespace})`,
        `  Temporal UI    ${uiUrl ?? '(not built)'}`,
        `  PSP simulator  ${simulatorEndpoints(ports.simulator).url}`,
        `  processes      ${clusterFile(config.dataDir)}`,
        '',
        'Stop or start a role:  node bin/holdfast.js cluster stop worker',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
  });
}

/**
 * The frontend on the configured port; the other services' gRPC ports free ones, and every
 * membership port a free one below 32768: Temporal keeps it in a smallint column
 * (cluster_membership.rpc_port), and the kernel hands out free ports above that.
 */
async function servicePorts(frontendPort: number): Promise<ServicePorts> {
  const taken = new Set<number>([frontendPort]);
  const pick = async (next: () => Promise<number>) => {
    for (;;) {
      const port = await next();
      if (!taken.has(port)) {
        taken.add(port);
        return port;
      }
    }
  };
  const ports = {} as ServicePorts;
  for (const service of TEMPORAL_SERVICES) {
    ports[service] = {
      grpc: service === 'frontend' ? frontendPort : await pick(freePort),
      membership: await pick(freeLowPort),
    };
  }
  return ports;
}

const LOW_PORTS = { from: 20_000, to: 32_767 };

/** A port in LOW_PORTS nothing listens on now: random ones tried until one binds. */
async function freeLowPort(): Promise<number> {
  for (;;) {
    const port = LOW_PORTS.from + Math.floor(Math.random() * (LOW_PORTS.to - LOW_PORTS.from + 1));
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}
