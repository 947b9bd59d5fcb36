// How `holdfast cluster` tells that one of its processes does its job, not merely that it runs.
import type { Client } from '@temporalio/client';
import { Client as PgClient } from 'pg';

const PROBE_TIMEOUT_MS = 2_000;

/** An HTTP answer with one of `statuses` (any status when none given). */
export async function answers(url: string, statuses?: number[]): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) }).catch(() => undefined);
  if (!response) return false;
  await response.body?.cancel();
  return statuses === undefined || statuses.includes(response.status);
}

/** Postgres takes a query (it accepts connections before it can: "the database system is starting up"). */
export async function queries(databaseUrl: string): Promise<boolean> {
  const client = new PgClient({ connectionString: databaseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The worker with this pid polls the workflow task queue: the SDK's default identity is
 * `<pid>@<host>`, and the server lists a poller as soon as it polls.
 */
export async function pollsTaskQueue(client: Client, taskQueue: string, pid: number): Promise<boolean> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue },
    taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
  });
  return (pollers ?? []).some((poller) => poller.identity?.startsWith(`${pid}@`));
}
