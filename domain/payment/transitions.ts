// Pure state transitions of a payment: each takes the state and what happened, and returns
// the next state with its version bumped and the event appended to the history.
import type { PaymentEvent, PaymentState, RefundState } from './types';

type NewPayment = Omit<
  PaymentState,
  'status' | 'amountCapturable' | 'amountCaptured' | 'amountRefunded' | 'history' | 'refunds' | 'version'
>;

function next(state: PaymentState, changes: Partial<PaymentState>, event?: PaymentEvent): PaymentState {
  return {
    ...state,
    ...changes,
    history: event ? [...state.history, event] : state.history,
    version: state.version + 1,
  };
}

export function newPayment(payment: NewPayment): PaymentState {
  return {
    ...payment,
    status: 'processing',
    amountCapturable: 0,
    amountCaptured: 0,
    amountRefunded: 0,
    history: [{ type: 'created', at: payment.createdAt, amount: payment.amount }],
    refunds: [],
    version: 1,
  };
}

export function authorized(
  state: PaymentState,
  at: string,
  outcome: { pspReference: string; amountCapturable: number; captureBefore: string },
): PaymentState {
  return next(
    state,
    {
      status: 'authorized',
      pspReference: outcome.pspReference,
      amountCapturable: outcome.amountCapturable,
      captureBefore: outcome.captureBefore,
    },
    { type: 'authorized', at, amount: outcome.amountCapturable },
  );
}

export function failed(
  state: PaymentState,
  at: string,
  failure: { failureCode: string; failureMessage: string; pspReference?: string },
): PaymentState {
  return next(
    state,
    {
      status: 'failed',
      failureCode: failure.failureCode,
      failureMessage: failure.failureMessage,
      pspReference: failure.pspReference ?? state.pspReference,
    },
    { type: 'failed', at, failure_code: failure.failureCode },
  );
}

/** A capture settles the authorization: whatever was not captured is released. */
export function captured(state: PaymentState, at: string, amount: number): PaymentState {
  return next(
    state,
    { status: 'captured', amountCaptured: amount, amountCapturable: 0, captureBefore: undefined },
    { type: 'captured', at, amount },
  );
}

export function canceled(state: PaymentState, at: string, reason: 'canceled' | 'expired'): PaymentState {
  return next(
    state,
    { status: 'canceled', amountCapturable: 0, captureBefore: undefined },
    { type: reason, at, amount: state.amountCapturable },
  );
}

export function refundStarted(state: PaymentState, refund: RefundState): PaymentState {
  return next(state, { refunds: [...state.refunds, refund] });
}

export function refundSucceeded(state: PaymentState, at: string, refundId: string, pspReference: string): PaymentState {
  const refund = findRefund(state, refundId);
  return next(
    state,
    {
      amountRefunded: state.amountRefunded + refund.amount,
      refunds: replaceRefund(state, { ...refund, status: 'succeeded', pspReference }),
    },
    { type: 'refund_succeeded', at, amount: refund.amount, refund: refundId },
  );
}

export function refundFailed(
  state: PaymentState,
  at: string,
  refundId: string,
  failure: { failureCode: string; pspReference?: string },
): PaymentState {
  const refund = findRefund(state, refundId);
  return next(
    state,
    {
      refunds: replaceRefund(state, {
        ...refund,
        status: 'failed',
        failureCode: failure.failureCode,
        pspReference: failure.pspReference,
      }),
    },
    { type: 'refund_failed', at, amount: refund.amount, refund: refundId, failure_code: failure.failureCode },
  );
}

export function findRefund(state: PaymentState, refundId: string): RefundState {
  const refund = state.refunds.find((r) => r.id === refundId);
  if (!refund) throw new Error(`unknown refund ${refundId} on ${state.id}`);
  return refund;
}

function replaceRefund(state: PaymentState, refund: RefundState): RefundState[] {
  return state.refunds.map((r) => (r.id === refund.id ? refund : r));
}

export function isFullyRefunded(state: PaymentState): boolean {
  return state.amountRefunded >= state.amountCaptured && state.refunds.every((r) => r.status !== 'pending');
}
