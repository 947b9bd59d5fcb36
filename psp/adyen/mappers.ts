// Pure translations between holdfast's gateway vocabulary and Adyen's Checkout API (v72),
// Payout API (v68) and Disputes API (v30). The only place that converts amounts, and the only
// place that reads an Adyen resultCode: every code is mapped on purpose, and one this code
// does not know is an error, never a default.
import { HttpClientException, Types } from '@adyen/api-library';
import type { DefendDisputeRequest, SupplyDefenseDocumentRequest } from '@adyen/api-library/lib/src/typings/disputes/models';
import { currencyExponent, formatMoney, isSupportedCurrency, isValidAmount } from '../../domain/money';
import { evidencePdf } from './evidence-pdf';
import {
  type AuthorizeRequest,
  type AuthorizeResult,
  type CancelResult,
  type CaptureRequest,
  type CaptureResult,
  type DisputeEvidenceRequest,
  type PayoutRequest,
  type PayoutResult,
  PspNotReachedError,
  PspRequestError,
  type RefundReason,
  type RefundRequest,
  type RefundResult,
} from '../../domain/psp-gateway';

type Amount = Types.checkout.Amount;
const ResultCode = Types.checkout.PaymentResponse.ResultCodeEnum;

/** Adyen answered with something the gateway contract cannot express. */
export class UnmappableAdyenResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnmappableAdyenResponseError';
  }
}

/**
 * Adyen took the payment (`Received` / `Pending`) but has no outcome yet; the AUTHORISATION
 * notification brings it. The gateway has no "pending" authorization, so this is thrown as
 * what it is, an unknown outcome: retried under the same key (Adyen replays this very
 * answer) and, failing that, resolved by the webhook. Never a decline: money may be held.
 */
export class AdyenAuthorizationPendingError extends Error {
  constructor(
    readonly pspReference: string | undefined,
    readonly resultCode: string,
  ) {
    super(
      `Adyen has not decided payment ${pspReference ?? '(no pspReference)'} yet (resultCode ${resultCode}); its AUTHORISATION notification will`,
    );
    this.name = 'AdyenAuthorizationPendingError';
  }
}

// Amounts. Adyen counts minor units, but for a few currencies its minor unit is not ISO
// 4217's, which holdfast uses; the value is rescaled here and nowhere else.

/** Currencies holdfast supports whose Adyen decimals differ from ISO 4217's (Adyen's currency-codes page). */
const ADYEN_EXPONENTS: Readonly<Record<string, number>> = { clp: 2, idr: 0, isk: 2 };

function adyenExponent(currency: string): number {
  return ADYEN_EXPONENTS[currency] ?? currencyExponent(currency);
}

export function toAdyenAmount(amount: number, currency: string): Amount {
  if (!isValidAmount(amount)) throw new RangeError(`amount must be a positive safe integer of minor units, got ${amount}`);
  const shift = adyenExponent(currency) - currencyExponent(currency);
  const value = shift >= 0 ? amount * 10 ** shift : amount / 10 ** -shift;
  if (!Number.isSafeInteger(value)) {
    // A refusal before anything is sent, final like Adyen's own: a plain error here would count
    // as an unanswered call, resolved by lookups that fail the same way, and trip the breaker.
    throw new PspRequestError(
      `amount: ${formatMoney(amount, currency)} cannot be expressed in Adyen's minor units of ${currency.toUpperCase()}`,
      'amount_not_supported',
    );
  }
  return { value, currency: currency.toUpperCase() };
}

