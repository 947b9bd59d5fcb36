// /v1/disputes/:id: the merchant's side of a dispute. An update stores evidence; with
// `submit=true` it goes to the card network (status under_review) and can no longer change.
// Stripe refuses evidence for a closed dispute, after its due date, or once submitted.
import { Router } from 'express';
import type { SimContext } from '../context';
import { nowInSeconds } from '../store';
import { invalidParam, noSuchObject, StripeApiError } from './errors';
import { isOpen } from './disputes';
import { DISPUTE_EVIDENCE_FIELDS, disputeObject } from './objects';
import { type FormParams, onlyKnownParams, optionalBoolean } from './params';

export function disputeRoutes(context: SimContext): Router {
  const router = Router();
  const { store } = context;

  const find = (id: string) => {
    const dispute = store.disputes.get(id);
    if (!dispute) throw noSuchObject('dispute', id, 'dispute');
    return dispute;
  };

  router.post('/disputes/:id', (req, res) => {
    const params = onlyKnownParams(req.body, ['evidence', 'submit']);
    const evidence = evidenceParam(params);
    const submit = optionalBoolean(params, 'submit') ?? false;
    const dispute = find(req.params.id);
    if (!isOpen(dispute)) throw refused(`This dispute is already closed (status ${dispute.status}); its evidence can no longer change.`);
    if (dispute.status === 'under_review') {
      throw refused('The evidence for this dispute has already been submitted and can no longer change.');
    }
    if (nowInSeconds() > dispute.dueBy) {
      throw refused(`The evidence for this dispute was due by ${new Date(dispute.dueBy * 1000).toISOString()}.`);
    }
    dispute.evidence = { ...dispute.evidence, ...evidence };
    if (submit) {
      dispute.status = 'under_review';
      dispute.submissionCount += 1;
    }
    res.json(disputeObject(dispute));
  });

  router.get('/disputes/:id', (req, res) => {
    res.json(disputeObject(find(req.params.id)));
  });

  return router;
}

/** `evidence[uncategorized_text]=…`: text fields and file ids, by Stripe's names only. */
function evidenceParam(params: FormParams): Record<string, string> {
  const raw = params.evidence;
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalidParam('Invalid object', 'evidence');
  const evidence: Record<string, string> = {};
  for (const [field, value] of Object.entries(raw)) {
    if (!(DISPUTE_EVIDENCE_FIELDS as readonly string[]).includes(field)) {
      throw invalidParam(`Received unknown parameter: evidence[${field}]`, `evidence[${field}]`, 'parameter_unknown');
    }
    if (typeof value !== 'string' || value === '') throw invalidParam(`Invalid string: evidence[${field}]`, `evidence[${field}]`);
    evidence[field] = value;
  }
  return evidence;
}

function refused(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message });
}
