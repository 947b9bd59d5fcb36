// The Stripe face's disputes, driven by `dispute` / `dispute_outcome` on /_sim/control: a
// cardholder disputes a captured PaymentIntent, Stripe takes the money back
// (charge.dispute.created, then charge.dispute.funds_withdrawn) and, once the card network
// decides, closes the dispute (charge.dispute.closed, preceded on a win by
// charge.dispute.funds_reinstated). The merchant's side, evidence, is /v1/disputes
// (dispute-routes.ts). Events go to the sender at the moment of the change.
import type { SimContext } from '../context';
import { type OpenDisputeRequest, SimDisputeError, type SimDisputeFace, type SimDisputeSummary } from '../disputes';
import { nowInSeconds, type SimDispute, type SimPaymentIntent } from '../store';
import { isoFromStripeUnits, stripeAmountRefusal, stripeUnitsFromIso } from './currency-rules';
import { NO_API_REQUEST, sendStripeEvent } from './events';
import { stripeId } from './ids';
import { disputeObject } from './objects';

const DEFAULT_DUE_IN_SECONDS = 7 * 24 * 60 * 60;
const DEFAULT_REASON = 'fraudulent';

/** Stripe's dispute reasons; a test naming another is told so rather than given a dispute Stripe never sends. */
const DISPUTE_REASONS: ReadonlySet<string> = new Set([
  'bank_cannot_process',
  'check_returned',
  'credit_not_processed',
  'customer_initiated',
  'debit_not_authorized',
  'duplicate',
  'fraudulent',
  'general',
  'incorrect_account_details',
  'insufficient_funds',
  'noncompliant',
  'product_not_received',
  'product_unacceptable',
  'subscription_canceled',
  'unrecognized',
]);

export function createStripeDisputeFace(context: SimContext): SimDisputeFace {
  const { store } = context;

  const capturedIntent = (pspReference: string): (SimPaymentIntent & { latestCharge: string }) | undefined => {
    const intent = store.paymentIntents.get(pspReference);
    if (!intent || intent.amountReceived === 0 || intent.latestCharge === null) return undefined;
    return { ...intent, latestCharge: intent.latestCharge };
  };
  const openDisputeOf = (pspReference: string) =>
    [...store.disputes.values()].find((dispute) => dispute.paymentIntent === pspReference && isOpen(dispute));

  return {
    hasCapturedPayment: (pspReference) => capturedIntent(pspReference) !== undefined,

    open(request: OpenDisputeRequest) {
      const intent = capturedIntent(request.pspReference);
      if (!intent) throw new SimDisputeError(`Stripe has no captured PaymentIntent ${request.pspReference}`);
      if (openDisputeOf(intent.id)) throw new SimDisputeError(`PaymentIntent ${intent.id} already has an open dispute`);
      // The control request counts ISO minor units, as at the Adyen face; Stripe counts its own.
      const amount = request.amount === undefined ? intent.amountReceived : stripeUnitsFromIso(request.amount, intent.currency);
      if (amount > intent.amountReceived) {
        const captured = isoFromStripeUnits(intent.amountReceived, intent.currency);
        throw new SimDisputeError(
          `amount ${request.amount} is more than PaymentIntent ${intent.id} captured (${captured} ${intent.currency} minor units)`,
        );
      }
      const refusal = stripeAmountRefusal(amount, intent.currency, 'payment');
      if (refusal) throw new SimDisputeError(refusal.message);
      const reason = request.reason ?? DEFAULT_REASON;
      if (!DISPUTE_REASONS.has(reason)) {
        throw new SimDisputeError(`reason must be one of Stripe's: ${[...DISPUTE_REASONS].join(', ')}`);
      }
      const created = nowInSeconds();
      const dispute: SimDispute = {
        id: stripeId('dp'),
        created,
        amount,
        currency: intent.currency,
        paymentIntent: intent.id,
        charge: intent.latestCharge,
        reason,
        status: 'needs_response',
        dueBy: created + (request.dueInSeconds ?? DEFAULT_DUE_IN_SECONDS),
        evidence: {},
        submissionCount: 0,
      };
      store.disputes.set(dispute.id, dispute);
      sendStripeEvent(context, 'charge.dispute.created', disputeObject(dispute), NO_API_REQUEST);
      sendStripeEvent(context, 'charge.dispute.funds_withdrawn', disputeObject(dispute), NO_API_REQUEST);
      return summaryOf(dispute);
    },

    close({ pspReference, outcome }) {
      const dispute = openDisputeOf(pspReference);
      if (!dispute) throw new SimDisputeError(`PaymentIntent ${pspReference} has no open dispute at Stripe`);
      dispute.status = outcome;
      if (outcome === 'won') {
        sendStripeEvent(context, 'charge.dispute.funds_reinstated', disputeObject(dispute), NO_API_REQUEST);
      }
      sendStripeEvent(context, 'charge.dispute.closed', disputeObject(dispute), NO_API_REQUEST);
      return summaryOf(dispute);
    },

    list: () => [...store.disputes.values()].sort((a, b) => a.created - b.created).map(summaryOf),
  };
}

/** Waiting for the merchant's evidence, or for the network's decision on it. */
export function isOpen(dispute: SimDispute): boolean {
  return dispute.status === 'needs_response' || dispute.status === 'under_review';
}

function summaryOf(dispute: SimDispute): SimDisputeSummary {
  return {
    psp: 'stripe',
    dispute_reference: dispute.id,
    psp_reference: dispute.paymentIntent,
    amount: isoFromStripeUnits(dispute.amount, dispute.currency),
    currency: dispute.currency,
    status: dispute.status === 'won' || dispute.status === 'lost' ? dispute.status : 'open',
    evidence_due_by: new Date(dispute.dueBy * 1000).toISOString(),
    evidence_submitted: dispute.submissionCount > 0,
  };
}
