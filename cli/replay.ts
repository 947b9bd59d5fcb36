// `holdfast replay <workflowId> [--run-id R]`: replays a workflow's recorded history
// against the current workflow code. A non-determinism error means a change to code that
// has runs in flight needs `patched()`; check before deploying.
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { workflowBundle } from '../workers/workflow-bundle';
import { SetupError, UsageError } from './errors';
import { temporalOf } from './stack-endpoints';
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

  const history = await fetchHistory(await temporalOf(config), workflowId, values['run-id']);
  try {
    // The same bundle the worker runs, so replay checks exactly the code that would deploy.
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
  } catch (error) {
    console.log(`FAILED ${workflowId}: ${error instanceof Error ? `${error.name}: ${error.message}` : error}`);
    return 1;
  }
  console.log(`OK ${workflowId} (${history.events?.length ?? 0} events replayed)`);
  return 0;
}

async function fetchHistory(
  { address, namespace }: { address: string; namespace: string },
  workflowId: string,
  runId: string | undefined,
) {
  const connection = await Connection.connect({ address });
  try {
    return await new Client({ connection, namespace }).workflow.getHandle(workflowId, runId).fetchHistory();
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      throw new SetupError(`no workflow ${workflowId} in namespace ${namespace} at ${address}`);
    }
    throw error;
  } finally {
    await connection.close();
  }
}
