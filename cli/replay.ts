// `holdfast replay <workflowId> [--run-id R]`: replays a workflow's recorded history
// against the current workflow code. A non-determinism error means a change to code that
// has runs in flight needs `patched()`; check before deploying.
import { isGrpcServiceError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { workflowBundle } from '../workers/workflow-bundle';
import { SetupError, UsageError } from './errors';
import { cliTemporal, type CliTemporal } from './temporal-client';
import { installTemporalRuntime } from './temporal-runtime';

const GRPC_NOT_FOUND = 5;

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'run-id': { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('usage: holdfast replay <workflowId> [--run-id <runId>]');
  const [workflowId] = positionals;
  // The replay worker logs its whole life cycle at INFO; only the verdict matters here.
  installTemporalRuntime('warn');

  const temporal = await cliTemporal(config);
  try {
    const history = await fetchHistory(temporal, workflowId, values['run-id']);
    try {
      // The same bundle and data converter the worker runs, so replay checks exactly the
      // code that would deploy, on the payloads as the worker decodes them (the keyring's).
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), dataConverter: temporal.dataConverter }, history, workflowId);
    } catch (error) {
      console.log(`FAILED ${workflowId}: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`);
      return 1;
    }
    console.log(`OK ${workflowId} (${history.events?.length ?? 0} events replayed)`);
    return 0;
  } finally {
    await temporal.close();
  }
}

async function fetchHistory({ client, address, namespace }: CliTemporal, workflowId: string, runId: string | undefined) {
  try {
    return await client.workflow.getHandle(workflowId, runId).fetchHistory();
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      throw new SetupError(`no workflow ${workflowId} in namespace ${namespace} at ${address}`);
    }
    throw error;
  }
}
