// POST /pal/servlet/Payout/v68/submitThirdParty: a payout to the payout details Adyen stores
// for a seller (shopperReference), at the path the library's Payout API calls relative to
// its host. Adyen answers `[payout-submit-received]` and tells the outcome by a PAYOUT_THIRDPARTY
// notification sent after the answer: success=true, or success=false with the bank's reason
// when `payout_failure` named the seller.
//
// Assumption: the simulated merchant account confirms third-party payouts automatically. At
// Adyen a submitted payout waits for a reviewer (or /confirmThirdParty) unless the account is
// set up that way; holdfast has no reviewer step, so its account must be.
//
// Every seller has payout details on file here (no /storeDetail): `LATEST` names them.
import { Router } from 'express';
import type { SimContext } from '../context';
import { PAYOUT_API_PATH } from './api-paths';
import { contractNotFound, invalidAmount, invalidField, requiredField } from './errors';
import { answer } from './idempotency';
import { pspReference } from './ids';
import { sendNotificationItem } from './notifications';
import { asRecord } from './payment-context';
import { amountParam, type Body, jsonObject, merchantAccountParam, requiredString } from './params';
import type { SimAdyenPayout } from './state';
import { notifyLater } from './timing';

/** The only resultCode /submitThirdParty answers on success, brackets included. */
const PAYOUT_SUBMIT_RECEIVED = '[payout-submit-received]';
const MAX_REFERENCE_LENGTH = 80;

export function payoutRoutes(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;

  router.post(`${PAYOUT_API_PATH}/submitThirdParty`, (req, res) => {
    const payout = newPayout(jsonObject(req.body), (sellerId) => context.payoutFailures.failureFor(sellerId));
    state.payouts.set(payout.pspReference, payout);
    answer(res, 200, { pspReference: payout.pspReference, resultCode: PAYOUT_SUBMIT_RECEIVED });
    // A replayed answer never reaches this handler, so one payout sends one notification.
    res.once('finish', () => notifyLater(() => notifyPayout(context, payout)));
  });

  return router;
}

function notifyPayout(context: SimContext, payout: SimAdyenPayout): void {
  sendNotificationItem(context, {
    eventCode: 'PAYOUT_THIRDPARTY',
    pspReference: payout.pspReference,
    merchantAccountCode: payout.merchantAccount,
    merchantReference: payout.reference,
    amount: payout.amount,
    success: payout.failureCode === null,
    ...(payout.failureCode === null ? {} : { reason: payout.failureCode }),
  });
}

/** Validates the SubmitRequest (its required fields, in the spec's order) and builds the payout. */
function newPayout(body: Body, failureFor: (sellerId: string) => string | undefined): SimAdyenPayout {
  const merchantAccount = merchantAccountParam(body);
  const reference = requiredString(body, 'reference');
  if (reference.length > MAX_REFERENCE_LENGTH) throw invalidField('reference', `at most ${MAX_REFERENCE_LENGTH} characters`);
  const amount = amountParam(body);
  if (amount.value === 0) throw invalidAmount('a payout must be for more than zero');
  const shopperEmail = requiredString(body, 'shopperEmail');
  if (!/^[^@\s]+@[^@\s]+$/.test(shopperEmail)) throw invalidField('shopperEmail', 'not an email address');
  const shopperReference = requiredString(body, 'shopperReference');
  if (body.recurring === undefined) throw requiredField('recurring');
  if (asRecord(body.recurring).contract !== 'PAYOUT') throw invalidField('recurring.contract', 'must be PAYOUT for a payout');
  if (requiredString(body, 'selectedRecurringDetailReference') !== 'LATEST') throw contractNotFound();
  return {
    pspReference: pspReference(),
    merchantAccount,
    reference,
    shopperReference,
    amount,
    failureCode: failureFor(shopperReference) ?? null,
    submittedAt: new Date().toISOString(),
  };
}
