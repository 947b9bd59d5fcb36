// The simulated PSP's memory. One store per simulator instance, so test files that each
// start a simulator never see each other's payments. Given a file, the store survives a
// restart, as a real PSP's does: `holdfast dev` keeps it in the data dir.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';

export interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code: string;
  message: string;
  charge: string;
  payment_method: { id: string; object: 'payment_method'; type: 'card' };
}

export interface SimPaymentIntent {
  id: string;
  clientSecret: string;
  created: number;
  amount: number;
  currency: string;
  captureMethod: CaptureMethod;
  status: PaymentIntentStatus;
  amountCapturable: number;
  amountReceived: number;
  /** Stripe keeps this on the charge; the simulator has one charge per PaymentIntent. */
  amountRefunded: number;
  paymentMethod: string | null;
  allowedPaymentMethodTypes: string[] | null;
  /** The types Stripe would offer: the allowed ones, else the card. */
  paymentMethodTypes: string[];
  description: string | null;
  metadata: Record<string, string>;
  latestCharge: string | null;
  lastPaymentError: LastPaymentError | null;
  canceledAt: number | null;
  cancellationReason: string | null;
  /** Successful authorizations; more than one for a PaymentIntent would be a double charge. */
  authorizations: number;
}

export interface SimRefund {
  id: string;
  created: number;
  amount: number;
  currency: string;
  paymentIntent: string;
  charge: string;
  reason: string | null;
  metadata: Record<string, string>;
  status: 'succeeded';
}

export class SimStore {
  readonly paymentIntents = new Map<string, SimPaymentIntent>();
  readonly refunds = new Map<string, SimRefund>();

  constructor(private readonly file?: string) {
    if (!file || !existsSync(file)) return;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { paymentIntents: SimPaymentIntent[]; refunds: SimRefund[] };
    for (const intent of saved.paymentIntents) this.paymentIntents.set(intent.id, intent);
    for (const refund of saved.refunds) this.refunds.set(refund.id, refund);
  }

  /** Writes the state to the store's file, if it has one; a rename makes the write atomic. */
  persist(): void {
    if (!this.file) return;
    const state = { paymentIntents: [...this.paymentIntents.values()], refunds: [...this.refunds.values()] };
    writeFileSync(`${this.file}.tmp`, JSON.stringify(state));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** Stripe's timestamps are whole seconds since the epoch. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
