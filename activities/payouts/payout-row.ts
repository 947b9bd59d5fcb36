// The payouts read model's row for a payout as its workflow knows it.
import type { PayoutRow } from '../../db/queries/payouts';
import type { PayoutState } from '../../contracts/payout.contract';

export function payoutRow(state: PayoutState): Omit<PayoutRow, 'updatedAt'> {
  return {
    id: state.id,
    merchantId: state.merchantId,
    sellerId: state.sellerId,
    amount: state.amount,
    currency: state.currency,
    psp: state.psp,
    status: state.status,
    method: state.method,
    pspPayoutReference: state.pspPayoutReference ?? null,
    failureCode: state.failureCode ?? null,
    failureMessage: state.failureMessage ?? null,
    approvedBy: state.approvedBy ?? null,
    approvedAt: state.approvedAt ? new Date(state.approvedAt) : null,
    version: state.version,
    createdAt: new Date(state.createdAt),
  };
}
