// Builds the payment worker's dependencies and runs it until stopped.
import { Client } from '@temporalio/client';
import { Runtime, Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { createDataKeyActivities } from '../activities/data-keys/activities';
import { createDisputeActivities } from '../activities/disputes/activities';
import { createExceptionActivities } from '../activities/exceptions';
import { createLedgerActivities } from '../activities/ledger';
import { dataRejectionInterceptor } from '../activities/non-retryable-db-errors';
import { createMerchantEventActivities } from '../activities/merchant-events/activities';
import { endpointAddressPolicyFrom } from '../config/endpoint-address';
import type { ResolveHost } from '../activities/merchant-events/post-to-endpoint';
import { createPaymentRecordActivities } from '../activities/payment-records';
import { createPaymentTransitionActivities } from '../activities/payment-transition';
import { createPayoutActivities } from '../activities/payouts/activities';
import { createPspActivities } from '../activities/psp-activities';
import { createPspHealthRecorder } from '../activities/psp-health';
import { createPaymentDecisionActivities } from '../activities/payment-decision';
import { createRiskActivities } from '../activities/risk';
import { createRoutingActivities } from '../activities/routing';
import { createReconciliationActivities } from '../activities/reconciliation/activities';
import { createSettlementActivities } from '../activities/settlement/activities';
import { settlementOptionsFrom } from '../contracts/settlement.client';
import { configuredPsps, pspWiringFromConfig, type PspWiring } from '../psp/wiring';
import { instrumentedGateways } from '../psp/instrumented-gateways';
import { serveMetrics } from '../api/metrics-server';
import { activityInterceptors, clientInterceptors, workflowSinks } from '../telemetry/temporal-interceptors';
import { ensureTracing } from '../telemetry/tracing';
import { createWorkerMetrics } from '../telemetry/worker-metrics';
import { openKeyring } from '../db/sealed/open-keyring';
import { encryptedDataConverter } from '../keyring/temporal-data-converter';
import { startEventRelay } from './event-relay';
import { buildPspGateways } from '../psp/gateways';
import { tamperAlarm } from '../telemetry/tamper-alarm';
import { workflowBundle } from './workflow-bundle';
import { deploymentOptionsFrom, promoteVersion, type DeploymentVersion } from './worker-deployment';

export interface WorkerDeps {
  config: Config;
  db: Database;
  connection: NativeConnection;
  /** Defaults to what config alone wires; where a simulator runs, sim/wiring.ts adds it. */
  wiring?: PspWiring;
  /** Defaults to config.temporal.taskQueue; tests pass their own. */
  taskQueue?: string;
  /** How webhook deliveries resolve host names; the system resolver unless a test maps its own names. */
  resolveWebhookHost?: ResolveHost;
  /** Defaults to the workflows of this code; the versioning test runs a changed copy. */
  workflowBundle?: WorkflowBundleWithSourceMap;
}

export async function startWorker(deps: WorkerDeps): Promise<{
  stop(): Promise<void>;
  metricsUrl?: string;
  /** Set when the worker is versioned. */
  version?: DeploymentVersion;
  /** A client with the worker's data converter, for what the process starts besides (the settlement schedule). */
  client: Client;
}> {
  const { config, db, connection } = deps;
  const taskQueue = deps.taskQueue ?? config.temporal.taskQueue;
  const tracing = ensureTracing(config);
  const wiring = deps.wiring ?? pspWiringFromConfig(config);
  const metricsPort = config.workerMetrics.port;
  // Before anything polls: a worker that cannot unwrap the data keys must not take tasks.
  const tampered = tamperAlarm((detail) =>
    Runtime.instance().logger.error('ciphertext_tampered: a sealed value failed its integrity check and was refused', detail),
  );
  const keyring = await openKeyring(db, config.encryption, tampered.raise);
  // Payloads and failure messages leave this process sealed (keyring/payload-codec.ts).
  const dataConverter = encryptedDataConverter(keyring);
  // Activities that start workflows (signal-with-start) need a client; the worker's native
  // connection serves one, so no second connection is opened.
  const client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter,
    interceptors: { workflow: clientInterceptors(tracing) },
  });
  const metrics = createWorkerMetrics({
    db,
    onCollectError: (metric, error) => Runtime.instance().logger.warn('metric not collected', { metric, error: String(error) }),
    processMetrics: metricsPort !== undefined,
  });
  metrics.registry.registerMetric(tampered.counter);
  const psps = instrumentedGateways(buildPspGateways(wiring, config.pspTimeoutMs), metrics);
  // First, so a taken port stops the start before anything polls.
  const metricsServer =
    metricsPort === undefined
      ? undefined
      : await serveMetrics({ registry: metrics.registry, token: config.metricsToken, host: config.host, port: metricsPort });
  const routing = createRoutingActivities({ db, config, availablePsps: configuredPsps(wiring) });
  const risk = createRiskActivities({ config, riskUrl: wiring.riskUrl });
  const bundle = deps.workflowBundle ?? (await workflowBundle({ tracing: tracing !== undefined }));
  const workerDeploymentOptions = deploymentOptionsFrom(config, bundle);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    dataConverter,
    // On stop, tasks in flight get this long to finish; an activity still running then is
    // cancelled and retried elsewhere (every PSP call carries its idempotency key).
    shutdownGraceTime: config.shutdownGraceMs,
    workflowBundle: bundle,
    workerDeploymentOptions,
    sinks: workflowSinks(tracing),
    activities: {
      ...createPspActivities({ psps, health: createPspHealthRecorder({ db, config }) }),
      ...routing,
      ...risk,
      ...createPaymentDecisionActivities({ ...routing, ...risk }),
      ...createLedgerActivities({ db }),
      ...createPaymentRecordActivities({ db, keyring }),
      ...createPaymentTransitionActivities({ db, keyring }),
      ...createExceptionActivities({ db }),
      ...createMerchantEventActivities({
        db,
        keyring,
        policy: endpointAddressPolicyFrom(config),
        resolve: deps.resolveWebhookHost,
      }),
      ...createPayoutActivities({ db, psps }),
      ...createDisputeActivities({ db, psps, keyring }),
      ...createDataKeyActivities({ db, keyring }),
      ...createReconciliationActivities({ db, psps, client, keyring }),
      ...createSettlementActivities({
        db,
        client,
        acquirerUrl: wiring.acquirerUrl,
        options: settlementOptionsFrom(config, taskQueue),
      }),
    },
    interceptors: { activity: [...activityInterceptors(tracing), dataRejectionInterceptor] },
  }).catch(async (error: unknown) => {
    await metricsServer?.stop();
    throw error;
  });
  const running = worker.run();
  const version = workerDeploymentOptions?.version;
  const promote = config.temporal.deployment.promoteOnStart ?? 'new';
  if (version && promote !== 'never') {
    // After run(): the version exists on the server only once this worker polls.
    const outcome = await promoteVersion(client, version, { onlyIfNew: promote === 'new' }).catch(async (error: unknown) => {
      worker.shutdown();
      await running;
      await metricsServer?.stop();
      throw error;
    });
    Runtime.instance().logger.info(`worker deployment version ${outcome}`, { ...version });
  }
  // Merchant events reach their delivery workflows through this worker's relay of the outbox.
  const relay = await startEventRelay({ db, client, taskQueue, pollIntervalMs: config.webhooks.relayPollMs });
  return {
    metricsUrl: metricsServer?.url,
    version,
    client,
    async stop() {
      await metricsServer?.stop();
      await relay.stop();
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      keyring.close();
    },
  };
}
