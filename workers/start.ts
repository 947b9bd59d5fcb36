// Builds the payment worker's dependencies and runs it until stopped.
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { createLedgerActivities } from '../activities/ledger';
import { createPaymentRecordActivities } from '../activities/payment-records';
import { createPspActivities } from '../activities/psp-activities';
import { buildPspGateways, type SimulatorEndpoints } from './psp-gateways';
import { workflowBundle } from './workflow-bundle';

export interface WorkerDeps {
  config: Config;
  db: Database;
  connection: NativeConnection;
  simulator?: SimulatorEndpoints;
  /** Defaults to config.temporal.taskQueue; tests pass their own. */
  taskQueue?: string;
}

export async function startWorker(deps: WorkerDeps): Promise<{ stop(): Promise<void> }> {
  const { config, db, connection } = deps;
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: deps.taskQueue ?? config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: {
      ...createPspActivities({ psps: buildPspGateways(config, deps.simulator) }),
      ...createLedgerActivities({ db }),
      ...createPaymentRecordActivities({ db }),
    },
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
