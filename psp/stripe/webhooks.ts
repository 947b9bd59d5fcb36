// Stripe's webhooks in: verify the signature, then reduce the Event to the PspEvent a payment
// workflow acts on, or the PayoutEvent / DisputeEvent a payout or dispute workflow acts on.
// Statuses and amounts are read through mappers.ts, as for API answers.
import Stripe from 'stripe';
import type { DisputeEvent, PayoutEvent, PspEvent } from '../../domain/psp-gateway';
import { fromStripeAmount } from './amounts';
import { failureFromPaymentError, payoutFailure, refundResultFromRefund, STRIPE_METADATA, UnmappableStripeResponseError } from './mappers';

/**
 * The verified Event, or Stripe.errors.StripeSignatureVerificationError for a missing or
 * wrong signature and for a timestamp older than `toleranceSeconds` (a replayed delivery).
 * `rawBody` must be the exact bytes received: the signature covers them, not their JSON.
 */
export function verifyStripeWebhook(
  rawBody: Buffer | string,
  signatureHeader: string | undefined,
  secret: string,
  toleranceSeconds = 300,
): Stripe.Event {
  // The SDK reads a tolerance of 0 as "do not check the timestamp".
  if (!(toleranceSeconds > 0)) throw new RangeError(`toleranceSeconds must be positive, got ${toleranceSeconds}`);
  return Stripe.webhooks.constructEvent(rawBody, signatureHeader ?? '', secret, toleranceSeconds);
}

/**
 * The PspEvent for the Stripe events holdfast acts on; `undefined` for every other type
 * (payment_intent.created / requires_action / processing, charge.*, …), which carry nothing
 * a workflow waits for and are acknowledged without effect. Refund events that are not
 * final yet (pending, requires_action) are `undefined` too: the final one follows.
 */
export function pspEventFromStripeEvent(event: Stripe.Event): PspEvent | undefined {
  const common = commonFields(event);
  switch (event.type) {
    case 'payment_intent.amount_capturable_updated': {
      const intent = event.data.object;
      // Sent when an authorization makes an amount capturable; nothing else is an authorization.
      if (intent.status !== 'requires_capture') return undefined;
      const amount = fromStripeAmount(intent.amount_capturable, intent.currency, 'amount_capturable');
      return { ...common, kind: 'authorized', ...paymentIntentFields(intent), amount };
    }
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      const amount = fromStripeAmount(intent.amount_received, intent.currency, 'amount_received');
      return { ...common, kind: 'captured', ...paymentIntentFields(intent), amount };
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return {
        ...common,
        kind: 'authorization_failed',
        ...paymentIntentFields(intent),
        amount: fromStripeAmount(intent.amount, intent.currency, 'amount'),
        ...failureFromPaymentError(intent.last_payment_error ?? {}, 'payment_failed'),
      };
    }
    case 'payment_intent.canceled': {
      const intent = event.data.object;
      const amount = fromStripeAmount(intent.amount, intent.currency, 'amount');
      return { ...common, kind: 'canceled', ...paymentIntentFields(intent), amount };
    }
    // All three are read by the refund's own status, which is what each one reports.
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
      return refundEvent(common, event.data.object);
    default:
      return undefined;
  }
}

function paymentIntentFields(intent: Stripe.PaymentIntent): Pick<PspEvent, 'pspReference' | 'paymentId' | 'currency'> {
  const paymentId = intent.metadata?.[STRIPE_METADATA.paymentId];
  return { pspReference: intent.id, currency: intent.currency, ...(paymentId ? { paymentId } : {}) };
}