/** Takes checkout's and notifications' Amount alike. */
export function fromAdyenAmount(amount: { value?: number; currency?: string }): { amount: number; currency: string } {
  const currency = String(amount.currency).toLowerCase();
  if (!isSupportedCurrency(currency)) throw new UnmappableAdyenResponseError(`Adyen sent an unsupported currency: ${amount.currency}`);
  if (amount.value === undefined || !Number.isSafeInteger(amount.value) || amount.value < 0) {
    throw new UnmappableAdyenResponseError(`Adyen sent an amount that is not a whole number of minor units: ${amount.value}`);
  }
  const shift = adyenExponent(currency) - currencyExponent(currency);
  const value = shift >= 0 ? amount.value / 10 ** shift : amount.value * 10 ** -shift;
  if (!Number.isSafeInteger(value)) {
    throw new UnmappableAdyenResponseError(
      `Adyen's ${amount.value} ${amount.currency} is not a whole number of ${currency}'s ISO minor units`,
    );
  }
  return { amount: value, currency };
}

// Requests.

/**
 * An authorization only, even when a sale is asked for (`captureNow`): Adyen's immediate capture
 * is a merchant-account setting, and it confirms captures only by CAPTURE notification. The
 * answer carries no `amountCaptured`, so the payment's capture step follows.
 */
export function paymentRequest(request: AuthorizeRequest, merchantAccount: string): Types.checkout.PaymentRequest {
  return {
    merchantAccount,
    reference: request.paymentId,
    amount: toAdyenAmount(request.amount, request.currency),
    // holdfast's payment method is a token its vault (or the merchant's) already holds, the
    // way a stored card is at Adyen; Adyen files stored cards under a shopper, and holdfast
    // knows no shopper finer than the merchant, so the merchant id is that reference.
    // The shopper is present (a 3-D Secure challenge may follow), so this is a shopper-
    // initiated card-on-file payment (Ecommerce + CardOnFile), not a merchant-initiated one.
    paymentMethod: { type: Types.checkout.CardDetails.TypeEnum.Scheme, storedPaymentMethodId: request.paymentMethod },
    shopperReference: request.merchantId,
    shopperInteraction: Types.checkout.PaymentRequest.ShopperInteractionEnum.Ecommerce,
    recurringProcessingModel: Types.checkout.PaymentRequest.RecurringProcessingModelEnum.CardOnFile,
    returnUrl: request.returnUrl,
    ...(request.statementDescriptor === undefined ? {} : { shopperStatement: request.statementDescriptor }),
    // Manual capture per payment, whatever the merchant account's default capture delay:
    // holdfast captures (or voids) every authorization itself.
    additionalData: { manualCapture: 'true' },
  };
}

export function paymentDetailsRequest(redirectResult: string): Types.checkout.PaymentDetailsRequest {
  return { details: { redirectResult } };
}

/**
 * No `reference`: the capture request does not carry holdfast's payment id, and without one
 * Adyen's CAPTURE notification carries the payment's own reference, which is that id.
 */
export function captureRequest(request: CaptureRequest, merchantAccount: string): Types.checkout.PaymentCaptureRequest {
  return { merchantAccount, amount: toAdyenAmount(request.amount, request.currency) };
}

/** No `reference`, for the same reason as captureRequest. */
export function cancelRequest(merchantAccount: string): Types.checkout.PaymentCancelRequest {
  return { merchantAccount };
}

const REFUND_REASONS: Readonly<Record<RefundReason, Types.checkout.PaymentRefundRequest.MerchantRefundReasonEnum>> = {
  duplicate: Types.checkout.PaymentRefundRequest.MerchantRefundReasonEnum.Duplicate,
  fraudulent: Types.checkout.PaymentRefundRequest.MerchantRefundReasonEnum.Fraud,
  requested_by_customer: Types.checkout.PaymentRefundRequest.MerchantRefundReasonEnum.CustomerRequest,
};

export function refundRequest(request: RefundRequest, merchantAccount: string): Types.checkout.PaymentRefundRequest {
  return {
    merchantAccount,
    amount: toAdyenAmount(request.amount, request.currency),
    // REFUND notifications carry it back as merchantReference.
    reference: request.refundId,
    ...(request.reason === undefined ? {} : { merchantRefundReason: REFUND_REASONS[request.reason] }),
  };
}

// Responses.

