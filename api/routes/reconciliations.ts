// Finance's on-demand reconciliation: start a run that matches a PSP's report for a business
// date against the ledger, and read a run's outcome. Runs of the same date may overlap
// safely (see contracts/reconciliation.contract.ts). Every POST carries an Idempotency-Key,
// as every other POST does: a retry is answered the same run, whose id derives from the key.
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { startReconciliation } from '../../contracts/reconciliation.client';
import { beginRun, findRun } from '../../db/queries/reconciliation';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { idempotentPost } from '../idempotent-post';
import type { AuthenticatedKey } from '../middleware/auth';
import { createReconciliationBody } from '../schemas/reconciliations';
import { parseOrThrow } from '../validate';
import { reconciliationView } from '../../views/reconciliation';
import { assertConfigured, assertNotFuture } from './settlements';

/**
 * Checks the date and PSP and starts the run; shared with the /ops page's button. The run is
 * recorded as running before the answer goes out, so GET /v1/reconciliations/{id} finds the
 * run this answer names (the workflow's own record of it, a moment later, changes nothing).
 */
export async function startReconciliationRun(
  { config, db, temporal, availablePsps }: Pick<ApiDeps, 'config' | 'db' | 'temporal' | 'availablePsps'>,
  request: unknown,
  /** Derives the run id; without it the run gets a random one. */
  idempotency?: { keyId: string; idempotencyKey: string },
) {
  const { date, psp } = parseOrThrow(createReconciliationBody, request);
  assertNotFuture(date, config.settlement.timeZone);
  assertConfigured(psp, availablePsps);
  const { runId, workflowId } = await startReconciliation(
    temporal,
    { taskQueue: config.temporal.taskQueue, timeZone: config.settlement.timeZone, tolerance: config.reconciliation.tolerance },
    { businessDate: date, psp, runId: idempotency && derivedRunId(idempotency, date, psp) },
  );
  await beginRun(db, { id: runId, businessDate: date, psp, workflowId });
  return { id: runId, object: 'reconciliation' as const, date, psp, status: 'running' as const };
}

/** The body is part of it: the same key sent with another date or PSP must not answer this run. */
function derivedRunId({ keyId, idempotencyKey }: { keyId: string; idempotencyKey: string }, date: string, psp: string): string {
  return `rec_${createHash('sha256').update([keyId, idempotencyKey, date, psp].join('\u0000')).digest('hex').slice(0, 24)}`;
}

export function reconciliationRoutes(deps: ApiDeps): Router {
  const router = Router();

  router.post(
    '/reconciliations',
    idempotentPost(deps.db, deps.config.idempotency, createReconciliationBody, async ({ req, body, idempotencyKey }) => {
      const keyId = (req.res!.locals.apiKey as AuthenticatedKey).id;
      return { status: 202, body: await startReconciliationRun(deps, body, { keyId, idempotencyKey }) };
    }),
  );

  router.get('/reconciliations/:id', async (req, res) => {
    const run = await findRun(deps.db, req.params.id);
    if (!run) throw notFound('reconciliation', req.params.id);
    res.json(reconciliationView(run));
  });

  return router;
}
