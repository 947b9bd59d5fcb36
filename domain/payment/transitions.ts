// Pure state transitions of a payment: each takes the state and what happened, and returns
// the next state with its version bumped and the event appended to the history.
import type { PspName } from '../psp';
import type { NextAction, PaymentEvent, PaymentState, RefundState } from './types';

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

/** Failover: the PSP that was tried first never received the request; the next one is tried. */
export function routedTo(state: PaymentState, at: string, psp: PspName): PaymentState {
  return next(state, { psp }, { type: 'routed', at, psp });
}

/** The PSP may or may not have authorized: the answer was lost. Resolved by lookup or webhook. */
export function outcomeUnknown(state: PaymentState, at: string): PaymentState {
  return next(state, { statusReason: 'psp_outcome_unknown' }, { type: 'outcome_unknown', at, psp: state.psp });
}

export function requiresAction(state: PaymentState, at: string, action: { pspReference: string; nextAction: NextAction }): PaymentState {
  return next(
    state,
    { status: 'requires_action', pspReference: action.pspReference, nextAction: action.nextAction, statusReason: undefined },
    { type: 'requires_action', at },
  );
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
      statusReason: undefined,
      nextAction: undefined,
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
      statusReason: undefined,
      nextAction: undefined,
      failureCode: failure.failureCode,
      failureMessage: failure.failureMessage,
      pspReference: failure.pspReference ?? state.pspReference,
    },
    { type: 'failed', at, failure_code: failure.failureCode },
  );
}

/**
 * The PSP accepted a capture or void and confirms it later by webhook (Adyen): the payment
 * stays `authorized`, with the modification's pending state as its reason, until then.
 */
export function modificationRequested(
  state: PaymentState,
  at: string,
  modification: { kind: 'capture' | 'cancel'; amount: number },
): PaymentState {
  return next(
    state,
    { statusReason: `${modification.kind}_pending` },
    { type: `${modification.kind}_requested`, at, amount: modification.amount },
  );
}

/** The PSP confirmed a pending capture or void as failed: the authorization stands as it was. */
export function modificationFailed(
  state: PaymentState,
  at: string,
  failure: { kind: 'capture' | 'cancel'; failureCode: string },
): PaymentState {
  return next(state, { statusReason: undefined }, { type: `${failure.kind}_failed`, at, failure_code: failure.failureCode });
}

/** A capture settles the authorization: whatever was not captured is released. */
export function captured(state: PaymentState, at: string, amount: number): PaymentState {
  return next(
    state,
    { status: 'captured', amountCaptured: amount, amountCapturable: 0, captureBefore: undefined, statusReason: undefined },
    { type: 'captured', at, amount },
  );
}

export function canceled(state: PaymentState, at: string, reason: 'canceled' | 'expired'): PaymentState {
  return next(
    state,
    { status: 'canceled', amountCapturable: 0, captureBefore: undefined, nextAction: undefined, statusReason: undefined },
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