/** What /payments and /payments/details both answer, as far as an authorization outcome goes. */
export interface AdyenPaymentOutcome {
  resultCode?: string;
  pspReference?: string;
  amount?: Amount | null;
  refusalReason?: string;
  refusalReasonCode?: string;
  action?: { type: string; url?: string; method?: string } | null;
}

/**
 * Maps the answer to an authorization of `request` (manual capture, so `Authorised` means
 * the money is held, not taken). `PartiallyAuthorised`, `PresentToShopper` and the
 * authentication-only codes answer requests holdfast never makes.
 */
export function authorizeResultFromPaymentResponse(response: AdyenPaymentOutcome, request: AuthorizeRequest): AuthorizeResult {
  const resultCode = response.resultCode as Types.checkout.PaymentResponse.ResultCodeEnum | undefined;
  switch (resultCode) {
    case ResultCode.Authorised:
      return {
        outcome: 'authorized',
        pspReference: requiredPspReference(response),
        amountCapturable: authorisedAmount(response, request),
      };
    case ResultCode.Refused:
      return { outcome: 'declined', ...optionalPspReference(response), ...refusal(response.refusalReason, response.refusalReasonCode) };
    case ResultCode.Error:
      // Final: Adyen could not process the payment and nothing is held.
      return {
        outcome: 'declined',
        ...optionalPspReference(response),
        failureCode: 'processing_error',
        failureMessage: response.refusalReason ?? 'Adyen could not process the payment.',
      };
    case ResultCode.Cancelled:
      // Final: cancelled before it was processed, so nothing is held.
      return {
        outcome: 'declined',
        ...optionalPspReference(response),
        failureCode: 'payment_canceled',
        failureMessage: response.refusalReason ?? 'The payment was cancelled before it was processed.',
      };
    case ResultCode.RedirectShopper:
    case ResultCode.IdentifyShopper:
    case ResultCode.ChallengeShopper:
      return { outcome: 'requires_action', pspReference: requiredPspReference(response), redirectUrl: redirectUrlOf(response) };
    case ResultCode.Received:
    case ResultCode.Pending:
      throw new AdyenAuthorizationPendingError(response.pspReference, resultCode);
    case ResultCode.PartiallyAuthorised:
    case ResultCode.PresentToShopper:
    case ResultCode.AuthenticationFinished:
    case ResultCode.AuthenticationNotRequired:
    case ResultCode.Success:
      throw new UnmappableAdyenResponseError(
        `Adyen answered a manual-capture card authorization with resultCode ${resultCode} (pspReference ${response.pspReference})`,
      );
    default:
      throw new UnmappableAdyenResponseError(`Adyen sent an unknown resultCode: ${String(resultCode)}`);
  }
}

/** Adyen's refusal reason code for "Not enough balance" (its refusal-reasons page). */
const NOT_ENOUGH_BALANCE_CODE = '12';
const NOT_ENOUGH_BALANCE = 'Not enough balance';

/** holdfast's decline codes from Adyen's refusal reason: insufficient funds is told apart, the rest is a decline. */
export function refusal(reason: string | undefined, reasonCode: string | undefined): { failureCode: string; failureMessage: string } {
  const insufficientFunds = reasonCode === NOT_ENOUGH_BALANCE_CODE || reason === NOT_ENOUGH_BALANCE;
  return {
    failureCode: insufficientFunds ? 'insufficient_funds' : 'card_declined',
    failureMessage: reason ?? 'The payment was refused.',
  };
}

/** Adyen confirms captures later (CAPTURE / CAPTURE_FAILED); a 2xx only says it was received. */
export function captureResultFromResponse(response: Types.checkout.PaymentCaptureResponse): CaptureResult {
  assertReceived(response, 'capture');
  return { outcome: 'pending', amountCaptured: fromAdyenAmount(response.amount).amount };
}

