// The payout workflows' side effects: reserve a payout's funds, send it to the PSP, write the
// payouts read model, and find what a schedule run may pay out. Other ledger postings and
// merchant events go through the shared ledger and merchant-event activities.
import { payoutView, type PayoutView } from '../../views/payout';
import type { Database } from '../../db/client';
import { savePayoutRow } from '../../db/queries/payouts';
import type { PspName } from '../../domain/psp';
import type { PayoutState } from '../../contracts/payout.contract';
import type { PspGateway } from '../../domain/psp-gateway';
import { payableBalances } from './payable-balances';
import { payoutRow } from './payout-row';
import { reservePayout, type ReservePayoutRequest } from './reserve-payout';
import { sendPayout, type SendPayoutRequest } from './send-payout';

export function createPayoutActivities({ db, psps }: { db: Database; psps: Partial<Record<PspName, PspGateway>> }) {
  return {
    sendPayout: (request: SendPayoutRequest) => sendPayout(psps, request),
    /**
     * Safe to retry without limit: an older version never overwrites a newer one. Answers the
     * payout as the API shows it, which the workflow's merchant events carry (the workflow
     * may not import api/ code).
     */
    async savePayout(state: PayoutState): Promise<PayoutView> {
      await savePayoutRow(db, payoutRow(state));
      return payoutView(state);
    },
    reservePayout: (request: ReservePayoutRequest) => reservePayout(db, request),
    payableBalances: (query: { sellerId: string; minimumAmount: number }) => payableBalances(db, query),
  };
}
