// One workflow per payment: check risk, route to a PSP and authorize (failing over only when
// the PSP was never reached), resolve an unknown outcome by lookup or webhook, wait for the
// shopper's 3-D Secure challenge, then capture (at once or on request), void an
// authorization nobody captured in time, and take refunds until the refund window closes.
// Every money movement is PSP call → ledger posting → read model, in that order, under one
// lock, so two requests never interleave their steps.
//
// This file is the wiring: the handlers, registered before anything awaits, and the
// payment's life from start to end. Each concern lives in its own module of this folder and
// shares the state in PaymentContext (context.ts).
import { allHandlersFinished, condition, log, patched, setHandler } from '@temporalio/workflow';
import type { PspEvent } from '../../domain/psp-gateway';
import { checkCancel, checkCapture, checkConfirm, checkRefund, isUndecided } from '../../domain/payment/rules';
import type { PaymentState } from '../../domain/payment/types';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  confirmUpdate,
  disputeSignal,
  expireHoldUpdate,
  paymentStateQuery,
  pspEventSignal,
  refundUpdate,
  settledSignal,
  type ConfirmRequest,
  type PaymentInput,
} from '../../contracts/payment.contract';
import { start } from './authorization';
import { cancel, capture } from './capture-cancel-void';
import { check, nowMs, PaymentContext, refusePayment } from './context';
import { expireHold, holdUntilCapturedOrExpired } from './hold-expiry';
import { modificationConfirmed } from './pending-modifications';
import { acceptRefundsUntilWindowCloses, disputed, refund, settleRefund } from './refunds';
import { watchSettlement } from './settlement-watch';
import { confirm } from './three-d-secure';

/** How long settlement's expireHold waits for the PSP to confirm the void it sent. */
const EXPIRED_VOID_CONFIRMATION_WAIT = '30 seconds';

export async function paymentWorkflow(input: PaymentInput): Promise<PaymentState> {
  const ctx = new PaymentContext(input);
  registerHandlers(ctx);
  return run(ctx);
}

/** Handlers first, before any await, so no message that arrives early is lost. */
function registerHandlers(ctx: PaymentContext): void {
  setHandler(paymentStateQuery, () => ctx.published);
  setHandler(awaitOutcomeUpdate, async () => {
    await condition(() => !ctx.starting);
    return ctx.published;
  });
  setHandler(captureUpdate, ({ amount }) => ctx.lock.exclusive(() => capture(ctx, amount)), {
    validator: ({ amount }) => check(checkCapture(ctx.state, amount)),
  });
  setHandler(
    cancelUpdate,
    () => {
      if (isUndecided(ctx.state)) ctx.cancelRequested = true;
      return ctx.lock.exclusive(() => cancel(ctx));
    },
    { validator: () => check(checkCancel(ctx.state)) },
  );
  setHandler(confirmUpdate, (request: ConfirmRequest) => confirm(ctx, request), {
    validator: (_request: ConfirmRequest) => check(checkConfirm(ctx.state)),
  });
  setHandler(pspEventSignal, (event) => onPspEvent(ctx, event));
  setHandler(settledSignal, ({ kind }) => {
    if (kind === 'capture') ctx.captureSettled = true;
  });
  setHandler(
    expireHoldUpdate,
    async () => {
      await ctx.lock.exclusive(() => expireHold(ctx));
      // Settlement asks so that the void is in the day's batches: one the PSP confirms later
      // (Adyen) is waited for a little, without the lock; a later one goes in the next day's.
      if (ctx.modification?.reason === 'expired') {
        await condition(() => ctx.modification === undefined, EXPIRED_VOID_CONFIRMATION_WAIT);
      }
      return ctx.published;
    },
    {
      validator: () => {
        const expired = ctx.state.status === 'authorized' && Date.parse(ctx.state.captureBefore!) <= nowMs();
        if (!expired)
          refusePayment({ code: 'hold_not_expired', message: 'Only an authorization past its capture deadline can be expired.' });
      },
    },
  );
  setHandler(refundUpdate, (request) => ctx.lock.exclusive(() => refund(ctx, request)), {
    validator: (request) => {
      if (ctx.state.refunds.some((r) => r.id === request.refundId)) return;
      check(disputed(ctx) ?? checkRefund(ctx.state, request.amount));
    },
  });
  setHandler(disputeSignal, ({ disputeId, status }) => {
    if (status === 'opened') ctx.openDisputes.add(disputeId);
    else ctx.openDisputes.delete(disputeId);
  });
}

async function run(ctx: PaymentContext): Promise<PaymentState> {
  if (!ctx.input.resumeFrom) await ctx.lock.exclusive(() => start(ctx));
  if (ctx.state.status === 'authorized' && ctx.input.captureMethod === 'automatic') {
    await ctx.lock
      .exclusive(() => capture(ctx, undefined))
      .catch((error) => {
        // The authorization stands; the hold expiry below voids it if nobody captures.
        log.warn('automatic capture failed', { paymentId: ctx.state.id, error });
      });
    // The create request answers with the capture's outcome once the PSP confirms it.
    await modificationConfirmed(ctx);
  }
  ctx.starting = false;
  // A capture or void that fails once confirmed leaves the authorization to hold again.
  while (ctx.state.status === 'authorized') {
    await holdUntilCapturedOrExpired(ctx);
    await modificationConfirmed(ctx);
  }
  if (ctx.state.status === 'captured') {
    const watch = watchSettlement(ctx);
    await acceptRefundsUntilWindowCloses(ctx);
    ctx.closing = true;
    await watch;
  }
  await condition(() => allHandlersFinished() && ctx.refundRetries === 0);
  return ctx.published;
}

/**
 * Webhook events. Authorization events wake whoever waits for them; refund confirmations
 * settle their refund. An event for a step already past (a duplicate, or one arriving out
 * of order) finds nothing waiting and changes nothing: a payment never moves backwards.
 */
async function onPspEvent(ctx: PaymentContext, event: PspEvent): Promise<void> {
  if (ctx.pspEvents.some((e) => e.eventId === event.eventId && e.psp === event.psp)) return;
  ctx.pspEvents.push(event);
  if (event.kind === 'refunded' || event.kind === 'refund_failed') {
    // Only the PSP the refund went to can settle it (the API checks this first). Once
    // patched, not before: a payment already running keeps what its history recorded.
    if (event.psp !== ctx.state.psp && patched('refund-settlement-checks-psp')) return;
    await ctx.lock.exclusive(() => settleRefund(ctx, event));
  }
}
