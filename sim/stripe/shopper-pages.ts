// The page a Stripe shopper visits for a 3-D Secure challenge, on the simulator's control
// port. Visiting it is passing the challenge (`?outcome=fail` fails it, like the Fail button
// of Stripe's test page); the shopper is then sent back to the return_url with the query
// Stripe adds: payment_intent, payment_intent_client_secret, redirect_status.
import { Router } from 'express';
import type { SimContext } from '../context';
import { completeChallenge } from './authorization';
import { NO_API_REQUEST, sendConfirmationEvent } from './events';

const CHALLENGE_PATH = '/_sim/3ds/stripe';

export function challengePageUrl(context: SimContext, paymentIntentId: string): string {
  return `${context.publicUrl()}${CHALLENGE_PATH}/${paymentIntentId}`;
}

export function stripeShopperPages(context: SimContext): Router {
  const router = Router();

  router.get(`${CHALLENGE_PATH}/:id`, (req, res) => {
    const outcome = req.query.outcome ?? 'pass';
    if (outcome !== 'pass' && outcome !== 'fail') {
      res.status(400).type('text/plain').send('outcome must be pass or fail');
      return;
    }
    const intent = context.store.paymentIntents.get(req.params.id);
    if (!intent) {
      res.status(404).type('text/plain').send(`No such PaymentIntent: ${req.params.id}`);
      return;
    }
    const action = intent.nextAction;
    if (intent.status !== 'requires_action' || action === null) {
      res.status(409).type('text/plain').send(`PaymentIntent ${intent.id} is not waiting for authentication (${intent.status}).`);
      return;
    }

    completeChallenge(intent, outcome === 'pass');
    // The app saves the store after POSTs; a shopper's GET changes it too.
    context.store.persist();
    sendConfirmationEvent(context, intent, NO_API_REQUEST);

    if (action.type !== 'redirect_to_url') {
      // Stripe.js would now resolve in the shopper's browser; there is nowhere to send them.
      res.type('text/plain').send(`Authentication ${outcome === 'pass' ? 'complete' : 'failed'}.`);
      return;
    }
    const back = new URL(action.redirect_to_url.return_url);
    back.searchParams.set('payment_intent', intent.id);
    back.searchParams.set('payment_intent_client_secret', intent.clientSecret);
    back.searchParams.set('redirect_status', outcome === 'pass' ? 'succeeded' : 'failed');
    res.redirect(302, back.toString());
  });

  return router;
}
