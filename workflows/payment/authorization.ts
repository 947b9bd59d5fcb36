// Routing, the risk check and the authorization: candidates in order, failing over only when
// a PSP was never reached, and an unknown outcome resolved where it was sent, by lookup or
// webhook, before anything else happens to the payment.
import { condition } from '@temporalio/workflow';
import type { DecisionInput, PaymentDecision } from '../../activities/payment-decision';
import type { AuthorizeResult } from '../../domain/psp-gateway';
import * as transition from '../../domain/payment/transitions';
import type { PspName } from '../../domain/psp';
import { riskFailure } from '../../domain/risk';
import { decidePayment, deciders, type Deciders, exceptions, localDeciders, pspOnce } from './activities';
import { recordAuthorization, recordCapture } from './bookings';
import { now, nowMs, type PaymentContext } from './context';
import { applicationCause, attemptFailure, authorizationFromEvent, pspFailure } from './psp-answers';
import { awaitShopper } from './three-d-secure';

/** How long an unknown outcome waits before its first lookup, and at most between lookups. */
const LOOKUP_FIRST_INTERVAL_MS = 1_000;
const LOOKUP_MAX_INTERVAL_MS = 5 * 60_000;
/**
 * How long a sale the PSP never saw may be sent again. Stripe keeps an idempotency key for 24
 * hours: a sale re-sent after that could be a second charge, where a second authorization only
 * lapses. Past it the payment waits for a lookup, a webhook or a person (psp_outcome_unknown).
 */
const SALE_RESEND_WINDOW_MS = 23 * 60 * 60_000;

/** Routes, checks risk, and authorizes; ends with a decided or a pending-shopper payment. */
export async function start(ctx: PaymentContext): Promise<void> {
  const { input } = ctx;
  const route = {
    paymentId: input.paymentId,
    merchantId: input.merchantId,
    currency: input.currency,
    amount: input.amount,
    requestedPsp: input.psp,
  };
  const risk = { paymentId: input.paymentId, amount: input.amount, currency: input.currency, email: input.customer?.email };
  // The hot path's second shape asks for the route and the risk verdict in one local activity
  // (activities/payment-decision.ts), recorded by the same workflow-task completion as before.
  const decided = ctx.hotPathV2 ? await decideAtOnce({ route, risk }) : undefined;
  const routed = decided?.route ?? (await routeAlone(ctx, route));
  if ('unavailable' in routed) {
    await ctx.commit(ctx.state);
    await ctx.commit(transition.failed(ctx.state, now(), { failureCode: 'psp_not_available', failureMessage: routed.unavailable }));
    return;
  }
  const { candidates } = routed;
  ctx.state = { ...ctx.state, psp: candidates[0]! };
  await ctx.commit(ctx.state);

  const assessment = decided?.assessment ?? (await decidersFor(ctx).assessRisk(risk));
  const blocked = riskFailure(assessment, input.amount, input.riskFallbackMaxAmount);
  if (blocked) {
    await ctx.commit(transition.failed(ctx.state, now(), blocked));
    return;
  }
  await authorize(ctx, candidates);
}

/** Routing that failed for good (no PSP available, or its retries spent) fails the payment. */
function unavailable(error: unknown): PaymentDecision['route'] {
  return { unavailable: applicationCause(error)?.message ?? 'No payment processor is available for this payment.' };
}

async function decideAtOnce(input: DecisionInput): Promise<PaymentDecision> {
  try {
    return await decidePayment(input);
  } catch (error) {
    return { route: unavailable(error) };
  }
}

async function routeAlone(ctx: PaymentContext, route: DecisionInput['route']): Promise<PaymentDecision['route']> {
  try {
    return { candidates: await decidersFor(ctx).choosePsps(route) };
  } catch (error) {
    return unavailable(error);
  }
}

/** Routing and risk: local on the hot path, so recorded with the authorization's command. */
function decidersFor(ctx: PaymentContext): Deciders {
  return ctx.hotPath ? localDeciders : deciders;
}

/**
 * Tries the candidates in order. Only a request that never reached a PSP moves on to the
 * next one: after any other failure the first PSP may have authorized, and a second PSP
 * would charge the card twice, so the outcome is resolved where it was sent.
 */
