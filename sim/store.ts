// The simulated PSP's memory. One store per simulator instance, so test files that each
// start a simulator never see each other's payments. Given a file, the store survives a
// restart, as a real PSP's does: `holdfast dev` keeps it in the data dir.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { AdyenState, type SavedAdyenState } from './adyen/state';

export type PaymentIntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export type CaptureMethod = 'automatic' | 'automatic_async' | 'manual';

export interface LastPaymentError {
  /** `card_error` for a decline; `invalid_request_error` for a failed 3-D Secure challenge. */
  type: 'card_error' | 'invalid_request_error';
  code: string;
  decline_code?: string;
  message: string;
  charge?: string;
  payment_method: { id: string; object: 'payment_method'; type: 'card' };
}

/** Stripe's `next_action` for a 3-D Secure challenge: a page to send the shopper to. */
export type StripeNextAction =
  | { type: 'redirect_to_url'; redirect_to_url: { url: string; return_url: string } }
  /** Without a return_url Stripe expects Stripe.js to run the challenge in the browser. */
  | { type: 'use_stripe_sdk'; use_stripe_sdk: { type: 'three_d_secure_redirect'; stripe_js: string } };

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
  /** Absent on PaymentIntents saved before the simulator recorded it. */
  statementDescriptorSuffix?: string | null;
  metadata: Record<string, string>;
  latestCharge: string | null;
  lastPaymentError: LastPaymentError | null;
  /** Set while a 3-D Secure challenge waits for the shopper (status requires_action). */
  nextAction: StripeNextAction | null;
  canceledAt: number | null;
  cancellationReason: string | null;
  /** Successful authorizations; more than one for a PaymentIntent would be a double charge. */
  authorizations: number;
  /**
   * When the charge was captured (seconds): its balance transaction's `created`. Absent until
   * then, and on PaymentIntents saved before the simulator recorded it (those stay out of
   * the settlement reports).
   */
  capturedAt?: number;
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

export interface SimPayout {
  id: string;
  created: number;
  amount: number;
  currency: string;
  description: string | null;
  metadata: Record<string, string>;
  status: 'pending' | 'paid' | 'failed';
  failureCode: string | null;
  failureMessage: string | null;
}

export type SimDisputeStatus = 'needs_response' | 'under_review' | 'won' | 'lost';

export interface SimDispute {
  id: string;
  created: number;
  amount: number;
  currency: string;
  paymentIntent: string;
  charge: string;
  reason: string;
  status: SimDisputeStatus;
  /** Seconds since the epoch (Stripe's evidence_details.due_by). */
  dueBy: number;
  /** The evidence fields the merchant sent, by Stripe's names (uncategorized_text, …). */
  evidence: Record<string, string>;
  submissionCount: number;
}

export class SimStore {
  readonly paymentIntents = new Map<string, SimPaymentIntent>();
  readonly refunds = new Map<string, SimRefund>();
  readonly payouts = new Map<string, SimPayout>();
  readonly disputes = new Map<string, SimDispute>();
  readonly adyen = new AdyenState();

  constructor(private readonly file?: string) {
    if (!file || !existsSync(file)) return;
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      paymentIntents: SimPaymentIntent[];
      refunds: SimRefund[];
      /** Absent from files written before Stripe payouts and disputes. */
      payouts?: SimPayout[];
      disputes?: SimDispute[];
      /** Absent from files written before the Adyen face. */
      adyen?: SavedAdyenState;
    };
    for (const intent of saved.paymentIntents) this.paymentIntents.set(intent.id, intent);
    for (const refund of saved.refunds) this.refunds.set(refund.id, refund);
    for (const payout of saved.payouts ?? []) this.payouts.set(payout.id, payout);
    for (const dispute of saved.disputes ?? []) this.disputes.set(dispute.id, dispute);
    this.adyen.restore(saved.adyen);
  }

  /** Writes the state to the store's file, if it has one; a rename makes the write atomic. */
  persist(): void {
    if (!this.file) return;
    const state = {
      paymentIntents: [...this.paymentIntents.values()],
      refunds: [...this.refunds.values()],
      payouts: [...this.payouts.values()],
      disputes: [...this.disputes.values()],
      adyen: this.adyen.snapshot(),
    };
    writeFileSync(`${this.file}.tmp`, JSON.stringify(state));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** Stripe's timestamps are whole seconds since the epoch. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
