// Captures and voids the PSP accepts now and confirms later by webhook (Adyen). The payment
// says so (`capture_pending` / `cancel_pending`) and the request is answered at once; the
// confirmation is awaited outside the lock, so queries and other requests are answered
// meanwhile (another capture or cancel is refused until it is confirmed).
import { condition } from '@temporalio/workflow';
import type { PspEvent, PspPaymentSnapshot } from '../../domain/psp-gateway';
import * as transition from '../../domain/payment/transitions';
import { exceptions } from './activities';
import { expiredHoldVoided, recordCapture, releaseHold } from './bookings';
import { now, type PaymentContext, type PendingModification } from './context';
import { lookUpModification } from './psp-lookups';

/**
 * Captures and voids the PSP confirms later (Adyen) are answered pending at once, and their
 * confirmation is awaited without the lock; before this patch the request waited under it.
 */
export const MODIFICATION_CONFIRMED_OUTSIDE_LOCK = 'modification-confirmed-outside-lock';
/** For payments started before the deadline was part of their input. */
const DEFAULT_MODIFICATION_CONFIRM_DEADLINE_SECONDS = 3600;

/** The webhook events that confirm a pending capture or void, either way. */
const CONFIRMATIONS: Record<PendingModification['kind'], ReadonlyArray<PspEvent['kind']>> = {
  capture: ['captured', 'capture_failed'],
  cancel: ['canceled', 'cancel_failed'],
};

export async function modificationRequested(ctx: PaymentContext, modification: PendingModification): Promise<void> {
  ctx.modification = modification;
  await ctx.commit(transition.modificationRequested(ctx.state, modification.requestedAt, modification));
  void awaitModificationConfirmation(ctx, modification);
}

export async function voidRequested(ctx: PaymentContext, reason: 'canceled' | 'expired', since: number): Promise<void> {
  await modificationRequested(ctx, { kind: 'cancel', amount: ctx.state.amountCapturable, reason, since, requestedAt: now() });
}

/** Returns once no capture or void waits for the PSP's confirmation. */
export async function modificationConfirmed(ctx: PaymentContext): Promise<void> {
  await condition(() => ctx.modification === undefined);
}

function modificationConfirmation(ctx: PaymentContext, modification: PendingModification): PspEvent | undefined {
  const kinds = CONFIRMATIONS[modification.kind];
  return ctx.pspEvents.slice(modification.since).find((e) => e.psp === ctx.state.psp && kinds.includes(e.kind));
}

/**
 * Waits for a pending modification's webhook. Past the deadline the PSP is asked where the
 * payment stands, where it can say (Adyen cannot: it has no lookup); still unconfirmed, it
 * lands on the exceptions list once, and the wait goes on: the webhook decides, however late.
 */
async function awaitModificationConfirmation(ctx: PaymentContext, modification: PendingModification): Promise<void> {
  const deadlineSeconds = ctx.input.modificationConfirmDeadlineSeconds ?? DEFAULT_MODIFICATION_CONFIRM_DEADLINE_SECONDS;
  const confirmed = () => modificationConfirmation(ctx, modification) !== undefined;
  let escalated = false;
  let outcome: string;
  if (await condition(confirmed, deadlineSeconds * 1000)) {
    outcome = await ctx.lock.exclusive(() => applyConfirmation(ctx, modification, modificationConfirmation(ctx, modification)!));
  } else {
    const atPsp = await lookUpModification(ctx);
    if (atPsp?.status === (modification.kind === 'capture' ? 'captured' : 'canceled')) {
      outcome = await ctx.lock.exclusive(() => applyLookup(ctx, modification, atPsp));
    } else {
      await exceptions.raiseException({
        kind: 'modification_unconfirmed',
        merchantId: ctx.state.merchantId,
        paymentId: ctx.state.id,
        psp: ctx.state.psp,
        context: {
          modification: modification.kind,
          amount: modification.amount,
          currency: ctx.state.currency,
          pspReference: ctx.state.pspReference,
          requestedAt: modification.requestedAt,
          deadlineSeconds,
          lookedUp: atPsp !== undefined,
        },
      });
      escalated = true;
      await condition(confirmed);
      outcome = await ctx.lock.exclusive(() => applyConfirmation(ctx, modification, modificationConfirmation(ctx, modification)!));
    }
  }
  if (escalated) {
    await exceptions.resolveException({ kind: 'modification_unconfirmed', paymentId: ctx.state.id, resolution: { outcome, at: now() } });
  }
  ctx.modification = undefined;
}

/** Books a confirmed capture or void, or records its failure; returns the event's kind. */
async function applyConfirmation(ctx: PaymentContext, modification: PendingModification, event: PspEvent): Promise<string> {
  if (event.kind === 'captured') {
    await recordCapture(ctx, modification.amount);
  } else if (event.kind === 'canceled') {
    await releaseHold(ctx, modification.reason ?? 'canceled');
  } else {
    await ctx.commit(
      transition.modificationFailed(ctx.state, now(), { kind: modification.kind, failureCode: `${modification.kind}_failed` }),
    );
    // An expired hold stays on the books only while the PSP holds it: ask, then book.
    if (modification.reason === 'expired') await expiredHoldVoided(ctx, await lookUpModification(ctx));
  }
  return event.kind;
}

/** Books the capture or void a lookup found done at the PSP. */
async function applyLookup(ctx: PaymentContext, modification: PendingModification, atPsp: PspPaymentSnapshot): Promise<string> {
  if (modification.kind === 'capture') await recordCapture(ctx, atPsp.amountCaptured);
  else await releaseHold(ctx, modification.reason ?? 'canceled');
  return atPsp.status;
}