/** Confirmed later by a CANCELLATION notification. */
export function cancelResultFromResponse(response: Types.checkout.PaymentCancelResponse): CancelResult {
  assertReceived(response, 'cancel');
  return { outcome: 'pending' };
}

/** Confirmed later by a REFUND (or REFUND_FAILED) notification naming this pspReference. */
export function refundResultFromResponse(response: Types.checkout.PaymentRefundResponse): RefundResult {
  assertReceived(response, 'refund');
  return { outcome: 'pending', pspRefundReference: response.pspReference };
}

// Payouts (Payout API v68).

/**
 * A payout to the payout details Adyen keeps for the seller (stored under its id as
 * shopperReference; LATEST picks the ones stored last). holdfast keeps no seller email, and
 * Adyen requires one, so each seller gets a fixed placeholder on a reserved domain (RFC 6761
 * `.invalid`): nothing can ever be delivered to it, and it says whose payout this is.
 */
export function payoutRequest(request: PayoutRequest, merchantAccount: string): Types.payout.SubmitRequest {
  return {
    merchantAccount,
    // PAYOUT_THIRDPARTY carries it back as merchantReference.
    reference: request.payoutId,
    amount: toAdyenAmount(request.amount, request.currency),
    shopperEmail: `${request.sellerId}@sellers.holdfast.invalid`,
    shopperReference: request.sellerId,
    recurring: { contract: Types.payout.Recurring.ContractEnum.Payout },
    selectedRecurringDetailReference: 'LATEST',
  };
}

/** /submitThirdParty's resultCode on success; the outcome follows in PAYOUT_THIRDPARTY. */
const PAYOUT_SUBMIT_RECEIVED = '[payout-submit-received]';
const PAYOUT_REFUSED = 'Refused';

export function payoutResultFromSubmitResponse(response: Types.payout.SubmitResponse): PayoutResult {
  switch (response.resultCode) {
    case PAYOUT_SUBMIT_RECEIVED:
      if (!response.pspReference) throw new UnmappableAdyenResponseError(`Adyen received a payout without a pspReference`);
      return { outcome: 'pending', pspPayoutReference: response.pspReference };
    case PAYOUT_REFUSED:
      return {
        outcome: 'failed',
        ...(response.pspReference ? { pspPayoutReference: response.pspReference } : {}),
        failureCode: 'payout_refused',
        failureMessage: response.refusalReason ?? 'Adyen refused the payout.',
      };
    default:
      throw new UnmappableAdyenResponseError(`Adyen answered a payout with an unknown resultCode: ${String(response.resultCode)}`);
  }
}

// Disputes (Disputes API v30).

/** Adyen's document type and defense reason for "here is our case" (its SupplyDefenseMaterial defense). */
const DEFENSE_DOCUMENT_TYPE = 'DefenseMaterial';
const DEFENSE_REASON = 'SupplyDefenseMaterial';

/** The merchant's text as one defense document: a PDF, since Adyen takes PDF, JPEG or TIFF only. */
export function defenseDocumentRequest(request: DisputeEvidenceRequest, merchantAccountCode: string): SupplyDefenseDocumentRequest {
  return {
    merchantAccountCode,
    disputePspReference: request.pspDisputeReference,
    defenseDocuments: [
      {
        defenseDocumentTypeCode: DEFENSE_DOCUMENT_TYPE,
        contentType: 'application/pdf',
        content: evidencePdf(request.text).toString('base64'),
      },
    ],
  };
}

export function defendDisputeRequest(request: DisputeEvidenceRequest, merchantAccountCode: string): DefendDisputeRequest {
  return { merchantAccountCode, disputePspReference: request.pspDisputeReference, defenseReasonCode: DEFENSE_REASON };
}

/**
 * The Disputes API answers a refusal the dispute's state decides (closed, defense period
 * over, already defended) with 200 and `success: false`: as final as a 4xx, so the same error.
 */
