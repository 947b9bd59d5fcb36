// Finance's settlement routes: settle a business date at each PSP (again, for what earlier
// runs of the date did not take), read settlements with their totals, batches and items, and
// fetch the batch documents exactly as exchanged with the acquirer, for audits.
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { SettlementInFlight, settlementOptionsFrom, startSettlement } from '../../contracts/settlement.client';
import { recordedRuns } from '../../db/queries/settlement-pages';
import {
  findBatchDocuments,
  findSettlementDetail,
  findSettlementSummaries,
  listSettlementSummaries,
} from '../../db/queries/settlement-views';
import type { PspName } from '../../domain/psp';
import { businessDateOf } from '../../domain/settlement/business-date';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest, notFound } from '../errors';
import { idempotentPost, NotKeptRefusal } from '../idempotent-post';
import type { AuthenticatedKey } from '../middleware/auth';
import { createSettlementBody, listSettlementsQuery } from '../schemas/settlements';
import { parseOrThrow } from '../validate';
import { settlementDetailView, settlementView } from '../../views/settlement';

/** Refuses a business date after today in the platform time zone: it has not closed, nothing of it can be settled. */
export function assertNotFuture(date: string, timeZone: string): void {
  const today = businessDateOf(new Date(), timeZone);
  if (date > today) {
    throw invalidRequest('date_in_future', `The business date ${date} is after today (${today} in ${timeZone}).`, 'date');
  }
}

/** Refuses a PSP the workers have no gateway for: its workflow would fail on the first call. */
export function assertConfigured(psp: PspName, availablePsps: PspName[]): void {
  if (!availablePsps.includes(psp)) {
    throw invalidRequest('psp_not_configured', `${psp} is not configured here (configured: ${availablePsps.join(', ') || 'none'}).`, 'psp');
  }
}

/** Names the request in its run's memo: the key, whose it is, and what it asked for. */
function requestKeyOf(keyId: string, idempotencyKey: string, date: string, psp: string): string {
  return createHash('sha256').update([keyId, idempotencyKey, date, psp].join('\u0000')).digest('hex').slice(0, 32);
}

export function settlementRoutes({ config, db, temporal, availablePsps }: ApiDeps): Router {
  const router = Router();
  const options = settlementOptionsFrom(config);

  // An Idempotency-Key is required: the same key and body answer the same runs; a new key
  // settles the date again — a supplementary run that takes only what no earlier run took —
  // once the date's earlier runs finished, and is refused (409, not kept under the key) while
  // one is in flight.
  router.post(
    '/settlements',
    idempotentPost(db, config.idempotency, createSettlementBody, async ({ req, body, idempotencyKey }) => {
      assertNotFuture(body.date, options.timeZone);
      if (body.psp) assertConfigured(body.psp, availablePsps);
      const keyId = (req.res!.locals.apiKey as AuthenticatedKey).id;
      const psps = body.psp ? [body.psp] : availablePsps;
      const started = await Promise.all(
        psps.map(async (psp) => {
          return startSettlement(temporal, options, {
            businessDate: body.date,
            psp,
            requestKey: requestKeyOf(keyId, idempotencyKey, body.date, psp),
            whileInFlight: 'refuse',
            ...(await recordedRuns(db, body.date, psp)),
          }).catch((error: unknown) => {
            if (!(error instanceof SettlementInFlight)) throw error;
            throw new NotKeptRefusal(409, 'invalid_request_error', 'settlement_in_progress', `${error.message}.`, 'date');
          });
        }),
      );
      const settlements = await findSettlementSummaries(
        db,
        started.map((s) => s.settlementId),
      );
      return { status: 200, body: { object: 'list', data: settlements.map(settlementView), has_more: false } };
    }),
  );

  router.get('/settlements', async (req, res) => {
    const query = parseOrThrow(listSettlementsQuery, req.query);
    const settlements = await listSettlementSummaries(db, query);
    res.json({ object: 'list', data: settlements.map(settlementView), has_more: false });
  });

  router.get('/settlements/:id', async (req, res) => {
    const detail = await findSettlementDetail(db, req.params.id);
    if (!detail) throw notFound('settlement', req.params.id);
    res.json(settlementDetailView(detail));
  });

  async function requireBatch(settlementId: string, batchId: string) {
    const documents = await findBatchDocuments(db, settlementId, batchId);
    if (!documents) throw notFound('batch', batchId, 'batch');
    return documents;
  }

  router.get('/settlements/:id/batches/:batchId/file', async (req, res) => {
    const { rawRequest } = await requireBatch(req.params.id, req.params.batchId);
    res.type('text/csv').send(rawRequest);
  });

  router.get('/settlements/:id/batches/:batchId/response', async (req, res) => {
    const { rawResponse } = await requireBatch(req.params.id, req.params.batchId);
    if (rawResponse === null) {
      throw new ApiError(
        404,
        'invalid_request_error',
        'resource_missing',
        `Batch ${req.params.batchId} has no acquirer response yet.`,
        'batch',
      );
    }
    // As received, not re-serialized: the audit compares these bytes.
    res.type('application/json').send(rawResponse);
  });

  return router;
}
