// An authorization nobody captured before its deadline is voided, so the shopper's money is
// not held longer than promised. A PSP that cannot be reached leaves the hold on the books
// and the void is tried again later.
import { condition, patched, sleep } from '@temporalio/workflow';
import { expiredHoldVoided } from './bookings';
import { sendVoid, voidConfirmation } from './capture-cancel-void';
import { nowMs, type PaymentContext } from './context';
import { MODIFICATION_CONFIRMED_OUTSIDE_LOCK, voidRequested } from './pending-modifications';
import { retrieveIfSupported } from './psp-lookups';

/** How long an expired authorization waits before its void is tried again, when the PSP is down. */
const VOID_RETRY_INTERVAL = '1 hour';

export async function holdUntilCapturedOrExpired(ctx: PaymentContext): Promise<void> {
  const remainingMs = Math.max(0, Date.parse(ctx.state.captureBefore!) - nowMs());
  // A zero timeout would mean "no timeout" to condition(); an expired hold is voided now.
  const settled = remainingMs > 0 && (await condition(() => ctx.state.status !== 'authorized', remainingMs));
  if (settled) return;
  for (;;) {
    const done = await ctx.lock.exclusive(() => expireHold(ctx));
    if (done) return;
    // The PSP is down: keep the hold on the books and try again, without holding the lock.
    await sleep(VOID_RETRY_INTERVAL);
  }
}

/** Voids an expired hold; false when the PSP could not be reached and it must be tried again. */
export async function expireHold(ctx: PaymentContext): Promise<boolean> {
  // A capture may have won the lock while the timer fired, or wait for its confirmation.
  if (ctx.state.status !== 'authorized' || ctx.modification) return true;
  const since = ctx.pspEvents.length;
  const answer = await sendVoid(ctx);
  if (answer === 'pending' && patched(MODIFICATION_CONFIRMED_OUTSIDE_LOCK)) {
    await voidRequested(ctx, 'expired', since);
    return true;
  }
  const failure = answer === 'pending' ? await voidConfirmation(ctx, since) : answer;
  if (failure?.failureCode === 'psp_unavailable') return false;
  // Refused: ask the PSP what it holds before touching the ledger.
  await expiredHoldVoided(ctx, failure ? await retrieveIfSupported(ctx) : undefined);
  return true;
}
