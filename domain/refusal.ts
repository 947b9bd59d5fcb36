// A refused request: the one shape every workflow's validators and handlers refuse with, and
// the one way they throw it, so the API translates each the same way (api/refusals.ts).
import { ApplicationFailure } from '@temporalio/common';

/** What a refusal says; details[0] of the failure is this object. */
export interface Refusal {
  code: string;
  message: string;
  /** The request field at fault, when there is one. */
  param?: string;
}

/** Refusal failure types, one per workflow. Recorded in histories: never change a value. */
export const REQUEST_REFUSED = 'RequestRefused';
export const PAYOUT_REQUEST_REFUSED = 'PayoutRequestRefused';
export const DISPUTE_REQUEST_REFUSED = 'DisputeRequestRefused';

/**
 * Fails the Update (or its validator) with `refusal` as details[0]. Non-retryable: the same
 * request against the same state is refused again.
 */
export function refuse(type: string, refusal: Refusal): never {
  throw ApplicationFailure.create({ type, message: refusal.message, nonRetryable: true, details: [refusal] });
}
