// How the PSP activities (payments, payouts, dispute evidence) turn the gateway's errors into
// Temporal failures, named once so every workflow lists the same non-retryable types.
import { ApplicationFailure } from '@temporalio/common';
import type { PspRequestError } from './psp/gateway';

/** The PSP answered and refused the request for good; its code is in details[0]. */
export const PSP_REQUEST_REJECTED = 'PspRequestRejected';
/** The request never reached the PSP, or no gateway is configured for it. */
export const PSP_NOT_REACHED = 'PspNotReached';

/**
 * A refused request as a non-retryable failure: retrying the same request cannot help. The
 * field at fault travels too when the refusal names one (an adapter's `amount_not_supported`).
 */
export function pspRequestRejected(error: PspRequestError): ApplicationFailure {
  const param = (error as PspRequestError & { param?: unknown }).param;
  return ApplicationFailure.create({
    message: error.message,
    type: PSP_REQUEST_REJECTED,
    nonRetryable: true,
    details: [{ code: error.code, ...(typeof param === 'string' ? { param } : {}) }],
    cause: error,
  });
}
