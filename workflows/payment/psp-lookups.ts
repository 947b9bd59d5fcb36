// Asking the PSP where a payment stands, when a capture or void was refused or never
// confirmed: the ledger is only touched once the PSP has said what it holds.
import type { PspPaymentSnapshot } from '../../domain/psp-gateway';
import { psp } from './activities';
import type { PaymentContext } from './context';
import { attemptFailure } from './psp-answers';

/** Adyen has no payment lookup; its refused void is settled by its lapsed authorization. */
export async function retrieveIfSupported(ctx: PaymentContext) {
  try {
    return await psp.retrievePayment({ psp: ctx.state.psp, pspReference: ctx.state.pspReference! });
  } catch (error) {
    if (attemptFailure(error) === 'rejected') return undefined;
    throw error;
  }
}

/**
 * Where the PSP says the payment stands, or undefined when it cannot say (no lookup, or
 * unreachable). Only a lookup showing the modification done decides; anything else could
 * be a confirmation still on its way.
 */
export async function lookUpModification(ctx: PaymentContext): Promise<PspPaymentSnapshot | undefined> {
  try {
    return await retrieveIfSupported(ctx);
  } catch {
    return undefined;
  }
}
