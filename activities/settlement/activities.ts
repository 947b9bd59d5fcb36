// The settlement workflow's side effects: void expired holds through their payments'
// workflows, claim and batch the day's postings, submit batches to the acquirer, and post
// what it accepted. Each is safe to retry: see db/queries/settlements.ts.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Database } from '../../db/client';
import { balanceMismatches } from '../../db/queries/balance-check';
import { raiseException } from '../../db/queries/exceptions';
import {
  batchRetries,
  expiredHolds,
  findBatch,
  itemsOfBatch,
  markItemPosted,
  prepareSettlement,
  recordBatchAnswer,
  setSettlementStatus,
  unpostedAcceptedItems,
  type PrepareRequest,
} from '../../db/queries/settlements';
import type { SettlementStatus } from '../../db/schema';
import { settlement } from '../../domain/ledger';
import { createLedgerActivities } from '../ledger';
import { expireHoldUpdate, paymentWorkflowId, settledSignal, type SettledNotice } from '../../workflows/payment.contract';
import { startSettlement, type SettlementOptions } from './start-settlement';
import { submitToAcquirer } from './acquirer';

/** The exception an item the acquirer rejected for good becomes. */
export const SETTLEMENT_ITEM_REJECTED = 'settlement_item_rejected';

export interface SettlementDeps {
  db: Database;
  client: Client;
  /** The acquirer's batch API base; undefined when none is configured and no simulator runs. */
  acquirerUrl: string | undefined;
  options: SettlementOptions;
}

export interface BatchOutcome {
  accepted: number;
  rejected: number;
  retrying: number;
}

export function createSettlementActivities({ db, client, acquirerUrl, options }: SettlementDeps) {
  const { postLedgerTransaction } = createLedgerActivities({ db });

  return {
    /**
     * Asks each payment whose hold expired to void it now, so the void is in today's batches
     * even when the payment's own timer is late (a worker was down, the PSP was). Returns how
     * many were voided.
     */
    async voidExpiredHolds({ psp, asOf }: { psp: string; asOf: string }): Promise<number> {
      let voided = 0;
      for (const paymentId of await expiredHolds(db, psp, new Date(asOf))) {
        try {
          const state = await client.workflow.getHandle(paymentWorkflowId(paymentId)).executeUpdate(expireHoldUpdate);
          if (state.status === 'canceled') voided++;
        } catch (error) {
          // Decided meanwhile (captured, voided by its own timer) or no longer running.
          if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) continue;
          throw error;
        }
      }
      return voided;
    },

    prepareSettlement: (request: PrepareRequest) => prepareSettlement(db, request),

    batchRetries: ({ settlementId, psp, round }: { settlementId: string; psp: string; round: number }) =>
      batchRetries(db, settlementId, psp, round),

    setSettlementStatus: ({ settlementId, status }: { settlementId: string; status: SettlementStatus }) =>
      setSettlementStatus(db, settlementId, status),

    /**
     * Sends one batch (or, when the acquirer already answered it, reuses the stored answer)
     * and records the answer per item. Items rejected for good become exceptions.
     */
    async submitBatch({ batchId, businessDate, psp }: { batchId: string; businessDate: string; psp: string }): Promise<BatchOutcome> {
      const batch = await findBatch(db, batchId);
      if (!batch) throw new Error(`no settlement batch ${batchId}`);
      const items = await itemsOfBatch(db, batchId);
      if (batch.rawResponse === null) {
        if (!acquirerUrl) throw new Error('no acquirer configured: set ACQUIRER_URL');
        const answer = await submitToAcquirer(acquirerUrl, {
          id: batch.id,
          idempotencyKey: batch.idempotencyKey,
          file: batch.rawRequest,
          itemIds: items.map((i) => i.id),
        });
        const { recorded } = await recordBatchAnswer(db, {
          id: batch.id,
          rawResponse: answer.raw,
          answers: answer.answers,
          maxSubmissions: options.maxSubmissions,
        });
        for (const item of recorded.filter((i) => i.status === 'rejected')) {
          await raiseException(db, {
            kind: SETTLEMENT_ITEM_REJECTED,
            subject: item.id,
            merchantId: item.merchantId,
            paymentId: item.paymentId,
            psp,
            businessDate,
            context: {
              item: item.id,
              batch: batch.id,
              kind: item.kind,
              amount: item.amount,
              currency: item.currency,
              pspReference: item.pspReference,
              reason: item.rejectReason,
              submissions: item.submissions,
            },
          });
        }
      }
      const after = await itemsOfBatch(db, batchId);
      return {
        accepted: after.filter((i) => i.status === 'accepted').length,
        rejected: after.filter((i) => i.status === 'rejected').length,
        retrying: after.filter((i) => i.status === 'retry').length,
      };
    },

    /**
     * Posts each accepted capture and refund of a batch to the ledger (receivable → bank less
     * fee, merchant and seller pending → available) and tells its payment's workflow it is settled. An
     * accepted void moves no money and has nothing to post.
     */
    async settleAcceptedItems({ batchId, settlementId, psp }: { batchId: string; settlementId: string; psp: string }): Promise<void> {
      for (const item of await unpostedAcceptedItems(db, batchId)) {
        const { transactionId } = await postLedgerTransaction(
          settlement({
            ledgerTransactionId: item.ledgerTransactionId,
            psp,
            merchantId: item.merchantId,
            paymentId: item.paymentId,
            ...(item.refundId === null ? {} : { refundId: item.refundId }),
            currency: item.currency,
            receivable: item.receivable,
            merchantShare: item.merchantShare,
            sellerShares: item.sellerShares,
            fee: item.fee ?? 0,
          }),
        );
        // Before marking it posted: a retry after a lost signal must signal again.
        await notifyPayment(client, item.paymentId, { settlementId, kind: item.kind });
        await markItemPosted(db, item.id, transactionId);
      }
    },

    /**
     * The internal check after each settlement: every merchant and seller balance equals what the
     * settlement records say it must be; each difference lands on the exceptions list.
     */
    async checkMerchantBalances({ psp, businessDate }: { psp: string; businessDate: string }): Promise<number> {
      const mismatches = await balanceMismatches(db);
      for (const mismatch of mismatches) {
        await raiseException(db, {
          kind: 'balance_mismatch',
          category: 3,
          subject: `${mismatch.sellerId ?? mismatch.merchantId}:${mismatch.currency}`,
          merchantId: mismatch.merchantId ?? undefined,
          psp,
          businessDate,
          context: { ...mismatch },
        });
      }
      return mismatches.length;
    },

    /** The daily schedule's step: start (or join) one PSP's settlement of the closed date. */
    async startSettlementOf({ businessDate, psp }: { businessDate: string; psp: 'stripe' | 'adyen' }): Promise<string> {
      const started = await startSettlement(client, options, { businessDate, psp });
      return started.settlementId;
    },
  };
}

async function notifyPayment(client: Client, paymentId: string, notice: SettledNotice) {
  try {
    await client.workflow.getHandle(paymentWorkflowId(paymentId)).signal(settledSignal, notice);
  } catch (error) {
    // The payment's workflow has finished (refund window closed): nothing is watching.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
