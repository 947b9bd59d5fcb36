// Temporal for tests: one in-memory dev server per mocha process (or the cluster named by
// TEST_TEMPORAL_ADDRESS), one time-skipping test server per process, both started on
// first use and stopped by the root teardown.
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { loadConfig } from '../../config/config';
import { freePort } from '../../devtools/free-port';
import { ensureSearchAttributes, SEARCH_ATTRIBUTES, startTemporalDevServer } from '../../devtools/temporal-dev-server';
import { ensureTemporalCli, ensureTestServer } from '../../devtools/temporal-tools';
import { onTeardown } from './teardown';

/** Settings only tests read; parsed once like config/config.ts does for the service. */
const testEnv = z
  .object({
    /** Run against this cluster instead of starting a dev server. */
    TEST_TEMPORAL_ADDRESS: z.string().optional(),
    TEST_TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_TEST_SERVER_PATH: z.string().optional(),
  })
  .parse(process.env);

export interface SharedTemporal {
  address: string;
  namespace: string;
  /** For Workers. */
  connection: NativeConnection;
  client: Client;
}

/** temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD */
const KEYWORD = 2;

let shared: Promise<SharedTemporal> | undefined;
let timeSkipping: Promise<TestWorkflowEnvironment> | undefined;

export function sharedTemporal(): Promise<SharedTemporal> {
  shared ??= connectShared();
  return shared;
}

async function connectShared(): Promise<SharedTemporal> {
  const namespace = testEnv.TEST_TEMPORAL_NAMESPACE;
  let address = testEnv.TEST_TEMPORAL_ADDRESS;
  if (!address) {
    const server = await startTemporalDevServer({
      cliPath: await ensureTemporalCli(loadConfig().temporal.cliPath),
      port: await freePort(),
      uiPort: null,
      namespace,
    });
    onTeardown(() => server.stop());
    address = server.address;
  }
  const connection = await NativeConnection.connect({ address });
  onTeardown(() => connection.close());
  // Not closed at teardown: a request some suite left waiting on it (an API handler whose
  // client went away keeps its update-with-start going) would have its next gRPC retry thrown
  // from a timer on the closed channel, after every test passed. The run's exit ends it.
  const clientConnection = await Connection.connect({ address });
  // Workflows upsert these; on a cluster we did not start they may be missing.
  if (testEnv.TEST_TEMPORAL_ADDRESS) await ensureSearchAttributes(clientConnection, namespace);
  return { address, namespace, connection, client: new Client({ connection: clientConnection, namespace }) };
}

/**
 * The time-skipping environment: timers fire as soon as the workflow under test waits on
 * them. Time is global to the server, so each test gets a server of its own (see
 * retireTimeSkippingEnv): the server stops skipping while it thinks a task is outstanding, and
 * a lock one test leaked would leave every later test's timers running in real time.
 */
export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  timeSkipping ??= (async () => {
    const path = await ensureTestServer(testEnv.TEMPORAL_TEST_SERVER_PATH);
    const env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
    });
    // Workflows upsert PaymentStatus; a server that does not know it fails their tasks forever.
    // This server implements adding search attributes but not listing them: add, once.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(Object.keys(SEARCH_ATTRIBUTES).map((name) => [name, KEYWORD])),
    });
    return env;
  })();
  return timeSkipping;
}

/** Stops the current time-skipping server, if any; the next timeSkippingEnv() starts a new one. */
export async function retireTimeSkippingEnv(): Promise<void> {
  const retiring = timeSkipping;
  timeSkipping = undefined;
  if (!retiring) return;
  try {
    await (await retiring).teardown();
  } catch {
    // A worker of a test that timed out still holds the connection; its server dies with the process.
  }
}

onTeardown(retireTimeSkippingEnv);

/** A task queue no other test polls, so workers of different tests never steal tasks. */
export function uniqueTaskQueue(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
