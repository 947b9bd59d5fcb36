// Pure translations between holdfast's gateway vocabulary and Stripe's API objects. With the
// event mapper in webhooks.ts (which reuses these), the only place that reads a Stripe status:
// every status is mapped on purpose, and one this code does not know is an error, never a
// default. Every amount, either way, goes through amounts.ts.
import Stripe from 'stripe';
import {
  type AuthorizeRequest,
  type AuthorizeResult,
  type CancelResult,
  type CaptureRequest,
  type CaptureResult,
  type DisputeEvidenceRequest,
  type LookupResult,
  type PayoutRequest,
  type PayoutResult,
  PspNotReachedError,
  type PspPaymentSnapshot,
  PspRequestError,
  type RefundRequest,
  type RefundResult,
} from '../../domain/psp-gateway';
import { fromStripeAmount, toStripeAmount } from './amounts';
import { UnmappableStripeResponseError } from './errors';

export { UnmappableStripeResponseError };

/** Metadata keys that carry holdfast's references on Stripe's objects. */
export const STRIPE_METADATA = {
  paymentId: 'holdfast_payment_id',
  merchantId: 'holdfast_merchant_id',
  refundId: 'holdfast_refund_id',
  payoutId: 'holdfast_payout',
  sellerId: 'holdfast_seller',
} as const;

/** Stripe decline codes holdfast reports as themselves; other declines keep Stripe's error code. */
const HOLDFAST_DECLINE_CODES: ReadonlySet<string> = new Set(['insufficient_funds']);

// Requests.

export function paymentIntentCreateParams(request: AuthorizeRequest): Stripe.PaymentIntentCreateParams {
  return {
    amount: toStripeAmount(request.amount, request.currency, { use: 'payment' }),
    currency: request.currency,
    payment_method: request.paymentMethod,
    confirm: true,
    // A sale captures as it authorizes: one call instead of two for automatic capture.
    capture_method: request.captureNow ? 'automatic' : 'manual',
    // Where a 3-D Secure challenge sends the shopper back; with it, Stripe answers a challenge
    // with a redirect_to_url action holdfast can hand on (without it, use_stripe_sdk).
    return_url: request.returnUrl,
    // API version 2026-10-28.endive (the one this SDK pins) replaced payment_method_types.
    allowed_payment_method_types: ['card'],
    ...(request.description === undefined ? {} : { description: request.description }),
    // Stripe refuses statement_descriptor on card payments: the suffix, appended to the
    // account's prefix, is how a card payment names the merchant.
    ...(request.statementDescriptor === undefined ? {} : { statement_descriptor_suffix: request.statementDescriptor }),
    metadata: {
      [STRIPE_METADATA.paymentId]: request.paymentId,
      [STRIPE_METADATA.merchantId]: request.merchantId,
    },
  };
}

/** Stripe takes the currency from the PaymentIntent; only the amount travels. */
export function paymentIntentCaptureParams(request: CaptureRequest): Stripe.PaymentIntentCaptureParams {
  return {
    amount_to_capture: toStripeAmount(request.amount, request.currency, { use: 'payment', stripeField: 'amount_to_capture' }),
  };
}

/**
 * Stripe's search query for the PaymentIntents carrying holdfast's payment id. Quotes and
 * backslashes are escaped so an id can never change the query's meaning.
 */