async function authorize(ctx: PaymentContext, candidates: PspName[]): Promise<void> {
  for (const candidate of candidates) {
    if (candidate !== ctx.state.psp) await ctx.commit(transition.routedTo(ctx.state, now(), candidate));
    let outcome: AuthorizeResult;
    try {
      ctx.pspAsked = true;
      outcome = await pspOnce.authorizePayment({ psp: candidate, ...ctx.authorizeRequest() });
    } catch (error) {
      const failure = attemptFailure(error);
      if (failure === 'not_reached') continue;
      if (failure === 'rejected') {
        await ctx.commit(transition.failed(ctx.state, now(), pspFailure(error)));
        return;
      }
      outcome = await resolveUnknownOutcome(ctx);
    }
    await applyAuthorization(ctx, outcome);
    return;
  }
  await ctx.commit(
    transition.failed(ctx.state, now(), {
      failureCode: 'psp_unavailable',
      failureMessage: 'No payment processor could be reached.',
    }),
  );
}

/**
 * The PSP may have authorized but its answer was lost. Looks the payment up with backoff
 * until the PSP answers, or a webhook tells first; past the deadline a person is told too.
 * Captures and cancels wait on the lock meanwhile, so nothing races the resolution.
 */
async function resolveUnknownOutcome(ctx: PaymentContext): Promise<AuthorizeResult> {
  await ctx.commit(transition.outcomeUnknown(ctx.state, now()));
  // The create request answers now: `processing` with reason `psp_outcome_unknown`.
  ctx.starting = false;
  const since = now();
  const deadline = nowMs() + ctx.input.outcomeUnknownDeadlineSeconds * 1000;
  const resendUntil = ctx.sale ? nowMs() + SALE_RESEND_WINDOW_MS : Infinity;
  let interval = LOOKUP_FIRST_INTERVAL_MS;
  let lookups = 0;
  let escalated = false;
  let outcome: AuthorizeResult | undefined;
  for (;;) {
    const event = ctx.authorizationEvent();
    if (event) {
      outcome = authorizationFromEvent(event, ctx.input.amount);
      break;
    }
    lookups++;
    outcome = await lookUp(ctx, nowMs() < resendUntil);
    if (outcome) break;
    if (!escalated && nowMs() >= deadline) {
      await exceptions.raiseException({
        kind: 'psp_outcome_unknown',
        merchantId: ctx.state.merchantId,
        paymentId: ctx.state.id,
        context: {
          psp: ctx.state.psp,
          idempotencyKey: ctx.authorizeRequest().idempotencyKey,
          since,
          lookups,
          amount: ctx.state.amount,
          currency: ctx.state.currency,
        },
      });
      escalated = true;
    }
    await condition(() => ctx.authorizationEvent() !== undefined, interval);
    interval = Math.min(interval * 2, LOOKUP_MAX_INTERVAL_MS);
  }
  if (escalated) {
    await exceptions.resolveException({
      kind: 'psp_outcome_unknown',
      paymentId: ctx.state.id,
      resolution: { outcome: outcome.outcome, lookups, at: now() },
    });
  }
  return outcome;
}

/** The PSP's answer, or undefined while it cannot give one. */
async function lookUp(ctx: PaymentContext, mayResend: boolean): Promise<AuthorizeResult | undefined> {
  const request = { psp: ctx.state.psp, ...ctx.authorizeRequest() };
  try {
    const found = await pspOnce.lookupAuthorization(request);
    if (found.outcome !== 'not_found') return found;
    if (!mayResend) return undefined;
    // The PSP never saw it: send it again under the same key, which it performs at most once.
    return await pspOnce.authorizePayment(request);
  } catch {
    // Unreachable, refused or ambiguous again: still unknown; the next lookup decides.
    return undefined;
  }
}

async function applyAuthorization(ctx: PaymentContext, outcome: AuthorizeResult): Promise<void> {
  switch (outcome.outcome) {
    case 'declined':
      await ctx.commit(transition.failed(ctx.state, now(), outcome));
      return;
    case 'requires_action': {
      // The challenge's decision is never another challenge: this recurses at most once.
      const decided = await awaitShopper(ctx, outcome.pspReference, outcome.redirectUrl);
      if (decided) await applyAuthorization(ctx, decided);
      return;
    }
    case 'authorized':
      await recordAuthorization(ctx, outcome.pspReference, outcome.amountCapturable, outcome.amountCaptured !== undefined);
      // A sale: the capture is booked as it would be after a capture step, in the same task.
      if (outcome.amountCaptured !== undefined) await recordCapture(ctx, outcome.amountCaptured);
  }
}
