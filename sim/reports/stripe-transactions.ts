// The Stripe face's balance transactions, from its own state: one `charge` per captured
// PaymentIntent (booked when it was captured, for the amount received) and one `refund` per
// refund (booked when it was made, negative). Fees from the shared schedule (sim/fees.ts),
// which counts ISO minor units: Stripe's ISK hundredths are converted there and back, so an
// ISK fee is whole krónur like every ISK amount at Stripe.
import { nowInSeconds, type SimPaymentIntent, type SimRefund, type SimStore } from '../store';
import { settlementFee } from '../fees';
import { isoFromStripeUnits, stripeUnitsFromIso } from '../stripe/currency-rules';
import { stripeId } from '../stripe/ids';
import type { ReportSource } from './apply-fault';
import { clampIntoRange, createExtraStripePayment } from './extra-payments';

/** `created[gte]` and `created[lt]`, unix seconds; either may be open. */
export interface CreatedRange {
  gte?: number;
  lt?: number;
}

export interface BalanceTxn {
  id: string;
  type: 'charge' | 'refund';
  /** ch_… or re_… */
  source: string;
  paymentIntent: string;
  /** Signed: + for a charge, − for a refund. Net is amount − fee. */
  amount: number;
  fee: number;
  currency: string;
  created: number;
  description: string | null;
}

/** The txn of a charge or refund: derived from the source's id, so every listing names it the same. */
export function transactionIdOf(sourceId: string): string {
  return `txn_${sourceId.slice(sourceId.indexOf('_') + 1)}`;
}

export function stripeReportSource(store: SimStore, range: CreatedRange): ReportSource<BalanceTxn> {
  return {
    psp: 'stripe',
    build: () => balanceTransactions(store, range),
    isCapture: (txn) => txn.type === 'charge',
    touched: (txn) => ({ paymentReference: txn.paymentIntent, lineId: txn.id }),
    withGrossRaised: (txn, by) => ({ ...txn, amount: txn.amount + by }),
    // Stripe's duplicate is a second transaction for the same charge.
    repeated: (txn) => ({ ...txn, id: stripeId('txn') }),
    createExtraPayment: (oldest, description) =>
      createExtraStripePayment(store, {
        currency: oldest?.currency ?? 'usd',
        capturedAt: clampIntoRange(nowInSeconds(), range.gte, range.lt),
        description,
      }).id,
  };
}

/** Oldest first; within a second, charges before refunds, each in the order the store made them. */
function balanceTransactions(store: SimStore, range: CreatedRange): BalanceTxn[] {
  const charges = [...store.paymentIntents.values()].flatMap((intent) => chargeTxn(intent) ?? []);
  const refunds = [...store.refunds.values()].map((refund) => refundTxn(refund, store.paymentIntents.get(refund.paymentIntent)));
  return [...charges, ...refunds]
    .filter((txn) => (range.gte === undefined || txn.created >= range.gte) && (range.lt === undefined || txn.created < range.lt))
    .sort((a, b) => a.created - b.created);
}

function chargeTxn(intent: SimPaymentIntent): BalanceTxn | undefined {
  if (intent.capturedAt === undefined || intent.latestCharge === null || intent.amountReceived === 0) return undefined;
  return {
    id: transactionIdOf(intent.latestCharge),
    type: 'charge',
    source: intent.latestCharge,
    paymentIntent: intent.id,
    amount: intent.amountReceived,
    fee: stripeFee('capture', intent.currency, intent.amountReceived),
    currency: intent.currency,
    created: intent.capturedAt,
    description: intent.description,
  };
}

function refundTxn(refund: SimRefund, intent: SimPaymentIntent | undefined): BalanceTxn {
  const chargeDescription = intent?.description;
  return {
    id: transactionIdOf(refund.id),
    type: 'refund',
    source: refund.id,
    paymentIntent: refund.paymentIntent,
    amount: -refund.amount,
    fee: stripeFee('refund', refund.currency, refund.amount),
    currency: refund.currency,
    created: refund.created,
    // How Stripe describes a refund's transaction.
    description: chargeDescription ? `REFUND FOR CHARGE (${chargeDescription})` : 'REFUND FOR CHARGE',
  };
}

/** The fee for `amount` in Stripe's units, in Stripe's units. */
function stripeFee(kind: 'capture' | 'refund', currency: string, amount: number): number {
  return stripeUnitsFromIso(settlementFee('stripe', kind, currency, isoFromStripeUnits(amount, currency)), currency);
}
