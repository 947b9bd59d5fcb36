// PSP webhooks in: verify the signature over the raw body, hand each event to its payment's,
// payout's or dispute's workflow, answer fast. A bad or missing signature, or a stale
// timestamp, answers 400 and nothing is stored; so does any event of a PSP this deployment
// has no webhook secret for (webhook_not_configured). A signed event is always acknowledged:
// one of a type holdfast does not act on is recorded as ignored, one it cannot read as
// unprocessable (and raised on the exceptions queue), one that does not match what it names
// as rejected. Mounted before the JSON parser: signatures cover the exact bytes.
import express, { Router } from 'express';
import { createHash } from 'node:crypto';
import {
  adyenEventId,
  disputeEventsFromAdyenNotification,
  payoutEventsFromAdyenNotification,
  pspEventsFromAdyenNotification,
  verifyAdyenNotificationItem,
} from '../../psp/adyen/notifications';
import type { DisputeEvent, PayoutEvent, PspEvent } from '../../domain/psp-gateway';
import {
  disputeEventFromStripeEvent,
  payoutEventFromStripeEvent,
  pspEventFromStripeEvent,
  verifyStripeWebhook,
} from '../../psp/stripe/webhooks';
import { webhookSecrets } from '../../psp/wiring';
import { isPspEventRecorded } from '../../db/queries/psp-events';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest } from '../errors';
import { acceptDisputeEvent } from '../dispute-event-intake';
import { findUnstorable, isStorable } from '../middleware/storable-body';
import { acceptPayoutEvent } from '../payout-event-intake';
import { acceptPspEvent } from '../psp-event-intake';
import { ignorePspEvent, refuseUnprocessablePspEvent, type EventRef } from '../psp-event-outcomes';

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
    await acceptSignedEvent(deps, { psp: 'stripe', eventId: event.id, kind: event.type }, event, () =>
      [pspEventFromStripeEvent(event), payoutEventFromStripeEvent(event), disputeEventFromStripeEvent(event)].filter(isDefined),
    );
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
    if (!items || items.length === 0)
      throw invalidRequest('invalid_notification', 'No notificationItems in the body.', 'notificationItems');
    // All or nothing: one unverifiable item and the whole batch is refused, before any is used.
    for (const item of items) {
      if (!verifyAdyenNotificationItem(item.NotificationRequestItem, secrets.adyen)) throw invalidSignature('additionalData.hmacSignature');
    }
    // One item at a time: an unreadable item is set aside, and the rest of the batch still counts.
    for (const wrapper of items) {
      // Verified above, so a NotificationRequestItem.
      const item = wrapper.NotificationRequestItem as { eventCode: string; pspReference: string; success: string };
      const one = { notificationItems: [wrapper] };
      await acceptSignedEvent(deps, { psp: 'adyen', eventId: adyenEventId(item), kind: item.eventCode }, item, () => [
        ...pspEventsFromAdyenNotification(one),
        ...payoutEventsFromAdyenNotification(one),
        ...disputeEventsFromAdyenNotification(one),
      ]);
    }
    // Adyen retries anything else.
    res.type('text/plain').send('[accepted]');
  });

  return router;
}

type MappedEvent = PspEvent | PayoutEvent | DisputeEvent;

/**
 * Maps a verified event and hands it on; ignored when nothing maps it, unprocessable when
 * mapping throws or when it holds text Postgres cannot store (U+0000, a lone surrogate): a
 * signature proves who sent it, not that it can be kept, and answering 500 would make the
 * PSP resend it — and the rest of its batch — forever.
 */
async function acceptSignedEvent(deps: ApiDeps, signed: EventRef, raw: unknown, map: () => MappedEvent[]): Promise<void> {
  const unstorableAt = findUnstorable(raw);
  const ref = unstorableAt === undefined ? signed : storableRef(signed);
  // A redelivery of an event already ignored or set aside is acknowledged without a second exception.
  if (await isPspEventRecorded(deps.db, ref.psp, ref.eventId)) return;
  if (unstorableAt !== undefined) {
    await refuseUnprocessablePspEvent(deps, ref, new Error(`U+0000 or invalid Unicode in ${unstorableAt || 'the event'}`));
    return;
  }
  let events: MappedEvent[];
  try {
    events = map();
  } catch (error) {
    await refuseUnprocessablePspEvent(deps, ref, error);
    return;
  }
  if (events.length === 0) await ignorePspEvent(deps, ref, 'not_acted_on');
  for (const event of events) {
    if ('pspDisputeReference' in event) await acceptDisputeEvent(deps, event);
    else if ('pspPayoutReference' in event) await acceptPayoutEvent(deps, event);
    else await acceptPspEvent(deps, event);
  }
}

/** The event's id and type as they can be stored: an unstorable one by its digest, stable across resends. */
function storableRef(ref: EventRef): EventRef {
  const storable = (text: string) =>
    isStorable(text) ? text : `unstorable_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  return { ...ref, eventId: storable(ref.eventId), kind: storable(ref.kind) };
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function bodyOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

function invalidSignature(param: string): ApiError {
  return new ApiError(400, 'invalid_request_error', 'invalid_signature', 'The webhook signature is missing, invalid or too old.', param);
}

function notConfigured(psp: string): ApiError {
  return new ApiError(
    400,
    'invalid_request_error',
    'webhook_not_configured',
    `${psp} is not configured here: no webhook secret is set for it.`,
  );
}
