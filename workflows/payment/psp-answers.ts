// What a PSP's answer, failure or webhook means for the payment: pure reading of the
// activities' failures (domain/failures.ts) and of PSP events, no commands.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { AuthorizeResult, PspEvent } from '../../domain/psp-gateway';
import { PSP_NOT_CONFIGURED, PSP_NOT_REACHED, PSP_REQUEST_REJECTED } from '../../domain/failures';

export type PspFailure = { failureCode: string; failureMessage: string };

/** A PSP call that failed for good, reduced to a code for the payment or refund. */
export function pspFailure(error: unknown): PspFailure {
  const cause = applicationCause(error);
  if (cause?.type === PSP_REQUEST_REJECTED) {
    const code = (cause.details?.[0] as { code?: string } | undefined)?.code;
    return { failureCode: code ?? 'psp_request_rejected', failureMessage: cause.message };
  }
  return { failureCode: 'psp_unavailable', failureMessage: 'The payment processor could not be reached.' };
}

export function applicationCause(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ActivityFailure) return error.cause instanceof ApplicationFailure ? error.cause : undefined;
  // A local activity's failure reaches the workflow as the activity threw it, unwrapped.
  return error instanceof ApplicationFailure ? error : undefined;
}

/**
 * What a failed authorization attempt tells us: the request never reached the PSP (safe to
 * fail over), the PSP refused it (final), or anything else — a timeout, a dropped
 * connection, a 5xx, a crashed worker — after which the PSP may have authorized.
 */
export function attemptFailure(error: unknown): 'not_reached' | 'rejected' | 'unknown' {
  const type = applicationCause(error)?.type;
  // Either way nothing was sent, so a new payment may fail over to the next PSP.
  if (type === PSP_NOT_REACHED || type === PSP_NOT_CONFIGURED) return 'not_reached';
  if (type === PSP_REQUEST_REJECTED) return 'rejected';
  return 'unknown';
}

/** A void the PSP confirmed as failed (Adyen's CANCELLATION with success=false). */
export function voidFailure(event: PspEvent): PspFailure {
  return {
    failureCode: 'cancel_failed',
    failureMessage: event.failureMessage ?? 'The payment processor could not void the authorization.',
  };
}

/** A webhook's word on an authorization, in the shape of the PSP's own answer. */
export function authorizationFromEvent(event: PspEvent, amount: number): AuthorizeResult {
  if (event.kind === 'authorized') {
    return { outcome: 'authorized', pspReference: event.pspReference, amountCapturable: event.amount ?? amount };
  }
  // Only a sale waits on a capture's webhook for its authorization (PaymentContext.authorizationEvent).
  if (event.kind === 'captured') {
    const captured = event.amount ?? amount;
    return { outcome: 'authorized', pspReference: event.pspReference, amountCapturable: captured, amountCaptured: captured };
  }
  return {
    outcome: 'declined',
    pspReference: event.pspReference,
    failureCode: event.failureCode ?? 'card_declined',
    failureMessage: event.failureMessage ?? 'The payment processor declined the payment.',
  };
}
