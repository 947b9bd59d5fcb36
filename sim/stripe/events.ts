// Stripe's webhooks out: each state change becomes an Event object, signed as Stripe signs
// (`Stripe-Signature: t=<unix>,v1=<HMAC-SHA256 of "<t>.<body>">`) and posted to holdfast's
// /webhooks/stripe. Handed to the sender at the moment of the change, so one PaymentIntent's
// events leave in the order its changes happened, possibly before the API answer. The sender
// delivers (and retries) each on its own, so, as at Stripe, arrival order is not guaranteed.
import { createHmac } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SimContext } from '../context';
import { SIM_STRIPE_WEBHOOK_SECRET } from '../credentials';
import { nowInSeconds, type SimPaymentIntent } from '../store';
import { stripeId } from './ids';
import { paymentIntentObject } from './objects';

/** Stripe renders events in the endpoint's API version: here, the one holdfast's SDK pins. */
const API_VERSION = '2026-10-28.endive';

export type StripeEventType =
  | 'charge.dispute.closed'
  | 'charge.dispute.created'
  | 'charge.dispute.funds_reinstated'
  | 'charge.dispute.funds_withdrawn'
  | 'payment_intent.amount_capturable_updated'
  | 'payment_intent.canceled'
  | 'payment_intent.payment_failed'
  | 'payment_intent.requires_action'
  | 'payment_intent.succeeded'
  | 'payout.failed'
  | 'payout.paid'
  | 'refund.created';

/**
 * The API request that caused the event; both null when none did: a shopper (3-D Secure), the
 * bank (a payout landing or bouncing), a cardholder (a dispute).
 */
export interface EventCause {
  id: string | null;
  idempotency_key: string | null;
}

export function apiRequestCause(req: Request, res: Response): EventCause {
  return { id: res.get('Request-Id') ?? null, idempotency_key: req.get('Idempotency-Key') ?? null };
}

export const NO_API_REQUEST: EventCause = { id: null, idempotency_key: null };

/** `object` is rendered now: an event carries the object as it was when the event happened. */
export function sendStripeEvent(context: SimContext, type: StripeEventType, object: unknown, cause: EventCause): void {
  const body = JSON.stringify({
    id: stripeId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowInSeconds(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: cause,
    type,
  });
  context.webhooks.send('/webhooks/stripe', body, { 'Stripe-Signature': stripeSignatureHeader(body, nowInSeconds()) });
}

/** The event for where a confirmation (or a 3-D Secure challenge) left the PaymentIntent. */
export function sendConfirmationEvent(context: SimContext, intent: SimPaymentIntent, cause: EventCause): void {
  const type = confirmationEventType(intent);
  sendStripeEvent(context, type, paymentIntentObject(intent), cause);
}

function confirmationEventType(intent: SimPaymentIntent): StripeEventType {
  switch (intent.status) {
    case 'requires_capture':
      return 'payment_intent.amount_capturable_updated';
    case 'succeeded':
      return 'payment_intent.succeeded';
    case 'requires_payment_method':
      return 'payment_intent.payment_failed';
    case 'requires_action':
      return 'payment_intent.requires_action';
    default:
      throw new Error(`a confirmation cannot leave PaymentIntent ${intent.id} in status ${intent.status}`);
  }
}

function stripeSignatureHeader(body: string, timestamp: number): string {
  const signature = createHmac('sha256', SIM_STRIPE_WEBHOOK_SECRET).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
