// The page an Adyen shopper is redirected to for 3-D Secure (the `action.url` of a
// RedirectShopper answer), on the simulator's control port. Opening it completes the
// challenge: the payment is authorised (or refused, with `?outcome=failed`), the AUTHORISATION
// notification goes out, and the shopper is sent back to the payment's returnUrl with the
// `redirectResult` that /payments/details then accepts. Opening it again only redirects again.
import { Router } from 'express';
import type { SimContext } from '../context';
import { ADYEN_CHALLENGE_PATH, completeChallenge } from './authorisation';
import { redirectResult } from './ids';
import { notifyAuthorisation } from './payments';
import { notifyLater } from './timing';

export function adyenShopperPages(context: SimContext): Router {
  const router = Router();
  const state = context.store.adyen;

  router.get(`${ADYEN_CHALLENGE_PATH}/:pspReference`, (req, res) => {
    const payment = state.payments.get(req.params.pspReference);
    if (!payment) {
      res.status(404).type('text/plain').send('No such payment.');
      return;
    }
    if (payment.status === 'RedirectShopper') {
      completeChallenge(payment, req.query.outcome !== 'failed');
      payment.redirectResult = redirectResult();
      context.store.persist();
      notifyLater(() => notifyAuthorisation(context, payment));
    }
    if (payment.redirectResult === null) {
      res.status(409).type('text/plain').send('This payment is not waiting for a 3-D Secure challenge.');
      return;
    }
    const back = new URL(payment.returnUrl);
    back.searchParams.set('redirectResult', payment.redirectResult);
    res.redirect(302, back.toString());
  });

  return router;
}
