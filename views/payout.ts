// The payout object the API answers with and payout.* events carry, Stripe-like: built from
// the workflow's state or from the read model, which hold the same fields.
import type { PayoutRow } from '../db/queries/payouts';
import type { PayoutState } from '../contracts/payout.contract';

const unixSeconds = (at: string | Date) => Math.floor(new Date(at).getTime() / 1000);

export function payoutView(payout: PayoutState | PayoutRow) {
  return {
    id: payout.id,
    object: 'payout' as const,
    amount: payout.amount,
    currency: payout.currency,
    seller: payout.sellerId,
    status: payout.status,
    automatic: payout.method === 'automatic',
    psp: payout.psp,
    psp_reference: payout.pspPayoutReference ?? null,
    failure_code: payout.failureCode ?? null,
    failure_message: payout.failureMessage ?? null,
    approved_by: payout.approvedBy ?? null,
    approved: payout.approvedAt ? unixSeconds(payout.approvedAt) : null,
    created: unixSeconds(payout.createdAt),
  };
}

export type PayoutView = ReturnType<typeof payoutView>;
