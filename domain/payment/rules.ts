// The payment state machine's guards: which request is allowed in which state. Pure, so
// the workflow's update validators and the unit tests use the very same rules.
import type { PaymentState, PaymentStatus } from './types';

/** A refused request, shaped like an API error: a machine-readable code and the field at fault. */
export interface RuleViolation {
  code: string;
  message: string;
  param?: string;
}

/** States a payment never leaves. `captured` is not one: refunds still arrive. */
export const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['failed', 'canceled']);

function unexpectedState(state: PaymentState, action: string): RuleViolation {
  return {
    code: 'payment_unexpected_state',
    message: `This payment's status is ${state.status}; it cannot be ${action}.`,
  };
}

/** In-flight refunds count against what is left, so two concurrent refunds can't overdraw. */
export function refundableAmount(state: PaymentState): number {
  const reserved = state.refunds
    .filter((r) => r.status === 'pending')
    .reduce((sum, r) => sum + r.amount, 0);
  return state.amountCaptured - state.amountRefunded - reserved;
}

export function checkCapture(state: PaymentState, amount: number | undefined): RuleViolation | undefined {
  if (state.status !== 'authorized') return unexpectedState(state, 'captured');
  if (amount !== undefined && amount > state.amountCapturable) {
    return {
      code: 'amount_too_large',
      message: `The capture amount (${amount}) exceeds the amount capturable (${state.amountCapturable}).`,
      param: 'amount',
    };
  }
  return undefined;
}

export function checkCancel(state: PaymentState): RuleViolation | undefined {
  if (state.status !== 'authorized' && state.status !== 'requires_action') {
    return unexpectedState(state, 'canceled');
  }
  return undefined;
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
