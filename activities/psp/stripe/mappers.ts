// Pure translations between holdfast's gateway vocabulary and Stripe's API objects. The only
// place that converts amounts, and the only place that reads a Stripe status: every status
// is mapped on purpose, and one this code does not know is an error, never a default.
import Stripe from 'stripe';
import { isValidAmount } from '../../../domain/money';
import {
  type AuthorizeRequest,
  type AuthorizeResult,
  type CaptureRequest,
  type CaptureResult,
  type PspPaymentSnapshot,
  PspRequestError,
  type RefundRequest,
  type RefundResult,
} from '../gateway';

/** Metadata keys that carry holdfast's references on Stripe's objects. */
export const STRIPE_METADATA = {
  paymentId: 'holdfast_payment_id',
  merchantId: 'holdfast_merchant_id',
  refundId: 'holdfast_refund_id',
} as const;

/** Stripe decline codes holdfast reports as themselves; other declines keep Stripe's error code. */
const HOLDFAST_DECLINE_CODES: ReadonlySet<string> = new Set(['insufficient_funds']);

/** Stripe answered with something the gateway contract cannot express. */
export class UnmappableStripeResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableStripeResponseError';
  }
}

// Amounts: Stripe counts the smallest currency unit, as holdfast does, so the conversion is
// the identity; it still passes through here so a currency whose units differ has one home.

function toStripeAmount(amount: number): number {
  if (!isValidAmount(amount)) throw new RangeError(`amount must be a positive safe integer of minor units, got ${amount}`);
  return amount;
}

function fromStripeAmount(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new UnmappableStripeResponseError(`Stripe sent an amount that is not a whole number of minor units: ${amount}`);
  }
  return amount;
}

// Requests.

export function paymentIntentCreateParams(request: AuthorizeRequest): Stripe.PaymentIntentCreateParams {
  return {
    amount: toStripeAmount(request.amount),
    currency: request.currency,
    payment_method: request.paymentMethod,
    confirm: true,
    capture_method: 'manual',
    // API version 2026-10-28.endive (the one this SDK pins) replaced payment_method_types.
    allowed_payment_method_types: ['card'],
    ...(request.description === undefined ? {} : { description: request.description }),
    metadata: {
      [STRIPE_METADATA.paymentId]: request.paymentId,
      [STRIPE_METADATA.merchantId]: request.merchantId,
    },
  };
}

/** Stripe takes the currency from the PaymentIntent; only the amount travels. */
export function paymentIntentCaptureParams(request: CaptureRequest): Stripe.PaymentIntentCaptureParams {
  return { amount_to_capture: toStripeAmount(request.amount) };
}

export function refundCreateParams(request: RefundRequest): Stripe.RefundCreateParams {
  return {
    payment_intent: request.pspReference,
    amount: toStripeAmount(request.amount),
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    metadata: { [STRIPE_METADATA.refundId]: request.refundId },
  };
}

// Responses.

/** The PaymentIntent Stripe answered to create-and-confirm with manual capture. */
export function authorizeResultFromPaymentIntent(intent: Stripe.PaymentIntent): AuthorizeResult {
  const status = intent.status;
  switch (status) {
    case 'requires_capture':
      return { outcome: 'authorized', pspReference: intent.id, amountCapturable: fromStripeAmount(intent.amount_capturable) };
    case 'requires_payment_method':
      // The confirmation failed; Stripe usually says so with a 402 instead (see declineFromCardError).
      return {
        outcome: 'declined',
        pspReference: intent.id,
        ...failureOf(intent.last_payment_error ?? {}, 'payment_failed'),
      };
    case 'requires_action':
      // The card wants 3-D Secure or another customer step; holdfast has no customer session
      // to run it in, so the attempt has failed. Nothing is held on the card.
      return {
        outcome: 'declined',
        pspReference: intent.id,
        failureCode: 'authentication_required',
        failureMessage: 'The card requires authentication, which holdfast does not support.',
      };
    case 'requires_confirmation':
    case 'processing':
    case 'succeeded':
    case 'canceled':
      // We send confirm=true with manual capture: none of these can answer that request.
      throw new UnmappableStripeResponseError(
        `Stripe answered an authorization with PaymentIntent ${intent.id} in status ${status}`,
      );
    default:
      throw unknownPaymentIntentStatus(intent);
  }
}

