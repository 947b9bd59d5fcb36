// Stripe webhook Events as the unit tests build them: one event id and one creation time for
// all, so the fields every mapped PspEvent carries are known in advance.
import type Stripe from 'stripe';

const CREATED = 1_767_225_600; // 2026-01-01T00:00:00Z

/** The Stripe Event `evt_test` of `type` about `object`, created at CREATED. */
export function stripeEvent(type: string, object: unknown): Stripe.Event {
  return {
    id: 'evt_test',
    object: 'event',
    api_version: '2026-10-28.endive',
    created: CREATED,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as Stripe.Event;
}

/** What every PspEvent mapped from a `stripeEvent` carries. */
export const STRIPE_EVENT_FIELDS = { psp: 'stripe', eventId: 'evt_test', occurredAt: '2026-01-01T00:00:00.000Z' };
