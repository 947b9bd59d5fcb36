// The payment state machine's guards: which request is allowed in which state. Pure, so
// the workflow's update validators and the unit tests use the very same rules.
import type { Refusal } from '../failures';
import type { PaymentState, PaymentStatus } from './types';

/** A rule's refusal of a request: a machine-readable code and the field at fault. */
export type RuleViolation = Refusal;

/** States a payment never leaves. `captured` is not one: refunds still arrive. */
export const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['failed', 'canceled']);

export function unexpectedState(state: PaymentState, action: string): RuleViolation {
  return {
    code: 'payment_unexpected_state',
    message: `This payment's status is ${state.status}; it cannot be ${action}.`,
  };
}

/** In-flight refunds count against what is left, so two concurrent refunds can't overdraw. */
export function refundableAmount(state: PaymentState): number {
  const reserved = state.refunds.filter((r) => r.status === 'pending').reduce((sum, r) => sum + r.amount, 0);
  return state.amountCaptured - state.amountRefunded - reserved;
}

/**
 * Not decided yet: the authorization is still at the PSP (its outcome unknown, or the shopper
 * in a 3-D Secure challenge). Captures and cancels wait behind the decision, then re-check.
 */
export function isUndecided(state: PaymentState): boolean {
  return state.status === 'processing' || state.status === 'requires_action';
}

/**
 * A capture or void the PSP accepted and has not confirmed yet (Adyen). Another one is
 * refused until it is confirmed: two in flight could both succeed at the PSP.
 */
export function modificationPending(state: PaymentState): RuleViolation | undefined {
  if (state.statusReason !== 'capture_pending' && state.statusReason !== 'cancel_pending') return undefined;
  const what = state.statusReason === 'capture_pending' ? 'A capture' : 'A cancel';
  return {
    code: 'payment_modification_pending',
    message: `${what} of this payment is waiting for the payment processor's confirmation; try again once it is confirmed.`,
  };
}

export function checkCapture(state: PaymentState, amount: number | undefined): RuleViolation | undefined {
  if (isUndecided(state) && amount !== undefined && amount > state.amount) return captureTooLarge(amount, state.amount);
  if (isUndecided(state)) return undefined;
  if (state.status !== 'authorized') return unexpectedState(state, 'captured');
  const pending = modificationPending(state);
  if (pending) return pending;
  if (amount !== undefined && amount > state.amountCapturable) return captureTooLarge(amount, state.amountCapturable);
  return undefined;
}

function captureTooLarge(amount: number, capturable: number): RuleViolation {
  return {
    code: 'amount_too_large',
    message: `The capture amount (${amount}) exceeds the amount capturable (${capturable}).`,
    param: 'amount',
  };
}

export function checkCancel(state: PaymentState): RuleViolation | undefined {
  if (state.status !== 'authorized' && !isUndecided(state)) {
    return unexpectedState(state, 'canceled');
  }
  return modificationPending(state);
}

export function checkConfirm(state: PaymentState): RuleViolation | undefined {
  return state.status === 'requires_action' ? undefined : unexpectedState(state, 'confirmed');
}

export function checkRefund(state: PaymentState, amount: number | undefined): RuleViolation | undefined {
  if (state.status !== 'captured') return unexpectedState(state, 'refunded');
  const left = refundableAmount(state);
  if (left <= 0) {
    return { code: 'charge_already_refunded', message: 'This payment has already been fully refunded.' };
  }
  if (amount !== undefined && amount > left) {
    return {
      code: 'amount_too_large',
      message: `The refund amount (${amount}) exceeds what is left to refund (${left}).`,
      param: 'amount',
    };
  }
  return undefined;
}