export function paymentIntentSearchQuery(paymentId: string): string {
  const quoted = paymentId.replace(/[\\']/g, (character) => `\\${character}`);
  return `metadata['${STRIPE_METADATA.paymentId}']:'${quoted}'`;
}

export function refundCreateParams(request: RefundRequest): Stripe.RefundCreateParams {
  return {
    payment_intent: request.pspReference,
    amount: toStripeAmount(request.amount, request.currency, { use: 'payment' }),
    ...(request.reason === undefined ? {} : { reason: request.reason }),
    metadata: { [STRIPE_METADATA.refundId]: request.refundId },
  };
}

export function payoutCreateParams(request: PayoutRequest): Stripe.PayoutCreateParams {
  return {
    amount: toStripeAmount(request.amount, request.currency, { use: 'payout' }),
    currency: request.currency,
    // Shown in the Stripe dashboard next to the payout.
    description: `holdfast payout ${request.payoutId}`,
    metadata: {
      [STRIPE_METADATA.payoutId]: request.payoutId,
      [STRIPE_METADATA.sellerId]: request.sellerId,
    },
  };
}

/** holdfast's case goes as free text; `submit` sends it to the network at once (no drafts). */
export function disputeEvidenceParams(request: DisputeEvidenceRequest): Stripe.DisputeUpdateParams {
  return { evidence: { uncategorized_text: request.text }, submit: true };
}

// Responses.

/**
 * Where a PaymentIntent stands, as an authorization: the answer to create-and-confirm, to a
 * lookup, and to the question asked once the shopper is back from 3-D Secure. A sale
 * (automatic capture) that went through answers authorized and captured in one. Whatever is
 * mapped to `declined` holds no money on the card.
 */
export function authorizeResultFromPaymentIntent(intent: Stripe.PaymentIntent): AuthorizeResult {
  const status = intent.status;
  switch (status) {
    case 'requires_capture':
      return {
        outcome: 'authorized',
        pspReference: intent.id,
        amountCapturable: fromStripeAmount(intent.amount_capturable, intent.currency, 'amount_capturable'),
      };
    case 'succeeded': {
      // Only a sale captures by itself; a manual-capture PaymentIntent we never captured
      // cannot have succeeded, so that answer is not mapped (see below).
      if (intent.capture_method === 'manual') throw unmappedAuthorization(intent);
      const captured = fromStripeAmount(intent.amount_received, intent.currency, 'amount_received');
      return { outcome: 'authorized', pspReference: intent.id, amountCapturable: captured, amountCaptured: captured };
    }
    case 'requires_payment_method':
      // The confirmation failed (a decline, a failed 3-D Secure challenge); Stripe usually says
      // so with a 402 instead (see declineFromCardError).
      return {
        outcome: 'declined',
        pspReference: intent.id,
        ...failureFromPaymentError(intent.last_payment_error ?? {}, 'payment_failed'),
      };
    case 'requires_action':
      return actionResult(intent);
    case 'canceled':
      // Canceled before it was captured: by holdfast, or by Stripe (an abandoned challenge).
      return {
        outcome: 'declined',
        pspReference: intent.id,
        failureCode: 'canceled',
        failureMessage: `The payment was canceled at Stripe${intent.cancellation_reason ? ` (${intent.cancellation_reason})` : ''}.`,
      };
    case 'requires_confirmation':
    case 'processing':
      // We send confirm=true: neither answers an authorization. Thrown, the call counts as
      // ambiguous and is asked again (a card `processing` moves on by itself).
      throw unmappedAuthorization(intent);
    default:
      throw unknownPaymentIntentStatus(intent);
  }
}

/**
 * 3-D Secure. A redirect is handed on to the shopper. Any other next action (Stripe answers
 * `use_stripe_sdk` when no return_url was sent) needs Stripe.js in the shopper's browser,
 * which holdfast does not run: nobody can complete it, so the attempt is declined. That is
 * safe, as a PaymentIntent that requires an action holds nothing on the card.
 */
function actionResult(intent: Stripe.PaymentIntent): AuthorizeResult {
  const action = intent.next_action;
  const url = action?.type === 'redirect_to_url' ? action.redirect_to_url?.url : undefined;
  if (url) return { outcome: 'requires_action', pspReference: intent.id, redirectUrl: url };
  return {
    outcome: 'declined',
    pspReference: intent.id,
    failureCode: 'authentication_required',
    failureMessage:
      `The card requires authentication through a ${action?.type ?? 'missing'} action, ` + 'which holdfast cannot hand to a shopper.',
  };
}

/** An authorization awaiting capture, or a sale's capture: either took the shopper's money. */
const HOLDS_MONEY: ReadonlyArray<Stripe.PaymentIntent.Status> = ['requires_capture', 'succeeded'];

/**
 * What a search by holdfast's payment id found. Our idempotency key makes one PaymentIntent
 * per payment; should there be more (a create re-sent after Stripe forgot the key, 24 h on),
 * the one holding money wins, so an authorization is never reported as missing.
 */
export function lookupResultFromSearch(intents: readonly Stripe.PaymentIntent[]): LookupResult {
  if (intents.length === 0) return { outcome: 'not_found' };
  const newestFirst = [...intents].sort((a, b) => b.created - a.created);
  const found = newestFirst.find((intent) => HOLDS_MONEY.includes(intent.status)) ?? newestFirst[0]!;
  return authorizeResultFromPaymentIntent(found);
}

/** Stripe's 402 for a declined confirmation; `payment_intent` names the failed attempt. */
export function declineFromCardError(error: Stripe.errors.StripeCardError): AuthorizeResult {
  return {
    outcome: 'declined',
    ...(error.payment_intent?.id === undefined ? {} : { pspReference: error.payment_intent.id }),
    ...failureFromPaymentError(error, 'card_declined'),
  };
}

/** Stripe captures synchronously: a 2xx carries the captured PaymentIntent. */
export function captureResultFromPaymentIntent(intent: Stripe.PaymentIntent): CaptureResult {
  const snapshot = snapshotFromPaymentIntent(intent);
  if (snapshot.status !== 'captured') {
    throw new UnmappableStripeResponseError(`Stripe answered a capture with PaymentIntent ${intent.id} in status ${intent.status}`);
  }
  return { outcome: 'captured', amountCaptured: snapshot.amountCaptured };
}

/** Stripe cancels synchronously, never `pending` as Adyen does. */
export function cancelResultFromPaymentIntent(intent: Stripe.PaymentIntent): CancelResult {
  if (intent.status !== 'canceled') {
    throw new UnmappableStripeResponseError(`Stripe answered a cancel with PaymentIntent ${intent.id} in status ${intent.status}`);
  }
  return { outcome: 'canceled' };
}

export function snapshotFromPaymentIntent(intent: Stripe.PaymentIntent): PspPaymentSnapshot {
  return {
    pspReference: intent.id,
    status: snapshotStatus(intent),
    amount: fromStripeAmount(intent.amount, intent.currency, 'amount'),
    amountCapturable: fromStripeAmount(intent.amount_capturable, intent.currency, 'amount_capturable'),
    amountCaptured: fromStripeAmount(intent.amount_received, intent.currency, 'amount_received'),
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

/**
 * Stripe answers a new payout `pending` (or `in_transit` once the bank has it) and says how it
 * ended by webhook. `paid` cannot answer a create, so it is unmapped like any unknown status.
 */
export function payoutResultFromPayout(payout: Stripe.Payout): PayoutResult {
  const status = payout.status;
  switch (status) {
    case 'pending':
    case 'in_transit':
      return { outcome: 'pending', pspPayoutReference: payout.id };
    case 'failed':
    case 'canceled':
      return { outcome: 'failed', pspPayoutReference: payout.id, ...payoutFailure(payout) };
    default:
      throw new UnmappableStripeResponseError(`Stripe answered a payout with ${payout.id} in status ${status}`);
  }
}

/** Why a payout failed; a canceled payout carries no failure code of its own. */
export function payoutFailure(payout: Stripe.Payout): { failureCode: string; failureMessage: string } {
  const failureCode = payout.failure_code ?? (payout.status === 'canceled' ? 'canceled' : 'payout_failed');
  return { failureCode, failureMessage: payout.failure_message ?? `Stripe payout ${payout.id} ended ${payout.status}.` };
}

/**
 * With submit=true Stripe answers the dispute under review (warning_under_review for an
 * inquiry); any other status means the evidence did not reach the network.
 */
export function assertEvidenceSubmitted(dispute: Stripe.Dispute): void {
  if (dispute.status === 'under_review' || dispute.status === 'warning_under_review') return;
  throw new UnmappableStripeResponseError(`Stripe answered an evidence submission with dispute ${dispute.id} in status ${dispute.status}`);
}

// Errors.

/**
 * Node's codes for a connection that was never made: nothing was sent, so Stripe cannot have
 * acted. A timeout or a reset, by contrast, may come after Stripe received the request.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * What a Stripe SDK error means to the gateway's callers:
 * - a request Stripe refused for good becomes a `PspRequestError`;
 * - a request that never left becomes a `PspNotReachedError`;
 * - everything else (5xx, 409 `idempotency_key_in_use`, 429, timeouts, dropped connections)
 *   is ambiguous and returned as it is, to be retried with the same key or resolved by lookup.
 * Declines are not errors and are handled before this (declineFromCardError).
 */
export function gatewayErrorFromStripeError(error: unknown): unknown {
  if (!(error instanceof Stripe.errors.StripeError)) return error;
  if (error instanceof Stripe.errors.StripeConnectionError) {
    if (!neverSent(error.detail)) return error;
    return new PspNotReachedError(`Stripe could not be reached: ${describe(error.detail)}`, { cause: error });
  }
  // Stripe also signals rate limiting as a 400 with code `rate_limit`.
  if (error instanceof Stripe.errors.StripeRateLimitError) return error;
  const status = error.statusCode;
  // No status: the request never got an answer (unreadable body, a connection error the SDK
  // did not wrap).
  const refusedForGood = status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 429;
  if (!refusedForGood) return error;
  return new PspRequestError(`Stripe refused the request (${status}): ${error.message}`, requestErrorCode(error), {
    cause: error,
  });
}

/**
 * The SDK keeps the transport's error in `detail`. Node reports a host with several addresses
 * that all failed as an AggregateError: never sent only if every attempt was.
 */
function neverSent(detail: unknown): boolean {
  const attempts = detail instanceof AggregateError ? detail.errors : [detail];
  return attempts.length > 0 && attempts.every((attempt) => NOT_SENT_CODES.has(String((attempt as { code?: unknown } | null)?.code)));
}

function describe(detail: unknown): string {
  return detail instanceof Error ? detail.message || String((detail as { code?: unknown }).code) : String(detail);
}

function requestErrorCode(error: Stripe.errors.StripeError): string {
  if (error.code) return error.code;
  if (error instanceof Stripe.errors.StripeAuthenticationError) return 'authentication_error';
  if (error instanceof Stripe.errors.StripePermissionError) return 'permission_error';
  return error.rawType ?? 'invalid_request_error';
}

/** A decline's code and message, from Stripe's error or a PaymentIntent's last_payment_error. */
export function failureFromPaymentError(
  error: { code?: string; decline_code?: string; message?: string },
  fallbackCode: string,
): { failureCode: string; failureMessage: string } {
  const declineCode = error.decline_code;
  const failureCode = declineCode !== undefined && HOLDFAST_DECLINE_CODES.has(declineCode) ? declineCode : (error.code ?? fallbackCode);
  return { failureCode, failureMessage: error.message ?? 'The payment was declined.' };
}

function unmappedAuthorization(intent: Stripe.PaymentIntent): UnmappableStripeResponseError {
  return new UnmappableStripeResponseError(`Stripe answered an authorization with PaymentIntent ${intent.id} in status ${intent.status}`);
}

function unknownPaymentIntentStatus(intent: Stripe.PaymentIntent): UnmappableStripeResponseError {
  return new UnmappableStripeResponseError(`Stripe PaymentIntent ${intent.id} has an unknown status: ${String(intent.status)}`);
}
