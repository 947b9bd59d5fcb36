// A namespace's retention — how long Temporal keeps a closed workflow's history for ops to
// inspect and replay — set explicitly rather than left to a server's default (the dev server
// keeps a day). Histories are not holdfast's record of money: the ledger and the read model
// are, and they stay in Postgres.
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

const SECONDS_PER_DAY = 86_400;

/** Sets `namespace`'s retention to `days` unless it already is. */
export async function ensureRetention(connection: Pick<Connection, 'workflowService'>, namespace: string, days: number): Promise<void> {
  const wanted = days * SECONDS_PER_DAY;
  const { config } = await connection.workflowService.describeNamespace({ namespace });
  if (Number(config?.workflowExecutionRetentionTtl?.seconds ?? 0) === wanted) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: msToTs(wanted * 1000) },
  });
}
