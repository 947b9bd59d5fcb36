// `holdfast dev` (what `npm start` runs): the whole service on one machine. Composes the
// stack (Postgres, Temporal with its UI, the PSP simulator) with the worker and the API in
// this process, and stops them all, in reverse order, on Ctrl-C.
import { parseArgs } from 'node:util';
import { startApi } from '../api/server';
import type { Config } from '../config/config';
import { withDevMasterKey } from '../devtools/dev-master-key';
import { createDatabase } from '../db/client';
import { ensureSettlementSchedule } from '../workers/settlement-schedule';
import { startWorker } from '../workers/start';
import { versionedUnlessTurnedOff } from '../workers/worker-deployment';
import { devStackFile, readDevStack, removeDevStack, writeDevStack } from './dev-stack-file';
import { SetupError } from './errors';
import { runUntilShutdown } from './run-until-shutdown';
import { startDevStack } from './stack';
import { installTemporalRuntime } from './temporal-runtime';
import { ensureTracing } from '../telemetry/tracing';
import { configuredPsps, pspWiringFromConfig } from '../psp/wiring';
import { simulatorWiring } from '../sim/wiring';

export async function run(args: string[], givenConfig: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  // A developer's webhook receiver runs on this machine: loopback endpoints, over http, are
  // allowed here unless WEBHOOK_ALLOW_HTTP_LOOPBACK=false says otherwise.
  const withLoopback: Config = {
    ...givenConfig,
    webhooks: { ...givenConfig.webhooks, allowHttpLoopback: givenConfig.webhooks.allowHttpLoopback ?? true },
  };
  // Versioned as deployed: each restart with changed workflows promotes its version, and the
  // payments in flight move to it, as they would in a deploy (docs/deploys.md).
  const config: Config = withDevUiOrigins(withDevMasterKey(versionedUnlessTurnedOff(withLoopback, 'always'), { persistent: true }));
  const running = await readDevStack(config);
  if (running) {
    throw new SetupError(
      `holdfast dev is already running (pid ${running.pid}, API at ${running.apiUrl}); ` + `if it is not, delete ${devStackFile(config)}`,
    );
  }
  installTemporalRuntime(config.logLevel, { metricsAddress: config.workerMetrics.temporalAddress });
  return runUntilShutdown(async (started) => {
    // Stopped last: spans of everything else's shutdown are flushed with it.
    const tracing = ensureTracing(config);
    if (tracing) started.add('tracing', () => tracing.shutdown());
    console.error('starting Postgres, Temporal and the PSP simulator …');
    const stack = await startDevStack(config, { persistent: true, withUi: true });
    started.add('dev stack', () => stack.stop());
    const database = createDatabase(stack.databaseUrl);
    started.add('database pool', () => database.close());
    // The simulator stands in for what config leaves out, with its published keys: here only.
    const wiring = stack.simulator ? simulatorWiring(config, stack.simulator) : pspWiringFromConfig(config);
    const worker = await startWorker({ config, db: database.db, connection: stack.connection, wiring });
    started.add('worker', () => worker.stop());
    // The worker's client: the schedule's workflow arguments are sealed like every payload.
    await ensureSettlementSchedule(worker.client, config, configuredPsps(wiring));
    const api = await startApi({ config, db: database.db, temporal: stack.client, port: config.port, wiring });
    started.add('API', () => api.stop());
    // The simulated PSPs send their webhooks to this API, as the real ones would.
    stack.simulator?.setWebhookTarget(api.url);
    await writeDevStack(config, {
      databaseUrl: stack.databaseUrl,
      migrationDatabaseUrl: stack.migrationDatabaseUrl,
      temporalAddress: stack.temporalAddress,
      namespace: stack.namespace,
      apiUrl: api.url,
      simUrl: stack.simulator?.url,
      pid: process.pid,
    });
    started.add('dev-stack.json', () => removeDevStack(config));

    console.log(
      [
        '',
        `holdfast is running (data in ${config.dataDir})`,
        `  API            ${api.url}`,
        `  Temporal UI    ${stack.uiUrl ?? `(not ours: Temporal at ${stack.temporalAddress})`}`,
        `  PSP simulator  ${stack.simulator?.url ?? '(off: both PSPs have credentials)'}`,
        '',
        'Create a merchant:  node bin/holdfast.js merchants create --name "Acme"',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
  });
}

/** The dev Web UI's pages call the codec endpoint: its origin, by either name of this machine. */
function withDevUiOrigins(config: Config): Config {
  const port = config.temporal.uiPort;
  const uiOrigins = [...new Set([...config.temporal.uiOrigins, `http://127.0.0.1:${port}`, `http://localhost:${port}`])];
  return { ...config, temporal: { ...config.temporal, uiOrigins } };
}
