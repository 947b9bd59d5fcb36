// Builds the payment worker's dependencies and runs it until stopped.
import { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { createDisputeActivities } from '../activities/disputes/activities';
import { createExceptionActivities } from '../activities/exceptions';
import { createLedgerActivities } from '../activities/ledger';
import { dataRejectionInterceptor } from '../activities/non-retryable-db-errors';
import { createMerchantEventActivities } from '../activities/merchant-events/activities';
import { createPaymentRecordActivities } from '../activities/payment-records';
import { createPayoutActivities } from '../activities/payouts/activities';
import { createPspActivities } from '../activities/psp-activities';
import { createPspHealthRecorder } from '../activities/psp-health';
import { createRiskActivities } from '../activities/risk';
import { createRoutingActivities } from '../activities/routing';
import { createReconciliationActivities } from '../activities/reconciliation/activities';
import { createSettlementActivities } from '../activities/settlement/activities';
import { settlementOptionsFrom } from '../activities/settlement/start-settlement';
import type { PspName } from '../domain/psp';
import { RISK_ASSESSMENTS_PATH } from '../sim/risk';
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
  const taskQueue = deps.taskQueue ?? config.temporal.taskQueue;
  // Activities that start workflows (signal-with-start) need a client; the worker's native
  // connection serves one, so no second connection is opened.
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const psps = buildPspGateways(config, deps.simulator);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: {
      ...createPspActivities({ psps, health: createPspHealthRecorder({ db, config }) }),
      ...createRoutingActivities({ db, config, availablePsps: Object.keys(psps) as PspName[] }),
      // Without config.risk.url, the simulator's risk service when it runs; else no risk check.
      ...createRiskActivities({ config, riskUrl: deps.simulator && `${deps.simulator.url}${RISK_ASSESSMENTS_PATH}` }),
      ...createLedgerActivities({ db }),
      ...createPaymentRecordActivities({ db }),
      ...createExceptionActivities({ db }),
      ...createMerchantEventActivities({ db, client, taskQueue }),
      ...createPayoutActivities({ db, psps }),
      ...createDisputeActivities({ db, psps }),
      ...createReconciliationActivities({ db, psps, client }),
      ...createSettlementActivities({
        db,
        client,
        // Without ACQUIRER_URL, the simulator's acquirer when it runs.
        acquirerUrl: config.settlement.acquirerUrl ?? (deps.simulator && `${deps.simulator.url}/acquirer`),
        options: settlementOptionsFrom(config, taskQueue),
      }),
    },
    interceptors: { activity: [dataRejectionInterceptor] },
  });
  const running = worker.run();
  return {
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
