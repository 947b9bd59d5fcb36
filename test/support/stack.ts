// The real stack for integration tests: the shared Temporal dev server and Postgres cluster,
// the PSP simulator, and per suite a fresh database, its own task queue, a worker and the API
// over HTTP. Nothing is faked above the PSP's network boundary.
import { withDevMasterKey } from '../../devtools/dev-master-key';
import { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { ResolveHost } from '../../activities/merchant-events/post-to-endpoint';
import type { Logger } from '../../telemetry/logger';
import { startApi } from '../../api/server';
import { loadConfig, type Config } from '../../config/config';
import type { Database } from '../../db/client';
import { createMerchant } from '../../db/queries/merchants';
import { openKeyring } from '../../db/sealed/open-keyring';
import type { Keyring } from '../../keyring/keyring';
import { encryptedDataConverter } from '../../keyring/temporal-data-converter';
import { startSimulator, type RunningSimulator } from '../../sim/server';
import { startWorker } from '../../workers/start';
import { createHoldfastClient, type HoldfastClient } from '@holdfast/client';
import { apiClient, type ApiClient } from './http';
import { simulatorClient } from './simulator-client';
import { freshDatabase } from './postgres';
import { onTeardown } from './teardown';
import { sharedTemporal, uniqueTaskQueue } from './temporal';
import type { PspWiring } from '../../psp/wiring';
import type { PspName } from '../../domain/psp';
import { simulatorWiring } from '../../sim/wiring';

export interface TestStack {
  apiUrl: string;
  /** The suite's own simulator: its webhooks go to this stack's API, its outages hurt no other suite. */
  sim: RunningSimulator;
  simUrl: string;
  /** As the app role, the API's and the worker's. */
  db: Database;
  databaseUrl: string;
  /** As the owner, which migrated it: for setup the app role may not do. */
  ownerDatabaseUrl: string;
  config: Config;
  /** What the suite's worker and API are wired to: the simulator for each PSP in `psps`. */
  wiring: PspWiring;
  /** With the stack's data converter: reads the payloads its worker and API sealed. */
  client: Client;
  /** The stack's keyring: opens what its worker and API sealed, in Postgres and in histories. */
  keyring: Keyring;
  connection: NativeConnection;
  /**
   * A new merchant and clients authenticated as it: `client` the typed one, for well-formed
   * requests; `api` the raw one, for requests malformed on purpose.
   */
  merchant(settings?: {
    captureBeforeSeconds?: number;
    feeBps?: number;
  }): Promise<{ id: string; apiKey: string; api: ApiClient; client: HoldfastClient }>;
  /** Starts another worker on the suite's task queue (the suite starts one unless told not to). */
  startWorker(): Promise<{ stop(): Promise<void> }>;
  /** Stops the in-process workers started so far. */
  stopWorkers(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestStack(
  options: {
    env?: Record<string, string>;
    withWorker?: boolean;
    logger?: Logger;
    /** The PSPs configured (the simulator stands in for each); both unless told otherwise. */
    psps?: readonly PspName[];
    resolveWebhookHost?: ResolveHost;
  } = {},
): Promise<TestStack> {
  const [temporal, sim, database] = await Promise.all([sharedTemporal(), startSimulator(), freshDatabase()]);
  onTeardown(() => sim.close());
  const config = withDevMasterKey(
    loadConfig({
      TEMPORAL_TASK_QUEUE: uniqueTaskQueue('payments'),
      TEMPORAL_NAMESPACE: temporal.namespace,
      LOG_LEVEL: 'silent',
      // The tests' webhook receivers listen on 127.0.0.1.
      WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true',
      // Suites about something else send quick bursts from one merchant and one address; the
      // rate-limits suite sets its own small limits.
      RATE_LIMIT_PER_SECOND: '100000',
      REDELIVERY_RATE_LIMIT_PER_MINUTE: '100000',
      OPS_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      AUTH_FAILURE_RATE_LIMIT_PER_MINUTE: '100000',
      ...options.env,
    }),
    { persistent: false },
  );
  const wiring = simulatorWiring(config, sim, options.psps);
  const workers: Array<{ stop(): Promise<void> }> = [];
  const startSuiteWorker = async () => {
    const worker = await startWorker({
      config,
      db: database.db,
      connection: temporal.connection,
      wiring,
      resolveWebhookHost: options.resolveWebhookHost,
    });
    workers.push(worker);
    return worker;
  };
  if (options.withWorker !== false) await startSuiteWorker();
  const api = await startApi({
    config,
    db: database.db,
    temporal: temporal.client,
    port: 0,
    logger: options.logger,
    wiring,
  });
  sim.setWebhookTarget(api.url);
  // The suite's database holds its data keys: what its worker sealed, only its keyring opens.
  const keyring = await openKeyring(database.db, config.encryption, () => {});
  const client = new Client({
    connection: temporal.client.connection,
    namespace: temporal.namespace,
    dataConverter: encryptedDataConverter(keyring),
  });

  return {
    apiUrl: api.url,
    sim,
    simUrl: sim.url,
    db: database.db,
    databaseUrl: database.url,
    ownerDatabaseUrl: database.ownerUrl,
    config,
    wiring,
    client,
    keyring,
    connection: temporal.connection,
    async merchant(settings = {}) {
      const merchant = await createMerchant(database.db, { name: 'Test merchant', ...settings });
      return {
        ...merchant,
        api: apiClient(api.url, merchant.apiKey),
        client: createHoldfastClient({ baseUrl: api.url, apiKey: merchant.apiKey }),
      };
    },
    startWorker: startSuiteWorker,
    async stopWorkers() {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
    },
    async stop() {
      await api.stop();
      await Promise.all(workers.map((w) => w.stop()));
      keyring.close();
      await database.close();
    },
  };
}

/**
 * One stack per describe block, started in its before hook and stopped after it, with a
 * merchant's API clients (typed and raw) and a client of the stack's simulator. Read the fields in tests.
 */
export function stackForSuite(options: Parameters<typeof startTestStack>[0] = {}) {
  const suite = {} as { stack: TestStack; api: ApiClient; client: HoldfastClient; sim: ReturnType<typeof simulatorClient> };
  before(async function () {
    this.timeout(300_000);
    suite.stack = await startTestStack(options);
    ({ api: suite.api, client: suite.client } = await suite.stack.merchant());
    suite.sim = simulatorClient(suite.stack.simUrl);
  });
  after(() => suite.stack?.stop());
  return suite;
}