export function assertDisputeServiceSucceeded(
  response: { disputeServiceResult?: { success?: boolean; errorMessage?: string } },
  operation: 'supplyDefenseDocument' | 'defendDispute',
): void {
  const result = response.disputeServiceResult;
  if (result?.success === true) return;
  if (result?.success === false) {
    throw new PspRequestError(`Adyen refused ${operation}: ${result.errorMessage ?? 'no reason given'}`, 'dispute_not_defendable');
  }
  throw new UnmappableAdyenResponseError(`Adyen answered ${operation} without a disputeServiceResult: ${JSON.stringify(response)}`);
}

// Errors.

/** Socket errors that mean no connection was made, so not one byte of the request was sent. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Adyen's code for an Idempotency-Key reused with another body, or whose first request is still running. */
const IDEMPOTENCY_CONFLICT = '704';

/**
 * What a failed call means to the gateway's callers:
 * - no connection was made → `PspNotReachedError`;
 * - a 4xx refusal (validation, state, credentials) → `PspRequestError` with Adyen's errorCode;
 * - 429, 5xx, a timeout, a dropped connection → returned as it is: ambiguous, retried with the
 *   same key. So is 704, which Adyen also answers while the first request is still running.
 */
export function gatewayErrorFromAdyenError(error: unknown): unknown {
  if (error instanceof HttpClientException) {
    const status = error.statusCode;
    const refusedForGood = status >= 400 && status < 500 && status !== 429 && error.errorCode !== IDEMPOTENCY_CONFLICT;
    if (!refusedForGood) return error;
    const code = error.errorCode ?? error.apiError?.errorType ?? `http_${status}`;
    const message = error.apiError?.message ?? error.message;
    return new PspRequestError(`Adyen refused the request (${status} ${code}): ${message}`, code, { cause: error });
  }
  if (neverSent(error)) {
    return new PspNotReachedError(`Adyen was not reached: ${describe(error)}`, { cause: error });
  }
  return error;
}

function neverSent(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    // Node tries each address of a host in turn; a refusal from all of them is an AggregateError.
    if (current instanceof AggregateError && current.errors.length > 0 && current.errors.every(neverSent)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NEVER_SENT_CODES.has(code)) return true;
  }
  return false;
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) parts.push(current.message);
  return parts.join(': ');
}

// Helpers.

function requiredPspReference(response: AdyenPaymentOutcome): string {
  if (!response.pspReference) throw new UnmappableAdyenResponseError(`Adyen's ${response.resultCode} answer has no pspReference`);
  return response.pspReference;
}

function optionalPspReference(response: AdyenPaymentOutcome): { pspReference?: string } {
  return response.pspReference ? { pspReference: response.pspReference } : {};
}

/** The held amount: Adyen's own figure when it sends one (it must be in the requested currency), else the request's. */
function authorisedAmount(response: AdyenPaymentOutcome, request: AuthorizeRequest): number {
  if (!response.amount) return request.amount;
  const { amount, currency } = fromAdyenAmount(response.amount);
  if (currency !== request.currency) {
    throw new UnmappableAdyenResponseError(`Adyen authorised ${currency} for a ${request.currency} payment (${response.pspReference})`);
  }
  return amount;
}

/** A GET redirect is all the gateway can hand on: one URL for the shopper to open. */
function redirectUrlOf(response: AdyenPaymentOutcome): string {
  const action = response.action;
  const method = action?.method?.toUpperCase() ?? 'GET';
  if (action?.type !== 'redirect' || !action.url || method !== 'GET') {
    throw new UnmappableAdyenResponseError(
      `Adyen asked for a shopper action holdfast cannot hand on as a URL (${response.pspReference}: ${JSON.stringify(action ?? null)})`,
    );
  }
  return action.url;
}

function assertReceived(response: { status?: string; pspReference?: string }, operation: string): void {
  if (response.status !== 'received' || !response.pspReference) {
    throw new UnmappableAdyenResponseError(
      `Adyen answered a ${operation} with status ${String(response.status)} (${response.pspReference})`,
    );
  }
}
