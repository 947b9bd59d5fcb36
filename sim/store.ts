// The simulated PSP's memory. One store per simulator instance, so test files that each
// start a simulator never see each other's payments.

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
}

/** Stripe's timestamps are whole seconds since the epoch. */
export function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
