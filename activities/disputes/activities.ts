// The dispute workflow's own activities: what the disputed payment was and how it was split,
// the read model, and the evidence sent to the PSP. Ledger postings and merchant events go
// through the shared ledger and merchant-event activities.
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import { disputeView, type DisputeView } from '../../views/dispute';
import { sealEvidence } from '../../db/sealed/dispute-evidence';
import type { Keyring } from '../../keyring/keyring';
import type { Database } from '../../db/client';
import { upsertDispute } from '../../db/queries/disputes';
import { payments } from '../../db/schema';
import { PAYMENT_NOT_FOUND } from '../../domain/failures';
import type { SellerSplit } from '../../domain/marketplace/types';
import type { PspName } from '../../domain/psp';
import type { DisputeState } from '../../contracts/dispute.contract';
import { gatewayFor, pspRequestRejected } from '../psp-failures';
import { PspRequestError, type DisputeEvidenceRequest, type PspGateway } from '../../domain/psp-gateway';

/** What dividing a dispute between the merchant and the sellers needs to know of the payment. */
export interface DisputedPayment {
  amount: number;
  amountCaptured: number;
  /** Each seller's part of `amount`; null for a payment that is not split. */
  splits: SellerSplit[] | null;
}

export function createDisputeActivities({
  db,
  psps,
  keyring,
}: {
  db: Database;
  psps: Partial<Record<PspName, PspGateway>>;
  keyring: Keyring;
}) {
  return {
    async disputedPayment({ paymentId }: { paymentId: string }): Promise<DisputedPayment> {
      const [row] = await db
        .select({ amount: payments.amount, amountCaptured: payments.amountCaptured, splits: payments.splits })
        .from(payments)
        .where(eq(payments.id, paymentId));
      if (!row) throw ApplicationFailure.nonRetryable(`disputed payment ${paymentId} is not recorded`, PAYMENT_NOT_FOUND);
      return row;
    },

    /**
     * Writes the snapshot (an older version never overwrites a newer one, so retries are
     * safe) and answers the API object as the read model now shows it: merchant events carry
     * it, and the workflow cannot render views itself (api/ stays out of its bundle).
     */
    async saveDispute(state: DisputeState): Promise<DisputeView> {
      await upsertDispute(db, {
        id: state.id,
        merchantId: state.merchantId,
        paymentId: state.paymentId,
        psp: state.psp,
        pspDisputeReference: state.pspDisputeReference,
        amount: state.amount,
        currency: state.currency,
        reason: state.reason ?? null,
        status: state.status,
        evidenceDueBy: new Date(state.evidenceDueBy),
        evidenceText: sealEvidence(keyring, state.evidenceText),
        evidenceSubmittedAt: state.evidenceSubmittedAt ? new Date(state.evidenceSubmittedAt) : null,
        shares: state.shares,
        version: state.version,
        createdAt: new Date(state.createdAt),
        updatedAt: new Date(),
        closedAt: state.closedAt ? new Date(state.closedAt) : null,
      });
      return disputeView(state);
    },

    /**
     * A refusal by the PSP (`PspRequestError`) is final: non-retryable `PspRequestRejected`,
     * as for payments; so is a PSP this worker has no gateway for (`PspNotConfigured`). Anything
     * else is retried by the workflow under the same idempotency key, so the PSP takes the
     * evidence at most once.
     */
    async submitEvidenceToPsp({ psp, ...request }: DisputeEvidenceRequest & { psp: PspName }): Promise<void> {
      const gateway = gatewayFor(psps, psp);
      try {
        await gateway.submitDisputeEvidence(request);
      } catch (error) {
        if (!(error instanceof PspRequestError)) throw error;
        throw pspRequestRejected(error);
      }
    },
  };
}
