// `holdfast worker`: the Temporal worker alone, as deployed; Postgres and Temporal are given.
import { NativeConnection } from '@temporalio/worker';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { createDatabase } from '../db/client';
import { configuredPsps, pspWiringFromConfig } from '../psp/wiring';
import { ensureSettlementSchedule } from '../workers/settlement-schedule';
import { startWorker } from '../workers/start';
import { versionedUnlessTurnedOff } from '../workers/worker-deployment';
import { requireProductionEndpoints, warnOfExcessPrivilege } from './production-endpoints';
import { runUntilShutdown } from './run-until-shutdown';
import { installTemporalRuntime } from './temporal-runtime';
import { ensureTracing } from '../telemetry/tracing';

export async function run(args: string[], givenConfig: Config): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  // A deploy reaches workflows in flight only as a promoted version (docs/deploys.md).
  const config = versionedUnlessTurnedOff(givenConfig);
  const { databaseUrl, temporalAddress } = requireProductionEndpoints(config, 'worker');
  installTemporalRuntime(config.logLevel, { metricsAddress: config.workerMetrics.temporalAddress });
  return runUntilShutdown(async (started) => {
    // Stopped last: spans of everything else's shutdown are flushed with it.
    const tracing = ensureTracing(config);
    if (tracing) started.add('tracing', () => tracing.shutdown());
    const database = createDatabase(databaseUrl);
    started.add('database pool', () => database.close());
    await warnOfExcessPrivilege('worker', database.db);
    const connection = await NativeConnection.connect({ address: temporalAddress });
    started.add('Temporal connection', () => connection.close());
    // Config alone: a PSP without credentials is not configured, and no simulator key is believed.
    const wiring = pspWiringFromConfig(config);
    const worker = await startWorker({ config, db: database.db, connection, wiring });
    started.add('worker', () => worker.stop());
    // The worker's client: the schedule's workflow arguments are sealed like every payload.
    const scheduleId = await ensureSettlementSchedule(worker.client, config, configuredPsps(wiring));
    if (scheduleId)
      console.error(
        `holdfast worker: settlement schedule ${scheduleId} runs daily at ${config.settlement.cutoff} ${config.settlement.timeZone}`,
      );
    if (worker.metricsUrl) console.error(`holdfast worker: metrics at ${worker.metricsUrl}`);
    if (config.workerMetrics.temporalAddress)
      console.error(`holdfast worker: Temporal SDK metrics at http://${config.workerMetrics.temporalAddress}/metrics`);
    const version = worker.version ? ` as ${worker.version.deploymentName} version ${worker.version.buildId}` : ' unversioned';
    console.error(`holdfast worker polling ${config.temporal.taskQueue} in ${config.temporal.namespace} at ${temporalAddress}${version}`);
  });
}
