// `holdfast deploy`: the operator's side of a rollout with Worker Deployments
// (docs/deploys.md). `status` shows the deployment's versions, `promote` makes one current
// (a new one, or an old one to roll back), and `open-runs` answers the question a patch's
// next step waits on: are runs begun before a version still open?
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { parseArgs } from 'node:util';
import type { Config } from '../config/config';
import { promoteVersion } from '../workers/worker-deployment';
import { SetupError, UsageError } from './errors';
import { cliTemporal } from './temporal-client';

const USAGE = [
  'usage: holdfast deploy status',
  '       holdfast deploy promote <buildId>',
  '       holdfast deploy open-runs --started-before <buildId | ISO time> [--type <WorkflowType>]',
].join('\n');

const GRPC_NOT_FOUND = 5;

/** How many open runs `open-runs` names; the count covers all. */
const LISTED = 20;

export async function run(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'started-before': { type: 'string' }, type: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const [action, ...rest] = positionals;
  // open-runs lists runs, whose memos are sealed: the keyring opens if one is met.
  const connected = await cliTemporal(config);
  const { client } = connected;
  const deploymentName = config.temporal.deployment.name;
  try {
    if (action === 'status' && rest.length === 0) return await status(client, deploymentName);
    if (action === 'promote' && rest.length === 1) {
      const outcome = await promoteVersion(
        client,
        { deploymentName, buildId: rest[0]! },
        { timeoutMs: 10_000, identity: 'holdfast deploy promote' },
      );
      console.log(`${deploymentName} version ${rest[0]}: ${outcome}`);
      return 0;
    }
    if (action === 'open-runs' && rest.length === 0 && values['started-before']) {
      return await openRuns(client, { deploymentName, taskQueue: config.temporal.taskQueue }, values['started-before'], values.type);
    }
    throw new UsageError(USAGE);
  } finally {
    await connected.close();
  }
}

async function versionsOf(client: Client, deploymentName: string) {
  try {
    const { workerDeploymentInfo } = await client.workflowService.describeWorkerDeployment({
      namespace: client.options.namespace,
      deploymentName,
    });
    return workerDeploymentInfo?.versionSummaries ?? [];
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) {
      throw new SetupError(`no deployment ${deploymentName} in ${client.options.namespace}: no versioned worker of it has polled`);
    }
    throw error;
  }
}

async function status(client: Client, deploymentName: string): Promise<number> {
  const versions = await versionsOf(client, deploymentName);
  console.log(`deployment ${deploymentName} in ${client.options.namespace}`);
  for (const version of versions) {
    const state = temporal.api.enums.v1.WorkerDeploymentVersionStatus[version.status ?? 0]?.replace(
      'WORKER_DEPLOYMENT_VERSION_STATUS_',
      '',
    );
    const times = [
      ['created', version.createTime],
      ['last current', version.lastCurrentTime],
      ['deactivated', version.lastDeactivationTime],
    ].flatMap(([label, ts]) => {
      const at = optionalTsToDate(ts as Parameters<typeof optionalTsToDate>[0]);
      return at ? [`${label as string} ${at.toISOString()}`] : [];
    });
    console.log(`  ${version.deploymentVersion?.buildId ?? '?'}  ${state}  ${times.join(', ')}`);
  }
  return 0;
}

/**
 * Open runs on the task queue begun before a time, or before the last time a version became current: zero
 * means no run in flight can still take the code path that version replaced. Exits 1 while
 * any remain, so a release script can wait on it.
 */
async function openRuns(
  client: Client,
  { deploymentName, taskQueue }: { deploymentName: string; taskQueue: string },
  before: string,
  type: string | undefined,
): Promise<number> {
  const since = await boundary(client, deploymentName, before);
  // The deployment's task queue: runs on other queues of the namespace are not its workers' to replay.
  const conditions = [`ExecutionStatus = "Running"`, `TaskQueue = ${JSON.stringify(taskQueue)}`, `StartTime < "${since.toISOString()}"`];
  if (type) {
    if (!/^\w+$/.test(type)) throw new UsageError(`--type must be a workflow type name such as paymentWorkflow`);
    conditions.push(`WorkflowType = "${type}"`);
  }
  const query = conditions.join(' AND ');
  const { count } = await client.workflow.count(query);
  console.log(`${count} open run(s) started before ${since.toISOString()}${type ? ` of ${type}` : ''} (${query})`);
  let listed = 0;
  for await (const execution of client.workflow.list({ query, pageSize: LISTED })) {
    console.log(`  ${execution.workflowId}  ${execution.type}  started ${execution.startTime.toISOString()}`);
    if (++listed === LISTED) break;
  }
  return count === 0 ? 0 : 1;
}

async function boundary(client: Client, deploymentName: string, before: string): Promise<Date> {
  if (/^\d{4}-\d{2}-\d{2}T/.test(before)) {
    const at = new Date(before);
    if (Number.isNaN(at.getTime())) throw new UsageError(`--started-before ${before} is not a time`);
    return at;
  }
  const version = (await versionsOf(client, deploymentName)).find((v) => v.deploymentVersion?.buildId === before);
  const lastCurrent = optionalTsToDate(version?.lastCurrentTime);
  if (!lastCurrent) throw new SetupError(`version ${before} of deployment ${deploymentName} has never been current`);
  return lastCurrent;
}
