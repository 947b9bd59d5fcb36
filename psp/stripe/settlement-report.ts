// Stripe's settlement report is its balance: every balance transaction created in the range,
// with its source expanded so a charge names its PaymentIntent and our payment id, and a
// refund its own id.
import type Stripe from 'stripe';
import { isSupportedCurrency } from '../../domain/money';
import type { ReportLine } from '../../domain/reconciliation/types';
import { fromStripeAmount } from './amounts';
import { STRIPE_METADATA, UnmappableStripeResponseError } from './mappers';

/** Stripe's largest page. */
const PAGE_SIZE = 100;

export async function fetchStripeSettlementReport(
  stripe: Stripe,
  range: { start: Date; end: Date },
): Promise<{ raw: string; lines: ReportLine[] }> {
  const transactions: Stripe.BalanceTransaction[] = [];
  // The SDK's auto-pagination follows `has_more` with `starting_after`.
  for await (const transaction of stripe.balanceTransactions.list({
    created: { gte: unixSeconds(range.start), lt: unixSeconds(range.end) },
    limit: PAGE_SIZE,
    expand: ['data.source'],
  })) {
    transactions.push(transaction);
  }
  return { raw: JSON.stringify(transactions), lines: transactions.map(reportLineFromBalanceTransaction) };
}

/** Whole seconds: a range starting mid-second would otherwise leave out that second's transactions. */
function unixSeconds(instant: Date): number {
  return Math.ceil(instant.getTime() / 1000);
}

export function reportLineFromBalanceTransaction(transaction: Stripe.BalanceTransaction): ReportLine {
  const currency = transaction.currency.toLowerCase();
  const base = { lineId: transaction.id, currency, createdAt: new Date(transaction.created * 1000).toISOString() };
  if (transaction.type !== 'charge' && transaction.type !== 'refund') {
    // Payouts, Stripe's own fees, adjustments …: counted, never matched. In holdfast's units
    // where holdfast knows the currency; otherwise as Stripe wrote them.
    const amounts = isSupportedCurrency(currency)
      ? amountsOf(transaction, currency)
      : { amount: Math.abs(transaction.amount), fee: transaction.fee };
    return { ...base, ...amounts, kind: 'other', paymentReference: '' };
  }
  if (!isSupportedCurrency(currency)) {
    throw new UnmappableStripeResponseError(`balance transaction ${transaction.id} is in unsupported currency ${transaction.currency}`);
  }
  const amount = amountsOf(transaction, currency);
  const source = transaction.source;
  if (source === null || typeof source === 'string') {
    throw new UnmappableStripeResponseError(`balance transaction ${transaction.id} came without its expanded source`);
  }
  if (transaction.type === 'charge') {
    if (source.object !== 'charge') throw unexpectedSource(transaction, source.object);
    const merchantReference = source.metadata?.[STRIPE_METADATA.paymentId];
    return {
      ...base,
      ...amount,
      kind: 'capture',
      paymentReference: paymentReferenceOf(source.payment_intent, source.id),
      modificationReference: source.id,
      ...(merchantReference ? { merchantReference } : {}),
    };
  }
  if (source.object !== 'refund') throw unexpectedSource(transaction, source.object);
  return {
    ...base,
    ...amount,
    kind: 'refund',
    paymentReference: paymentReferenceOf(source.payment_intent, chargeId(source.charge) ?? source.id),
    modificationReference: source.id,
  };
}

/**
 * The PaymentIntent, which is how holdfast knows a payment at Stripe. A charge made without
 * one (not by holdfast) is known by its own id, so it reaches the classifier as a charge no
 * payment explains instead of failing the whole report.
 */
function paymentReferenceOf(intent: string | Stripe.PaymentIntent | null | undefined, fallback: string): string {
  if (typeof intent === 'string') return intent;
  return intent?.id ?? fallback;
}

function chargeId(charge: string | Stripe.Charge | null | undefined): string | undefined {
  return typeof charge === 'string' ? charge : charge?.id;
}

/**
 * The gross (positive) and the fee in holdfast's minor units. The fee is negative on a refund
 * whose fee Stripe gave back; only a capture's fee is compared.
 */
function amountsOf(transaction: Stripe.BalanceTransaction, currency: string): { amount: number; fee: number } {
  if (!Number.isSafeInteger(transaction.fee)) {
    throw new UnmappableStripeResponseError(`balance transaction ${transaction.id} has fee ${transaction.fee}`);
  }
  return {
    amount: fromStripeAmount(Math.abs(transaction.amount), currency, 'amount'),
    fee: Math.sign(transaction.fee) * fromStripeAmount(Math.abs(transaction.fee), currency, 'fee'),
  };
}

function unexpectedSource(transaction: Stripe.BalanceTransaction, object: string): UnmappableStripeResponseError {
  return new UnmappableStripeResponseError(
    `balance transaction ${transaction.id} of type ${transaction.type} has a ${object} as its source`,
  );
}
