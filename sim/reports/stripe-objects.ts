// Balance transactions as Stripe's API objects, and the charge and refund a transaction's
// `source` expands to (`expand[]=data.source`). Field names and nulls follow Stripe's
// fixtures (../shared/specs/stripe/fixtures3.json), so the real SDK and its types accept them.
import type { SimPaymentIntent, SimRefund } from '../store';
import { refundObject } from '../stripe/objects';
import { type BalanceTxn, transactionIdOf } from './stripe-transactions';

const DAY_SECONDS = 86_400;
/** Stripe's standard payout schedule: funds are available two days after, from midnight UTC. */
const AVAILABLE_AFTER_DAYS = 2;

/** `source` is the source's id, or the source object itself when expanded. */
export function balanceTransactionObject(txn: BalanceTxn, source: unknown) {
  return {
    id: txn.id,
    object: 'balance_transaction',
    amount: txn.amount,
    available_on: (Math.floor(txn.created / DAY_SECONDS) + AVAILABLE_AFTER_DAYS) * DAY_SECONDS,
    balance_type: 'payments',
    created: txn.created,
    currency: txn.currency,
    description: txn.description,
    exchange_rate: null,
    fee: txn.fee,
    fee_details:
      txn.fee === 0
        ? []
        : [{ amount: txn.fee, application: null, currency: txn.currency, description: 'Stripe processing fees', type: 'stripe_fee' }],
    net: txn.amount - txn.fee,
    reporting_category: txn.type,
    source,
    status: 'available',
    type: txn.type,
  };
}

/** The simulator keeps one charge per PaymentIntent, on the PaymentIntent itself. */
export function chargeObject(intent: SimPaymentIntent) {
  const chargeId = intent.latestCharge ?? '';
  return {
    id: chargeId,
    object: 'charge',
    amount: intent.amount,
    amount_captured: intent.amountReceived,
    amount_refunded: intent.amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: transactionIdOf(chargeId),
    billing_details: {
      address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
      email: null,
      name: null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: null,
    captured: true,
    // The simulator does not keep when the charge was authorized; the PaymentIntent's creation is close.
    created: intent.created,
    currency: intent.currency,
    customer: null,
    description: intent.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: intent.metadata,
    on_behalf_of: null,
    outcome: null,
    paid: true,
    payment_intent: intent.id,
    payment_method: intent.paymentMethod,
    // The simulator knows test tokens, not cards.
    payment_method_details: null,
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: intent.amountRefunded === intent.amountReceived,
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
}

export function expandedRefundObject(refund: SimRefund) {
  return { ...refundObject(refund), balance_transaction: transactionIdOf(refund.id) };
}
