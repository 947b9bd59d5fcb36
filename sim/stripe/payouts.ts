// /v1/payouts: a payout to the seller's bank account. Stripe answers `pending` and tells the
// outcome later by webhook: `payout.paid`, or `payout.failed` for a seller a test made fail
// (`payout_failure` on /_sim/control, keyed by metadata[holdfast_seller]). The outcome is
// stored at once, so the POST that caused it persists it, and only the news waits until the
// caller has its answer.
import { Router } from 'express';
import type { SimContext } from '../context';
import { nowInSeconds, type SimPayout } from '../store';
import { assertStripeAmount } from './currency-rules';
import { noSuchObject } from './errors';
import { NO_API_REQUEST, sendStripeEvent } from './events';
import { stripeId } from './ids';
import { payoutObject } from './objects';
import { currencyParam, metadataParam, onlyKnownParams, optionalString, requiredAmount } from './params';

/** The metadata key holdfast names the paid seller with. */
const SELLER_METADATA_KEY = 'holdfast_seller';

/** Stripe's messages for its payout failure codes; any other code gets the generic one. */
const FAILURE_MESSAGES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The bank account number or routing number is invalid.',
  no_account: 'The bank account details on file are probably incorrect.',
};

export function payoutRoutes(context: SimContext): Router {
  const router = Router();
  const { store } = context;

  router.post('/payouts', (req, res) => {
    const params = onlyKnownParams(req.body, ['amount', 'currency', 'description', 'metadata']);
    const amount = requiredAmount(params, 'amount');
    const currency = currencyParam(params);
    assertStripeAmount(amount, currency, 'amount', 'payout');
    const payout: SimPayout = {
      id: stripeId('po'),
      created: nowInSeconds(),
      amount,
      currency,
      description: optionalString(params, 'description') ?? null,
      metadata: metadataParam(params),
      status: 'pending',
      failureCode: null,
      failureMessage: null,
    };
    store.payouts.set(payout.id, payout);
    const answer = payoutObject(payout);

    const seller = payout.metadata[SELLER_METADATA_KEY];
    const failureCode = seller === undefined ? undefined : context.payoutFailures.failureFor(seller);
    if (failureCode === undefined) {
      payout.status = 'paid';
    } else {
      payout.status = 'failed';
      payout.failureCode = failureCode;
      payout.failureMessage = FAILURE_MESSAGES[failureCode] ?? 'The bank refused the payout.';
    }
    const outcome = payoutObject(payout);
    // Never for a replayed answer: the idempotency layer answers those without coming here.
    res.once('finish', () => sendStripeEvent(context, payout.status === 'paid' ? 'payout.paid' : 'payout.failed', outcome, NO_API_REQUEST));
    res.json(answer);
  });

  router.get('/payouts/:id', (req, res) => {
    const payout = store.payouts.get(req.params.id);
    if (!payout) throw noSuchObject('payout', req.params.id, 'id');
    res.json(payoutObject(payout));
  });

  return router;
}
