// The Adyen face's settlement lines for one merchant account and one UTC day, from its own
// state: a `Settled` line per capture and a `Refunded` line per refund that succeeded, each
// booked when it happened. Amounts in ISO minor units (as holdfast and the fee schedule count),
// fees from the shared schedule (sim/fees.ts).
import { isoMinorUnits } from '../adyen/inspection';
import type { BookedModification, SimAdyenPayment } from '../adyen/state';
import { settlementFee } from '../fees';
import type { SimStore } from '../store';
import type { ReportSource } from './apply-fault';
import { clampIntoRange, createExtraAdyenPayment } from './extra-payments';

export interface SettlementLine {
  type: 'Settled' | 'Refunded';
  payment: SimAdyenPayment;
  modification: BookedModification;
  /** Lower-case. */
  currency: string;
  /** Positive, minor units: credited for Settled, debited for Refunded. */
  gross: number;
  fee: number;
  net: number;
}

/** [start, end) of the report's day. */
export interface ReportDay {
  start: Date;
  end: Date;
}

export function adyenReportSource(store: SimStore, merchantAccount: string, day: ReportDay): ReportSource<SettlementLine> {
  return {
    psp: 'adyen',
    build: () => settlementLines(store, merchantAccount, day),
    isCapture: (line) => line.type === 'Settled',
    touched: (line) => ({ paymentReference: line.payment.pspReference, lineId: line.modification.pspReference }),
    withGrossRaised: (line, by) => ({ ...line, gross: line.gross + by, net: line.net + by }),
    // Adyen's duplicate is the same line written twice.
    repeated: (line) => line,
    createExtraPayment: (oldest, reference) =>
      createExtraAdyenPayment(store, {
        merchantAccount,
        currency: oldest?.payment.amount.currency ?? 'EUR',
        bookedAt: new Date(clampIntoRange(Date.now(), day.start.getTime(), day.end.getTime())).toISOString(),
        reference,
      }).pspReference,
  };
}

function settlementLines(store: SimStore, merchantAccount: string, day: ReportDay): SettlementLine[] {
  const lines: SettlementLine[] = [];
  for (const payment of store.adyen.payments.values()) {
    if (payment.merchantAccount !== merchantAccount) continue;
    if (payment.capture) lines.push(line('Settled', payment, payment.capture));
    for (const refund of payment.refunds ?? []) lines.push(line('Refunded', payment, refund));
  }
  const bookedAt = (entry: SettlementLine) => Date.parse(entry.modification.bookedAt);
  return lines
    .filter((entry) => bookedAt(entry) >= day.start.getTime() && bookedAt(entry) < day.end.getTime())
    .sort((a, b) => bookedAt(a) - bookedAt(b));
}

function line(type: SettlementLine['type'], payment: SimAdyenPayment, modification: BookedModification): SettlementLine {
  const currency = payment.amount.currency.toLowerCase();
  const gross = isoMinorUnits(modification.value, currency);
  const fee = settlementFee('adyen', type === 'Settled' ? 'capture' : 'refund', currency, gross);
  return { type, payment, modification, currency, gross, fee, net: gross - fee };
}
