// The ledger's side of what happened at the PSP: each money movement is booked with the
// transition it belongs to (PaymentContext.book), after the PSP moved the money.
import type { PspPaymentSnapshot } from '../../domain/psp-gateway';
import * as postings from '../../domain/ledger';
import { captureParts, refundParts, type SellerPart } from '../../domain/marketplace/allocate';
import * as transition from '../../domain/payment/transitions';
import type { RefundState } from '../../domain/payment/types';
import { now, nowMs, type PaymentContext } from './context';

/** `captureFollows`: a sale, whose capture is booked next in the same workflow task. */
export async function recordAuthorization(
  ctx: PaymentContext,
  pspReference: string,
  amountCapturable: number,
  captureFollows = false,
): Promise<void> {
  const next = () => {
    const captureBefore = new Date(nowMs() + ctx.input.captureBeforeSeconds * 1000).toISOString();
    return transition.authorized(ctx.state, now(), { pspReference, amountCapturable, captureBefore });
  };
  await ctx.book(postings.authorizationHold({ ...ctx.ref(), amount: amountCapturable }), next, { showLater: captureFollows });
}

export async function recordCapture(ctx: PaymentContext, amount: number): Promise<void> {
  const posting = postings.capture({
    ...ctx.ref(),
    authorizedAmount: ctx.state.amountCapturable,
    amount,
    feeBps: ctx.input.feeBps,
    sellerParts: sellerCaptureParts(ctx, amount),
  });
  await ctx.book(posting, () => transition.captured(ctx.state, now(), amount));
}

export async function releaseHold(ctx: PaymentContext, reason: 'canceled' | 'expired'): Promise<void> {
  const posting = postings.holdRelease({ ...ctx.ref(), amount: ctx.state.amountCapturable, reason });
  await ctx.book(posting, () => transition.canceled(ctx.state, now(), reason));
}

/**
 * Books an expired hold's void, given what the PSP said when the void was refused. A capture
 * whose answer never reached us is recorded as the capture it was. Otherwise voided, or
 * refused because the PSP's own hold lapsed first (Stripe cancels an uncaptured
 * PaymentIntent after 7 days): either way no money is held any more.
 */
export async function expiredHoldVoided(ctx: PaymentContext, atPsp: PspPaymentSnapshot | undefined): Promise<void> {
  if (atPsp?.status === 'captured') await recordCapture(ctx, atPsp.amountCaptured);
  else await releaseHold(ctx, 'expired');
}

export async function recordRefund(ctx: PaymentContext, refund: RefundState, pspRefundReference: string): Promise<void> {
  await ctx.book(refundPosting(ctx, refund), () => transition.refundSucceeded(ctx.state, now(), refund.id, pspRefundReference));
}

/** The sellers' parts of the capture (domain/marketplace/allocate); none without splits. */
function sellerCaptureParts(ctx: PaymentContext, captured: number): SellerPart[] {
  return captureParts(captured, ctx.state.amount, ctx.state.splits ?? []);
}

/** The sellers' parts of a refund, allocated cumulatively over the refunds before it. */
function refundPosting(ctx: PaymentContext, refund: RefundState) {
  const sellerParts = refundParts({
    refund: refund.amount,
    refundedBefore: ctx.state.amountRefunded,
    captured: ctx.state.amountCaptured,
    captureParts: sellerCaptureParts(ctx, ctx.state.amountCaptured),
  });
  return postings.refund({ ...ctx.ref(), refundId: refund.id, amount: refund.amount, sellerParts });
}