function refundEvent(common: Pick<PspEvent, 'psp' | 'eventId' | 'occurredAt'>, refund: Stripe.Refund): PspEvent | undefined {
  const intent = refund.payment_intent;
  // holdfast refunds PaymentIntents only; a refund of a bare charge is not ours.
  if (intent === null) return undefined;
  const result = refundResultFromRefund(refund);
  if (result.outcome === 'pending') return undefined;
  const refundId = refund.metadata?.[STRIPE_METADATA.refundId];
  const fields = {
    ...common,
    pspReference: typeof intent === 'string' ? intent : intent.id,
    pspRefundReference: refund.id,
    ...(refundId ? { refundId } : {}),
    amount: fromStripeAmount(refund.amount, refund.currency, 'amount'),
    currency: refund.currency,
  };
  if (result.outcome === 'succeeded') return { ...fields, kind: 'refunded' };
  return { ...fields, kind: 'refund_failed', failureCode: result.failureCode };
}

/** `payout.paid` and `payout.failed`, the ends of a payout; `undefined` for every other type. */
export function payoutEventFromStripeEvent(event: Stripe.Event): PayoutEvent | undefined {
  switch (event.type) {
    case 'payout.paid':
      return { ...commonFields(event), kind: 'payout_paid', ...payoutFields(event.data.object) };
    case 'payout.failed': {
      const payout = event.data.object;
      return { ...commonFields(event), kind: 'payout_failed', ...payoutFields(payout), ...payoutFailure(payout) };
    }
    default:
      return undefined;
  }
}

/**
 * A dispute opening (`charge.dispute.created`, then `charge.dispute.funds_withdrawn`: both are
 * `dispute_opened`, the workflow acts on the first) or closing; `undefined` for other types,
 * for an inquiry that closed without becoming a chargeback (warning_closed), and for a
 * dispute of a bare charge, which holdfast never makes.
 */
export function disputeEventFromStripeEvent(event: Stripe.Event): DisputeEvent | undefined {
  switch (event.type) {
    case 'charge.dispute.created':
    case 'charge.dispute.funds_withdrawn':
      return disputeEvent(commonFields(event), 'dispute_opened', event.data.object);
    case 'charge.dispute.closed': {
      const dispute = event.data.object;
      switch (dispute.status) {
        case 'won':
          return disputeEvent(commonFields(event), 'dispute_won', dispute);
        case 'lost':
          return disputeEvent(commonFields(event), 'dispute_lost', dispute);
        case 'warning_closed':
          return undefined;
        default:
          throw new UnmappableStripeResponseError(`Stripe closed dispute ${dispute.id} with status ${dispute.status}`);
      }
    }
    default:
      return undefined;
  }
}

function commonFields(event: Stripe.Event): { psp: 'stripe'; eventId: string; occurredAt: string } {
  return { psp: 'stripe', eventId: event.id, occurredAt: new Date(event.created * 1000).toISOString() };
}

function payoutFields(payout: Stripe.Payout): Pick<PayoutEvent, 'pspPayoutReference' | 'payoutId'> {
  const payoutId = payout.metadata?.[STRIPE_METADATA.payoutId];
  return { pspPayoutReference: payout.id, ...(payoutId ? { payoutId } : {}) };
}

function disputeEvent(
  common: ReturnType<typeof commonFields>,
  kind: DisputeEvent['kind'],
  dispute: Stripe.Dispute,
): DisputeEvent | undefined {
  const intent = dispute.payment_intent;
  if (intent === null) return undefined;
  // Only an expanded PaymentIntent carries holdfast's payment id.
  const paymentId = typeof intent === 'string' ? undefined : intent.metadata?.[STRIPE_METADATA.paymentId];
  const dueBy = dispute.evidence_details?.due_by;
  return {
    ...common,
    kind,
    pspDisputeReference: dispute.id,
    pspReference: typeof intent === 'string' ? intent : intent.id,
    ...(paymentId ? { paymentId } : {}),
    amount: fromStripeAmount(dispute.amount, dispute.currency, 'amount'),
    currency: dispute.currency,
    reason: dispute.reason,
    ...(dueBy ? { evidenceDueBy: new Date(dueBy * 1000).toISOString() } : {}),
  };
}