/** Stripe's 402 for a declined confirmation; `payment_intent` names the failed attempt. */
export function declineFromCardError(error: Stripe.errors.StripeCardError): AuthorizeResult {
  return {
    outcome: 'declined',
    ...(error.payment_intent?.id === undefined ? {} : { pspReference: error.payment_intent.id }),
    ...failureOf(error, 'card_declined'),
  };
}

export function captureResultFromPaymentIntent(intent: Stripe.PaymentIntent): CaptureResult {
  const snapshot = snapshotFromPaymentIntent(intent);
  if (snapshot.status !== 'captured') {
    throw new UnmappableStripeResponseError(
      `Stripe answered a capture with PaymentIntent ${intent.id} in status ${intent.status}`,
    );
  }
  return { amountCaptured: snapshot.amountCaptured };
}

export function snapshotFromPaymentIntent(intent: Stripe.PaymentIntent): PspPaymentSnapshot {
  return {
    pspReference: intent.id,
    status: snapshotStatus(intent),
    amount: fromStripeAmount(intent.amount),
    amountCapturable: fromStripeAmount(intent.amount_capturable),
    amountCaptured: fromStripeAmount(intent.amount_received),
    currency: intent.currency,
  };
}

function snapshotStatus(intent: Stripe.PaymentIntent): PspPaymentSnapshot['status'] {
  const status = intent.status;
  switch (status) {
    case 'requires_payment_method':
      // Only reachable for holdfast's PaymentIntents after a failed confirmation.
      return 'failed';
    // requires_confirmation, like requires_action, waits for a step from outside Stripe and
    // will not move on its own.
    case 'requires_confirmation':
    case 'requires_action':
      return 'requires_action';
    case 'processing':
      return 'processing';
    case 'requires_capture':
      return 'authorized';
    case 'succeeded':
      return 'captured';
    case 'canceled':
      return 'canceled';
    default:
      throw unknownPaymentIntentStatus(intent);
  }
}

export function refundResultFromRefund(refund: Stripe.Refund): RefundResult {
  const status = refund.status;
  switch (status) {
    case 'succeeded':
      return { outcome: 'succeeded', pspRefundReference: refund.id };
    case 'pending':
    case 'requires_action':
      // Not final yet: Stripe sends charge.refund.updated when it is.
      return { outcome: 'pending', pspRefundReference: refund.id };
    case 'failed':
      return { outcome: 'failed', pspRefundReference: refund.id, failureCode: refund.failure_reason ?? 'unknown' };
    case 'canceled':
      return { outcome: 'failed', pspRefundReference: refund.id, failureCode: 'canceled' };
    default:
      throw new UnmappableStripeResponseError(`Stripe refund ${refund.id} has an unknown status: ${String(status)}`);
  }
}

// Errors.

/**
 * What a Stripe SDK error means to the gateway's callers: a request Stripe refused for good
 * becomes a `PspRequestError`; everything transient (5xx, 409 `idempotency_key_in_use`, 429,
 * connection failures and timeouts) is returned as it is, to be retried with the same key.
 * Declines are not errors and are handled before this (declineFromCardError).
 */
export function gatewayErrorFromStripeError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  // Stripe also signals rate limiting as a 400 with code `rate_limit`.
  if (error instanceof Stripe.errors.StripeRateLimitError) return error;
  const status = error.statusCode;
  // No status: the request never got an answer (connection failure, timeout, unreadable body).
  const refusedForGood = status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 429;
  if (!refusedForGood) return error;
  return new PspRequestError(`Stripe refused the request (${status}): ${error.message}`, requestErrorCode(error), {
    cause: error,
  });
}

function requestErrorCode(error: Stripe.errors.StripeError): string {
  if (error.code) return error.code;
  if (error instanceof Stripe.errors.StripeAuthenticationError) return 'authentication_error';
  if (error instanceof Stripe.errors.StripePermissionError) return 'permission_error';
  return error.rawType ?? 'invalid_request_error';
}

function failureOf(
  error: { code?: string; decline_code?: string; message?: string },
  fallbackCode: string,
): { failureCode: string; failureMessage: string } {
  const declineCode = error.decline_code;
  const failureCode =
    declineCode !== undefined && HOLDFAST_DECLINE_CODES.has(declineCode) ? declineCode : (error.code ?? fallbackCode);
  return { failureCode, failureMessage: error.message ?? 'The payment was declined.' };
}

function unknownPaymentIntentStatus(intent: Stripe.PaymentIntent): UnmappableStripeResponseError {
  return new UnmappableStripeResponseError(
    `Stripe PaymentIntent ${intent.id} has an unknown status: ${String(intent.status)}`,
  );
}
