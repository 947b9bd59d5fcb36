// 3-D Secure: the shopper is sent to the PSP's challenge. The PSP's webhook (or a confirm
// request when the shopper is back) decides; no decision in time, or a cancel, voids it.
import { condition, log, patched, sleep } from '@temporalio/workflow';
import type { AuthorizeResult } from '../../domain/psp-gateway';
import * as transition from '../../domain/payment/transitions';
import type { PaymentState } from '../../domain/payment/types';
import type { ConfirmRequest } from '../../contracts/payment.contract';
import { pspOnce } from './activities';
import { sendVoid, voidConfirmation } from './capture-cancel-void';
import { now, refusePayment, type PaymentContext } from './context';
import { authorizationFromEvent, pspFailure } from './psp-answers';

/** How often a sale whose void failed is asked about again: from a second, doubling to an hour. */
const SALE_RESOLUTION_FIRST_INTERVAL_MS = 1_000;
const SALE_RESOLUTION_MAX_INTERVAL_MS = 60 * 60_000;

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
  // A sale the shopper completed has taken the money: booked, whatever cancel waits (it is then
  // refused), since a capture cannot be voided. Only a sale's answer carries amountCaptured.
  const sold = outcome?.outcome === 'authorized' && outcome.amountCaptured !== undefined;
  if (decided && outcome && (sold || !ctx.cancelRequested)) return outcome;
  // Abandoned or canceled. The void also releases an authorization whose webhook is late.
  // Nothing is held on the books yet, so its confirmation is not awaited: a void that fails
  // leaves the PSP to let the authorization lapse, as one refused at once does.
  const since = ctx.pspEvents.length;
  let failure = await sendVoid(ctx);
  if (failure === 'pending') failure = patched(ABANDONED_CHALLENGE_VOID_UNCONFIRMED) ? undefined : await voidConfirmation(ctx, since);
  if (failure && ctx.sale) {
    // A sale does not lapse: a challenge still open is captured the moment the shopper passes
    // it. So it is never dropped as canceled until the PSP says nothing was taken.
    const sale = await saleAfterFailedVoid(ctx);
    if (sale) return sale;
    failure = undefined;
  }
  if (failure) {
    log.warn('could not void an abandoned 3-D Secure payment; the PSP lets it lapse', { paymentId: ctx.state.id, failure });
  }
  await ctx.commit(transition.canceled(ctx.state, now(), decided ? 'canceled' : 'expired'));
  return undefined;
}

/**
 * After a sale's void failed: asks the PSP where the challenge stands and voids again, backing
 * off, until it answers for good. The sale it took (booked by the caller), or undefined once
 * the PSP declined it or the void went through.
 */
async function saleAfterFailedVoid(ctx: PaymentContext): Promise<AuthorizeResult | undefined> {
  for (let intervalMs = SALE_RESOLUTION_FIRST_INTERVAL_MS; ; intervalMs = Math.min(intervalMs * 2, SALE_RESOLUTION_MAX_INTERVAL_MS)) {
    const atPsp = await decisionAtPsp(ctx);
    if (atPsp?.outcome === 'authorized') return atPsp;
    if (atPsp?.outcome === 'declined') return undefined;
    // Still in the challenge, or no answer: the void ends it once it goes through.
    const again = await sendVoid(ctx);
    if (again === undefined || again === 'pending') return undefined;
    log.warn('a 3-D Secure sale could not be voided and its outcome is unknown; asking again', {
      paymentId: ctx.state.id,
      failure: again,
      retryInMs: intervalMs,
    });
    await sleep(intervalMs);
  }
}

/** Where the challenge stands at the PSP, or undefined when it cannot say. */
async function decisionAtPsp(ctx: PaymentContext): Promise<AuthorizeResult | undefined> {
  try {
    return await pspOnce.completeAction({
      psp: ctx.state.psp,
      authorization: ctx.authorizeRequest(),
      pspReference: ctx.state.pspReference!,
    });
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
