// `pm_sim_ambiguous`: Stripe authorizes, but its answer never reaches the caller. The
// connection stays open without a byte until the client gives up, as with a PSP that
// committed and then stalled; a replay under the same idempotency key, or a search, then
// finds the authorization.
import type { Response } from 'express';
import type { SimContext } from '../context';
import { saveAnswerWithoutSending } from './idempotency';

export async function loseTheAnswer(context: SimContext, res: Response, body: unknown): Promise<void> {
  saveAnswerWithoutSending(res, body);
  // The app saves the store once a POST is answered; this one never is.
  context.store.persist();
  if (res.socket === null || res.socket.destroyed) return;
  // 'close' comes when the client hangs up (its timeout), or when the simulator shuts down.
  await new Promise<void>((resolve) => res.once('close', resolve));
}
