// PSP webhooks in: verify the signature over the raw body, hand each event to its payment's,
// payout's or dispute's workflow, answer fast. A bad or missing signature, or a stale timestamp, answers 400 and
// nothing is stored. Mounted before the JSON parser: signatures cover the exact bytes.
import express, { Router } from 'express';
import {
  disputeEventsFromAdyenNotification,
  payoutEventsFromAdyenNotification,
  pspEventsFromAdyenNotification,
  verifyAdyenNotificationItem,
} from '../../activities/psp/adyen/notifications';
import {
  disputeEventFromStripeEvent,
  payoutEventFromStripeEvent,
  pspEventFromStripeEvent,
  verifyStripeWebhook,
} from '../../activities/psp/stripe/webhooks';
import { webhookSecrets } from '../../activities/psp/wiring';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest } from '../errors';
import { acceptDisputeEvent } from '../dispute-event-intake';
import { acceptPayoutEvent } from '../payout-event-intake';
import { acceptPspEvent } from '../psp-event-intake';

/** Stripe's tolerance for the signed timestamp, which the issue asks for too. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

const rawBody = express.raw({ type: () => true, limit: '1mb' });

export function pspWebhookRoutes(deps: ApiDeps): Router {
  const router = Router();
  const secrets = webhookSecrets(deps.wiring);

  router.post('/webhooks/stripe', rawBody, async (req, res) => {
    if (!secrets.stripe) throw notConfigured('stripe');
    let event;
    try {
      event = verifyStripeWebhook(bodyOf(req.body), req.get('stripe-signature'), secrets.stripe, SIGNATURE_TOLERANCE_SECONDS);
    } catch {
      throw invalidSignature('Stripe-Signature');
    }
    // Each Stripe event is about a payment, a payout or a dispute: at most one of these maps it.
    const pspEvent = pspEventFromStripeEvent(event);
    if (pspEvent) await acceptPspEvent(deps, pspEvent);
    const payoutEvent = payoutEventFromStripeEvent(event);
    if (payoutEvent) await acceptPayoutEvent(deps, payoutEvent);
    const disputeEvent = disputeEventFromStripeEvent(event);
    if (disputeEvent) await acceptDisputeEvent(deps, disputeEvent);
    res.json({ received: true });
  });

  router.post('/webhooks/adyen', rawBody, async (req, res) => {
    if (!secrets.adyen) throw notConfigured('adyen');
    let notification: { notificationItems?: Array<{ NotificationRequestItem?: unknown }> };
    try {
      notification = JSON.parse(bodyOf(req.body).toString('utf8'));
    } catch {
      throw invalidRequest('invalid_json', 'The request body is not valid JSON.');
    }
    const items = Array.isArray(notification?.notificationItems) ? notification.notificationItems : undefined;
    if (!items || items.length === 0) throw invalidRequest('invalid_notification', 'No notificationItems in the body.', 'notificationItems');
    // All or nothing: one unverifiable item and the whole batch is refused, before any is used.
    for (const item of items) {
      if (!verifyAdyenNotificationItem(item.NotificationRequestItem, secrets.adyen)) throw invalidSignature('additionalData.hmacSignature');
    }
    for (const event of pspEventsFromAdyenNotification(notification)) await acceptPspEvent(deps, event);
    for (const event of payoutEventsFromAdyenNotification(notification)) await acceptPayoutEvent(deps, event);
    for (const event of disputeEventsFromAdyenNotification(notification)) await acceptDisputeEvent(deps, event);
    // Adyen retries anything else.
    res.type('text/plain').send('[accepted]');
  });

  return router;
}

function bodyOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function invalidSignature(param: string): ApiError {
  return new ApiError(400, 'invalid_request_error', 'invalid_signature', 'The webhook signature is missing, invalid or too old.', param);
}

function notConfigured(psp: string): ApiError {
  return new ApiError(400, 'invalid_request_error', 'webhook_not_configured', `No webhook secret is configured for ${psp}.`);
}
