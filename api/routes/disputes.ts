// Disputes (chargebacks) of a merchant's payments: read them and submit evidence before the
// due date. They are opened and closed by the PSPs' webhooks, never over this API.
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { findDispute, listDisputes } from '../../db/queries/disputes';
import { DISPUTE_REQUEST_REFUSED, submitEvidenceUpdate } from '../../contracts/dispute.contract';
import { openEvidence } from '../../db/sealed/dispute-evidence';
import type { ApiDeps } from '../deps';
import { invalidRequest, notFound } from '../errors';
import { idempotentPost } from '../idempotent-post';
import { refusalIn, refusalToApiError } from '../refusals';
import { listDisputesQuery, submitEvidenceBody } from '../schemas/marketplace';
import { parseOrThrow } from '../validate';
import { disputeView } from '../../views/dispute';
import { isClosedWorkflowError } from '../closed-workflow';
import { disputeHandle } from '../../contracts/dispute.client';

export function disputeRoutes({ config, db, temporal, keyring }: ApiDeps): Router {
  const router = Router();

  router.get('/disputes', async (req, res) => {
    const query = parseOrThrow(listDisputesQuery, req.query);
    const { rows, hasMore } = await listDisputes(db, {
      merchantId: res.locals.merchant.id,
      limit: query.limit,
      ...(query.starting_after ? { startingAfter: query.starting_after } : {}),
      ...(query.payment ? { paymentId: query.payment } : {}),
      ...(query.status ? { status: query.status } : {}),
    });
    const opened = await Promise.all(rows.map((row) => openEvidence(keyring, row)));
    res.json({ object: 'list', data: opened.map(disputeView), has_more: hasMore });
  });

  router.get('/disputes/:id', async (req, res) => {
    const dispute = await findDispute(db, res.locals.merchant.id, req.params.id);
    if (!dispute) throw notFound('dispute', req.params.id);
    res.json(disputeView(await openEvidence(keyring, dispute)));
  });

  router.post(
    '/disputes/:id/evidence',
    idempotentPost(db, config.idempotency, submitEvidenceBody, async ({ merchant, body, req }) => {
      const id = String(req.params.id);
      const dispute = await findDispute(db, merchant.id, id);
      if (!dispute) throw notFound('dispute', id);
      try {
        const state = await disputeHandle(temporal, dispute.id).executeUpdate(submitEvidenceUpdate, { args: [{ text: body.text }] });
        return { status: 200, body: disputeView(state) };
      } catch (error) {
        const refusal = refusalIn(error, DISPUTE_REQUEST_REFUSED, 'dispute_unexpected_state');
        // A refusal of evidence is about the evidence, so the text is the field at fault; except
        // a PSP this deployment has no gateway for, which no field of the request can fix.
        if (refusal?.code === 'psp_not_configured') throw refusalToApiError(refusal);
        if (refusal) throw refusalToApiError({ ...refusal, param: 'text' });
        if (error instanceof WorkflowNotFoundError || isClosedWorkflowError(error)) {
          throw invalidRequest('dispute_closed', `This dispute is ${dispute.status}; evidence can no longer be submitted.`);
        }
        throw error;
      }
    }),
  );

  return router;
}
