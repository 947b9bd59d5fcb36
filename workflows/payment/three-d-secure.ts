// 3-D Secure: the shopper is sent to the PSP's challenge. The PSP's webhook (or a confirm
// request when the shopper is back) decides; no decision in time, or a cancel, voids it.
import { condition, log, patched } from '@temporalio/workflow';
import type { AuthorizeResult } from '../../activities/psp/gateway';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState } from '../../domain/payment/types';
import type { ConfirmRequest } from '../payment.contract';
import { pspOnce } from './activities';
import { sendVoid, voidConfirmation } from './capture-cancel-void';
import { now, refusePayment, type PaymentContext } from './context';
import { authorizationFromEvent, pspFailure } from './psp-answers';

/** A void of an abandoned 3-D Secure challenge no longer waits for its confirmation. */
const ABANDONED_CHALLENGE_VOID_UNCONFIRMED = 'abandoned-challenge-void-unconfirmed';

/**
 * Waits for the shopper's challenge to be decided. Returns the PSP's decision for the caller
 * to apply (authorization.ts), or undefined once an abandoned or canceled challenge is voided.
 */
export async function awaitShopper(ctx: PaymentContext, pspReference: string, redirectUrl: string): Promise<AuthorizeResult | undefined> {
  if (ctx.state.status !== 'requires_action') {
    await ctx.commit(
      transition.requiresAction(ctx.state, now(), { pspReference, nextAction: { type: 'redirect_to_url', url: redirectUrl } }),
    );
  }
  ctx.starting = false;
  const decided = await condition(
    () => ctx.authorizationEvent() !== undefined || ctx.confirmedOutcome !== undefined || ctx.cancelRequested,
    ctx.input.actionTimeoutSeconds * 1000,
  );
  const event = ctx.authorizationEvent();
  const outcome = event ? authorizationFromEvent(event, ctx.input.amount) : ctx.confirmedOutcome;
  if (decided && outcome && !ctx.cancelRequested) return outcome;
  // Abandoned or canceled. The void also releases an authorization whose webhook is late.
  // Nothing is held on the books yet, so its confirmation is not awaited: a void that fails
  // leaves the PSP to let the authorization lapse, as one refused at once does.
  const since = ctx.pspEvents.length;
  let failure = await sendVoid(ctx);
  if (failure === 'pending') failure = patched(ABANDONED_CHALLENGE_VOID_UNCONFIRMED) ? undefined : await voidConfirmation(ctx, since);
  if (failure && ctx.sale) {
    // A sale the shopper completed while the void was on its way is captured, and a capture
    // cannot be voided: it is booked as the sale it is, never dropped as canceled.
    const atPsp = await decisionAtPsp(ctx);
    if (atPsp?.outcome === 'authorized') return atPsp;
  }
  if (failure) {
    log.warn('could not void an abandoned 3-D Secure payment; the PSP lets it lapse', { paymentId: ctx.state.id, failure });
  }
  await ctx.commit(transition.canceled(ctx.state, now(), decided ? 'canceled' : 'expired'));
  return undefined;
}

/** Where the challenge stands at the PSP, or undefined when it cannot say. */
async function decisionAtPsp(ctx: PaymentContext): Promise<AuthorizeResult | undefined> {
  try {
    return await pspOnce.completeAction({ psp: ctx.state.psp, authorization: ctx.authorizeRequest(), pspReference: ctx.state.pspReference! });
  } catch {
    return undefined;
  }
}

/** The shopper is back: the PSP is asked for its decision, which awaitShopper applies. */
export async function confirm(ctx: PaymentContext, request: ConfirmRequest): Promise<PaymentState> {
  let outcome: AuthorizeResult;
  try {
    outcome = await pspOnce.completeAction({
      psp: ctx.state.psp,
      authorization: ctx.authorizeRequest(),
      pspReference: ctx.state.pspReference!,
      redirectResult: request.redirectResult,
    });
  } catch (error) {
    const failure = pspFailure(error);
    refusePayment({ code: failure.failureCode, message: failure.failureMessage });
  }
  // Still in the challenge: the payment stays as it is.
  if (outcome.outcome === 'requires_action' || ctx.state.status !== 'requires_action') return ctx.published;
  ctx.confirmedOutcome = outcome;
  // `published`, not `state`: the answer is the decision once the read model has it.
  await condition(() => ctx.published.status !== 'requires_action');
  return ctx.published;
}
