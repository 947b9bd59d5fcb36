// A day of captured Stripe payments written straight into a simulator state file, for the
// settlement benchmark and its test: at 100,000 payments, creating each through the API would
// measure the payment path, not settlement. The simulator loads the file when it starts
// (SimStore), so its settlement report and its acquirer know every payment as if it had been
// captured through its API.
import { writeFileSync } from 'node:fs';
import type { SimPaymentIntent } from '../store';

export interface SeededCapture {
  /** holdfast's payment id, which Stripe keeps in the metadata. */
  paymentId: string;
  /** The PaymentIntent id: the payment's psp_reference. */
  pspReference: string;
  amount: number;
  currency: string;
  /** Unix seconds: the balance transaction's `created`. */
  capturedAt: number;
}

/** The metadata key the Stripe adapter writes our payment id under (psp/stripe/mappers.ts). */
const PAYMENT_ID_METADATA = 'holdfast_payment_id';

export function seededIntent(capture: SeededCapture): SimPaymentIntent {
  const suffix = capture.pspReference.slice(capture.pspReference.indexOf('_') + 1);
  return {
    id: capture.pspReference,
    clientSecret: `${capture.pspReference}_secret_seeded`,
    created: capture.capturedAt,
    amount: capture.amount,
    currency: capture.currency,
    captureMethod: 'automatic',
    status: 'succeeded',
    amountCapturable: 0,
    amountReceived: capture.amount,
    amountRefunded: 0,
    paymentMethod: `pm_${suffix}`,
    allowedPaymentMethodTypes: null,
    paymentMethodTypes: ['card'],
    description: null,
    metadata: { [PAYMENT_ID_METADATA]: capture.paymentId },
    latestCharge: `ch_${suffix}`,
    lastPaymentError: null,
    nextAction: null,
    canceledAt: null,
    cancellationReason: null,
    authorizations: 1,
    capturedAt: capture.capturedAt,
  };
}

/** Writes a state file holding these captures and nothing else. */
export function writeSeededStripeDay(file: string, captures: readonly SeededCapture[]): void {
  writeFileSync(file, JSON.stringify({ paymentIntents: captures.map(seededIntent), refunds: [] }));
}
