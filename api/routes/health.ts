// Liveness (the process answers) and readiness (it can do its job: Postgres and Temporal
// reachable, and a worker polling the payment task queue).
import { Router } from 'express';
import { sql } from 'drizzle-orm';
import type { ApiDeps } from '../deps';

const CHECK_TIMEOUT_MS = 2_000;
/**
 * A live worker long-polls for at most a minute before polling again; the server keeps
 * listing a dead one for minutes. A poller seen within this window counts as polling.
 */
const POLLER_FRESH_MS = 90_000;

function recentlyPolled(pollers: Array<{ lastAccessTime?: { seconds?: unknown } | null }>): boolean {
  const cutoff = Date.now() - POLLER_FRESH_MS;
  return pollers.some((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= cutoff);
}

function within<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref())]);
}

export function healthRoutes({ config, db, temporal }: ApiDeps): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [postgres, workers] = await Promise.allSettled([
      within(db.execute(sql`select 1`)),
      within(
        temporal.workflowService.describeTaskQueue({
          namespace: config.temporal.namespace,
          taskQueue: { name: config.temporal.taskQueue },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        }),
      ),
    ]);
    const checks = {
      postgres: postgres.status === 'fulfilled' ? 'ok' : 'unreachable',
      temporal: workers.status === 'fulfilled' ? 'ok' : 'unreachable',
      worker: workers.status === 'fulfilled' && recentlyPolled(workers.value.pollers ?? []) ? 'polling' : 'none',
    };
    const ready = checks.postgres === 'ok' && checks.temporal === 'ok' && checks.worker === 'polling';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
  });

  return router;
}
