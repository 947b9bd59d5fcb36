// Events holdfast sends to merchants, and which payment transitions raise them. Pure and
// workflow-safe: the payment workflow decides here what to publish after each transition.
import type { PaymentEvent, PaymentState } from './payment/types';

export const MERCHANT_EVENT_TYPES = [
  'payment.authorized',
  'payment.captured',
  'payment.failed',
  'payment.canceled',
  'refund.succeeded',
  'refund.failed',
  'dispute.created',
  /** Evidence is due soon and none was submitted (DISPUTE_REMINDER_SECONDS before the due date). */
  'dispute.evidence_due_soon',
  /** Evidence was submitted: the dispute is under review. */
  'dispute.updated',
  /** Won or lost; `data.object.status` says which. */
  'dispute.closed',
  'payout.paid',
  'payout.failed',
  'payout.canceled',
] as const;

export type MerchantEventType = (typeof MERCHANT_EVENT_TYPES)[number];

/** What an endpoint may subscribe to: any event type, or `*` for all of them. */
export const ALL_EVENTS = '*';

/**
 * The merchant event each history entry raises. Exhaustive on purpose: whoever adds a
 * transition to the payment must decide here whether merchants hear about it.
 */
const RAISED_BY: Record<PaymentEvent['type'], MerchantEventType | null> = {
  created: null,
  routed: null,
  requires_action: null,
  outcome_unknown: null,
  authorized: 'payment.authorized',
  // A capture or void the PSP confirms later: merchants hear of it once done (captured,
  // canceled); a failed one leaves the payment authorized, with the failure in its history.
  capture_requested: null,
  capture_failed: null,
  cancel_requested: null,
  cancel_failed: null,
  captured: 'payment.captured',
  failed: 'payment.failed',
  canceled: 'payment.canceled',
  // An expired authorization is voided like a cancel; merchants see it as canceled, as at Stripe.
  expired: 'payment.canceled',
  refund_succeeded: 'refund.succeeded',
  refund_failed: 'refund.failed',
};

export function isRefundEvent(type: MerchantEventType): boolean {
  return type.startsWith('refund.');
}

/**
 * Names the business fact an event reports, so publishing it twice (a retried activity, a
 * replayed workflow) records it once. A payment is authorized, captured, failed or canceled
 * at most once, and a refund succeeds or fails at most once; the key says which one.
 */
export function eventSourceKey(event: { type: MerchantEventType; paymentId: string; refundId?: string }): string {
  if (isRefundEvent(event.type)) {
    if (!event.refundId) throw new Error(`${event.type} needs a refund id`);
    return `refund:${event.refundId}:${event.type}`;
  }
  return `payment:${event.paymentId}:${event.type}`;
}

export interface RaisedEvent {
  type: MerchantEventType;
  refundId?: string;
  sourceKey: string;
}

/** The events a transition from `previous` to `next` raises, in the order they happened. */
export function eventsRaised(previous: PaymentState, next: PaymentState): RaisedEvent[] {
  const raised: RaisedEvent[] = [];
  for (const entry of next.history.slice(previous.history.length)) {
    const type = RAISED_BY[entry.type];
    if (!type) continue;
    const refundId = isRefundEvent(type) ? entry.refund : undefined;
    raised.push({ type, ...(refundId ? { refundId } : {}), sourceKey: eventSourceKey({ type, paymentId: next.id, refundId }) });
  }
  return raised;
}
