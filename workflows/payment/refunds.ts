// Refunds of a captured payment until the refund window closes: sent under the lock, settled
// by the PSP's answer or its webhook, sent again with the same key while the PSP cannot be
// reached, and refused while a dispute is open.
import { allHandlersFinished, condition, continueAsNew, patched, sleep, workflowInfo } from '@temporalio/workflow';
import type { PspEvent } from '../../domain/psp-gateway';
import { checkRefund, refundableAmount, type RuleViolation } from '../../domain/payment/rules';
import * as transition from '../../domain/payment/transitions';
import type { RefundState } from '../../domain/payment/types';
import type { RefundRequest } from '../../contracts/payment.contract';
import { psp } from './activities';
import { recordRefund } from './bookings';
import { check, now, nowMs, type PaymentContext } from './context';
import { pspFailure } from './psp-answers';
import { type PaymentWorkflow } from '../../contracts/payment.contract';

/** A refund the PSP never answered is sent again (same key) after 30 s, doubling to an hour. */
const REFUND_RESEND_FIRST_MS = 30_000;
const REFUND_RETRY_INTERVAL_MS = 60 * 60_000;

/**
 * Refunds wait while a dispute is open: the disputed money is held for the cardholder's
 * bank, and refunding it too would return it twice. Decided here, where refunds are
 * serialised, not against the read model, which a dispute opening a moment ago may not
 * have reached.
 */
export function disputed(ctx: PaymentContext): RuleViolation | undefined {
  if (ctx.openDisputes.size === 0) return undefined;
  return { code: 'charge_disputed', message: 'This payment has an open dispute; it cannot be refunded until the dispute is closed.' };
}

export async function refund(ctx: PaymentContext, request: RefundRequest): Promise<RefundState> {
  const existing = ctx.state.refunds.find((r) => r.id === request.refundId);
  if (existing) return existing;
  // A dispute may have opened while this refund waited for the lock.
  check(disputed(ctx) ?? checkRefund(ctx.state, request.amount));
  const amount = request.amount ?? refundableAmount(ctx.state);
  const pending: RefundState = {
    id: request.refundId,
    amount,
    status: 'pending',
    reason: request.reason,
    createdAt: now(),
  };
  await ctx.commit(transition.refundStarted(ctx.state, pending));
  const answered = await sendRefund(ctx, pending);
  if (!answered) void resendUntilAnswered(ctx, pending.id);
  return transition.findRefund(ctx.state, request.refundId);
}

/**
 * Sends a refund to the PSP and records its answer. False when the PSP could not be reached:
 * it may or may not have refunded, so the refund stays pending and its amount reserved —
 * marking it failed would invite a second refund of the same money.
 */
async function sendRefund(ctx: PaymentContext, pending: RefundState): Promise<boolean> {
  let result;
  try {
    result = await psp.refundPayment({
      psp: ctx.state.psp,
      pspReference: ctx.state.pspReference!,
      amount: pending.amount,
      currency: ctx.state.currency,
      reason: pending.reason,
      refundId: pending.id,
      idempotencyKey: pending.id,
    });
  } catch (error) {
    const failure = pspFailure(error);
    if (failure.failureCode === 'psp_unavailable') return false;
    result = { outcome: 'failed' as const, failureCode: failure.failureCode, pspRefundReference: undefined };
  }
  if (result.outcome === 'succeeded') {
    await recordRefund(ctx, pending, result.pspRefundReference);
  } else if (result.outcome === 'failed') {
    await ctx.commit(
      transition.refundFailed(ctx.state, now(), pending.id, {
        failureCode: result.failureCode,
        pspReference: result.pspRefundReference,
      }),
    );
  }
  // A PSP that answers `pending` confirms later by webhook; the refund stays reserved.
  return true;
}

/** Sends an unanswered refund again, with the same idempotency key, until the PSP answers. */
async function resendUntilAnswered(ctx: PaymentContext, refundId: string): Promise<void> {
  ctx.refundRetries++;
  try {
    let answered = false;
    // A PSP that could not be reached is usually back within minutes (the activity does not
    // retry "not reached", which drives failover elsewhere): resend soon, then less often.
    // Runs started before the backoff keep their hourly resend.
    let wait = patched('refund-resend-backoff') ? REFUND_RESEND_FIRST_MS : REFUND_RETRY_INTERVAL_MS;
    while (!answered) {
      await sleep(wait);
      wait = Math.min(wait * 2, REFUND_RETRY_INTERVAL_MS);
      answered = await ctx.lock.exclusive(() => resendRefund(ctx, refundId));
    }
  } finally {
    ctx.refundRetries--;
  }
}

/**
 * One resend, under the lock. Its webhook may have settled the refund while it waited: a
 * settled refund is never settled again (sent again, the PSP's replayed answer would count
 * its amount twice).
 */
async function resendRefund(ctx: PaymentContext, refundId: string): Promise<boolean> {
  const pending = transition.findRefund(ctx.state, refundId);
  if (pending.status !== 'pending' && patched('refund-settled-once')) return true;
  return sendRefund(ctx, pending);
}

/** A refund's webhook settles it, once; one for a refund already settled changes nothing. */
export async function settleRefund(ctx: PaymentContext, event: PspEvent): Promise<void> {
  const pending = ctx.state.refunds.find((r) => r.id === event.refundId);
  if (!pending || pending.status !== 'pending') return;
  if (event.kind === 'refunded') {
    await recordRefund(ctx, pending, event.pspRefundReference ?? '');
  } else {
    await ctx.commit(
      transition.refundFailed(ctx.state, now(), pending.id, {
        failureCode: event.failureCode ?? 'refund_failed',
        pspReference: event.pspRefundReference,
      }),
    );
  }
}

/**
 * Returns when the refund window closes or the payment is fully refunded. A long refund
 * history is carried into a fresh run (continue-as-new) once in-flight refunds finish.
 */
export async function acceptRefundsUntilWindowCloses(ctx: PaymentContext): Promise<void> {
  const capturedAt = ctx.state.history.find((e) => e.type === 'captured')!.at;
  const closesAt = Date.parse(capturedAt) + ctx.input.refundWindowSeconds * 1000;
  for (;;) {
    const remainingMs = closesAt - nowMs();
    if (remainingMs <= 0) return;
    const woke = await condition(() => transition.isFullyRefunded(ctx.state) || workflowInfo().continueAsNewSuggested, remainingMs);
    if (!woke || transition.isFullyRefunded(ctx.state)) return;
    await condition(() => allHandlersFinished() && ctx.lock.idle() && ctx.refundRetries === 0);
    await continueAsNew<PaymentWorkflow>({
      ...ctx.input,
      resumeFrom: ctx.state,
      captureSettled: ctx.captureSettled,
      openDisputes: ctx.openDisputes.size > 0 ? [...ctx.openDisputes] : undefined,
    });
  }
}
