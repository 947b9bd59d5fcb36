// Capturing an authorization, canceling it at the merchant's request, and the void both a
// cancel and an expired or abandoned hold send. A PSP that confirms later (Adyen) hands the
// wait to pending-modifications.ts; payments started before that patch wait under the lock.
import { condition, patched } from '@temporalio/workflow';
import type { PspEvent } from '../../domain/psp-gateway';
import { checkCancel, checkCapture, unexpectedState } from '../../domain/payment/rules';
import type { PaymentState } from '../../domain/payment/types';
import { psp } from './activities';
import { recordCapture, releaseHold } from './bookings';
import { check, now, refusePayment, type PaymentContext } from './context';
import { MODIFICATION_CONFIRMED_OUTSIDE_LOCK, modificationRequested, voidRequested } from './pending-modifications';
import { pspFailure, voidFailure, type PspFailure } from './psp-answers';

export async function capture(ctx: PaymentContext, requested: number | undefined): Promise<PaymentState> {
  // Waited behind an undecided authorization: re-checked against the decision.
  if (ctx.state.status !== 'authorized') refusePayment(unexpectedState(ctx.state, 'captured'));
  check(checkCapture(ctx.state, requested));
  const amount = requested ?? ctx.state.amountCapturable;
  // A capture the PSP failed is a new request when tried again: a new key, or the PSP would
  // replay its first answer and never confirm.
  const failedBefore = ctx.pspEvents.filter((e) => e.kind === 'capture_failed').length;
  const since = ctx.pspEvents.length;
  let result;
  try {
    result = await psp.capturePayment({
      psp: ctx.state.psp,
      pspReference: ctx.state.pspReference!,
      amount,
      currency: ctx.state.currency,
      idempotencyKey: `${ctx.state.id}:capture:${amount}${failedBefore > 0 ? `:${failedBefore}` : ''}`,
    });
  } catch (error) {
    const failure = pspFailure(error);
    refusePayment({ code: failure.failureCode, message: failure.failureMessage });
  }
  if (result.outcome === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
    await modificationRequested(ctx, { kind: 'capture', amount: result.amountCaptured, since, requestedAt: now() });
    return ctx.published;
  }
  if (result.outcome === 'pending') {
    const confirmed = await confirmation(ctx, ['captured', 'capture_failed'], since);
    if (confirmed.kind === 'capture_failed') {
      const message = confirmed.failureMessage ?? 'The payment processor could not capture the payment.';
      refusePayment({ code: 'capture_failed', message });
    }
  }
  await recordCapture(ctx, result.amountCaptured);
  return ctx.published;
}

export async function cancel(ctx: PaymentContext): Promise<PaymentState> {
  // Canceled while the shopper was in a challenge: the authorize step already voided it.
  if (ctx.cancelRequested && ctx.state.status === 'canceled') return ctx.published;
  if (ctx.state.status !== 'authorized') refusePayment(unexpectedState(ctx.state, 'canceled'));
  check(checkCancel(ctx.state));
  const since = ctx.pspEvents.length;
  const answer = await sendVoid(ctx);
  if (answer === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
    await voidRequested(ctx, 'canceled', since);
    return ctx.published;
  }
  const failure = answer === 'pending' ? await voidConfirmation(ctx, since) : answer;
  if (failure) refusePayment({ code: failure.failureCode, message: failure.failureMessage });
  await releaseHold(ctx, 'canceled');
  return ctx.published;
}

/** Asks the PSP to void: its failure, `pending` when it confirms later, or undefined once voided. */
export async function sendVoid(ctx: PaymentContext): Promise<PspFailure | 'pending' | undefined> {
  try {
    const result = await psp.cancelPayment({
      psp: ctx.state.psp,
      pspReference: ctx.state.pspReference!,
      idempotencyKey: `${ctx.state.id}:cancel`,
    });
    return result.outcome === 'pending' ? 'pending' : undefined;
  } catch (error) {
    return pspFailure(error);
  }
}

/** Waits, under the lock, for a pending void's confirmation (payments started before the patch). */
export async function voidConfirmation(ctx: PaymentContext, since: number): Promise<PspFailure | undefined> {
  const confirmed = await confirmation(ctx, ['canceled', 'cancel_failed'], since);
  return confirmed.kind === 'cancel_failed' ? voidFailure(confirmed) : undefined;
}

/**
 * Waits for the webhook that confirms an asynchronous modification (Adyen). Only events
 * received since the request was sent count: an earlier attempt's answer decides nothing.
 */
async function confirmation(ctx: PaymentContext, kinds: ReadonlyArray<PspEvent['kind']>, since: number): Promise<PspEvent> {
  const find = () => ctx.pspEvents.slice(since).find((e) => e.psp === ctx.state.psp && kinds.includes(e.kind));
  await condition(() => find() !== undefined);
  return find()!;
}
