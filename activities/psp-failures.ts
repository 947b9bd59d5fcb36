// How the PSP activities (payments, payouts, dispute evidence) turn the gateway's errors into
// Temporal failures, named once so every workflow lists the same non-retryable types.
import { ApplicationFailure } from '@temporalio/common';
import { PSP_NOT_REACHED, PSP_REQUEST_REJECTED } from '../domain/errors';
import type { PspRequestError } from './psp/gateway';

export { PSP_NOT_REACHED, PSP_REQUEST_REJECTED };

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
