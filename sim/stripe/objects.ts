// Stored records rendered as Stripe's API objects (field names and nulls as in Stripe's
// fixtures, ../shared/specs/stripe/fixtures3.json), so the real SDK and its types accept them.
import type { SimDispute, SimPaymentIntent, SimPayout, SimRefund } from '../store';

const ONE_DAY_SECONDS = 24 * 60 * 60;
/** The bank account every simulated payout goes to (Stripe's `destination`). */
const SIM_BANK_ACCOUNT = 'ba_holdfast_simulator';

export function paymentIntentObject(intent: SimPaymentIntent) {
  return {
    id: intent.id,
    object: 'payment_intent',
    allowed_payment_method_types: intent.allowedPaymentMethodTypes,
    amount: intent.amount,
    amount_capturable: intent.amountCapturable,
    amount_details: { tip: {} },
    amount_received: intent.amountReceived,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: intent.canceledAt,
    cancellation_reason: intent.cancellationReason,
    capture_method: intent.captureMethod,
    client_secret: intent.clientSecret,
    confirmation_method: 'automatic',
    created: intent.created,
    currency: intent.currency,
    customer: null,
    description: intent.description,
    last_payment_error: intent.lastPaymentError,
    latest_charge: intent.latestCharge,
    livemode: false,
    metadata: intent.metadata,
    next_action: intent.nextAction,
    on_behalf_of: null,
    payment_method: intent.paymentMethod,
    payment_method_options: {},
    payment_method_types: intent.paymentMethodTypes,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: intent.statementDescriptorSuffix ?? null,
    status: intent.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function refundObject(refund: SimRefund) {
  return {
    id: refund.id,
    object: 'refund',
    amount: refund.amount,
    balance_transaction: null,
    charge: refund.charge,
    created: refund.created,
    currency: refund.currency,
    destination_details: { type: 'card', card: { type: 'refund' } },
    metadata: refund.metadata,
    payment_intent: refund.paymentIntent,
    reason: refund.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: refund.status,
    transfer_reversal: null,
  };
}

export function payoutObject(payout: SimPayout) {
  return {
    id: payout.id,
    object: 'payout',
    amount: payout.amount,
    application_fee: null,
    application_fee_amount: null,
    // Standard payouts land the next business day; the simulator says the next day.
    arrival_date: payout.created + ONE_DAY_SECONDS,
    // Created by an API call, not by Stripe's automatic payout schedule.
    automatic: false,
    balance_transaction: null,
    created: payout.created,
    currency: payout.currency,
    description: payout.description,
    destination: SIM_BANK_ACCOUNT,
    failure_balance_transaction: null,
    failure_code: payout.failureCode,
    failure_message: payout.failureMessage,
    livemode: false,
    metadata: payout.metadata,
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: payout.status === 'paid' ? 'completed' : 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: payout.status,
    trace_id: { status: payout.status === 'paid' ? 'supported' : 'pending', value: null },
    type: 'bank_account',
  };
}

/** Every evidence field Stripe's dispute object has, null until the merchant sends it. */
export const DISPUTE_EVIDENCE_FIELDS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
] as const;

export function disputeObject(dispute: SimDispute) {
  const evidence = Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((field) => [field, dispute.evidence[field] ?? null]));
  return {
    id: dispute.id,
    object: 'dispute',
    amount: dispute.amount,
    balance_transactions: [],
    charge: dispute.charge,
    created: dispute.created,
    currency: dispute.currency,
    enhanced_eligibility_types: [],
    evidence: { ...evidence, enhanced_evidence: {} },
    evidence_details: {
      due_by: dispute.dueBy,
      has_evidence: Object.keys(dispute.evidence).length > 0,
      // Whether the last submission came after the due date; the simulator refuses those.
      past_due: false,
      submission_count: dispute.submissionCount,
      enhanced_eligibility: {},
    },
    // A disputed charge cannot be refunded as well.
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: dispute.paymentIntent,
    payment_method_details: { type: 'card', card: { brand: 'visa', case_type: 'chargeback', network_reason_code: null } },
    reason: dispute.reason,
    status: dispute.status,
  };
}
