// The settlement workflow's side effects: void expired holds through their payments'
// workflows, claim and batch the day's postings, submit batches to the acquirer, and post
// what it accepted. Each is safe to retry: see db/queries/settlements.ts.
import { Context } from '@temporalio/activity';
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
import { openBatchesOfRound, recordedRuns, settlementCounts, type SettlementCounts } from '../../db/queries/settlement-pages';
import type { SettlementStatus } from '../../db/schema';
import { settlement } from '../../domain/ledger';
import { createLedgerActivities } from '../ledger';
import { expireHoldUpdate, settledSignal, type SettledNotice } from '../../contracts/payment.contract';
import { startSettlement, type SettlementOptions } from '../../contracts/settlement.client';
import { submitToAcquirer } from './acquirer';
import { forEachConcurrently } from './concurrently';
import { type BatchOutcome, SETTLEMENT_ITEM_REJECTED } from '../../contracts/settlement.contract';
import { paymentHandle } from '../../contracts/payment.client';

export interface SettlementDeps {
  db: Database;
  client: Client;
  /** The acquirer's batch API base; undefined when none is configured and no simulator runs. */
  acquirerUrl: string | undefined;
  options: SettlementOptions;
}

/** Payments' workflows told at once, and postings written at once, while a page is settled. */
const NOTICE_CONCURRENCY = 32;
/** Expired holds voided at once: each is an Update of the payment's workflow and a PSP call. */
const VOID_CONCURRENCY = 8;
/**
 * A page of batches ends once it has run this long: its activity's heartbeat shows it alive,
 * and the workflow sees progress (counts) between pages.
 */
const PAGE_BUDGET_MS = 60_000;
const BATCHES_PER_QUERY = 20;

/** What a page of a round settled, and the settlement's counts after it. */
export interface RoundPage extends SettlementCounts {
  /** No batch of the round is left to submit or post. */
  done: boolean;
  /** Settled notices to a payment whose workflow no longer runs (its refund window closed): nothing is watching. */
  noticesSkipped: number;
}

export function createSettlementActivities({ db, client, acquirerUrl, options }: SettlementDeps) {
  const { postLedgerTransaction } = createLedgerActivities({ db });

  /**
   * Sends one batch (or, when the acquirer already answered it, reuses the stored answer)
   * and records the answer per item. Items rejected for good become exceptions.
   */
  async function submitOne(batchId: string, businessDate: string, psp: string): Promise<BatchOutcome> {
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
  }

  /** Posts a batch's accepted, unposted items, `concurrency` at once; answers how many notices found no workflow. */
  async function postAccepted(batchId: string, settlementId: string, psp: string, concurrency: number): Promise<number> {
    let skipped = 0;
    await forEachConcurrently(await unpostedAcceptedItems(db, batchId), concurrency, async (item) => {
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
      if (!(await notifyPayment(client, item.paymentId, { settlementId, kind: item.kind }))) skipped++;
      await markItemPosted(db, item.id, transactionId);
    });
    return skipped;
  }

  return {
    /**
     * Asks each payment whose hold expired to void it now, so the void is in today's batches
     * even when the payment's own timer is late (a worker was down, the PSP was). Returns how
     * many were voided.
     */
    async voidExpiredHolds({ psp, asOf }: { psp: string; asOf: string }): Promise<number> {
      let voided = 0;
      for (const paymentId of await expiredHolds(db, psp, new Date(asOf))) {
        if (await expireHold(client, paymentId)) voided++;
      }
      return voided;
    },

    /**
     * The same, several at once, heartbeating after each: a day with many lapsed holds neither
     * runs serially into one long timeout nor floods the payments' workflows. A retry carries on
     * with what is still authorized, and counts on from the last heartbeat.
     */
    async voidExpiredHoldsConcurrently({ psp, asOf }: { psp: string; asOf: string }): Promise<number> {
      let voided = (Context.current().info.heartbeatDetails as number | undefined) ?? 0;
      await forEachConcurrently(await expiredHolds(db, psp, new Date(asOf)), VOID_CONCURRENCY, async (paymentId) => {
        if (await expireHold(client, paymentId)) voided++;
        Context.current().heartbeat(voided);
      });
      return voided;
    },

    prepareSettlement: (request: PrepareRequest) => prepareSettlement(db, request),

    /** Claims and batches like `prepareSettlement`, answering counts only: the batch ids stay in the database. */
    async prepareSettlementRun(request: PrepareRequest): Promise<{ batches: number; items: number }> {
      const { batchIds, items } = await prepareSettlement(db, request);
      return { batches: batchIds.length, items };
    },

    /** `batchRetries`, answering how many batches the round has. */
    async batchRetriesCounted({ settlementId, psp, round }: { settlementId: string; psp: string; round: number }): Promise<number> {
      return (await batchRetries(db, settlementId, psp, round)).length;
    },

    /**
     * Submits and posts the round's batches not finished yet, one after another, until none is
     * left or the page has run PAGE_BUDGET_MS; heartbeats after each. Every step is the same as
     * `submitBatch` and `settleAcceptedItems` (and as idempotent), so a retried page repeats
     * nothing. Answers the settlement's counts, never a list.
     */
    async settleRoundPage(request: { settlementId: string; businessDate: string; psp: string; round: number }): Promise<RoundPage> {
      const { settlementId, businessDate, psp, round } = request;
      const deadline = Date.now() + PAGE_BUDGET_MS;
      let noticesSkipped = 0;
      let done = false;
      while (Date.now() < deadline) {
        const batchIds = await openBatchesOfRound(db, settlementId, round, BATCHES_PER_QUERY);
        if (batchIds.length === 0) {
          done = true;
          break;
        }
        for (const batchId of batchIds) {
          await submitOne(batchId, businessDate, psp);
          noticesSkipped += await postAccepted(batchId, settlementId, psp, NOTICE_CONCURRENCY);
          Context.current().heartbeat();
          if (Date.now() >= deadline) break;
        }
      }
      return { done, noticesSkipped, ...(await settlementCounts(db, settlementId)) };
    },

    batchRetries: ({ settlementId, psp, round }: { settlementId: string; psp: string; round: number }) =>
      batchRetries(db, settlementId, psp, round),

    setSettlementStatus: ({ settlementId, status }: { settlementId: string; status: SettlementStatus }) =>
      setSettlementStatus(db, settlementId, status),

    /**
     * Sends one batch (or, when the acquirer already answered it, reuses the stored answer)
     * and records the answer per item. Items rejected for good become exceptions.
     */
    async submitBatch({ batchId, businessDate, psp }: { batchId: string; businessDate: string; psp: string }): Promise<BatchOutcome> {
      return submitOne(batchId, businessDate, psp);
    },

    /**
     * Posts each accepted capture and refund of a batch to the ledger (receivable → bank less
     * fee, merchant and seller pending → available) and tells its payment's workflow it is settled. An
     * accepted void moves no money and has nothing to post.
     */
    async settleAcceptedItems({ batchId, settlementId, psp }: { batchId: string; settlementId: string; psp: string }): Promise<void> {
      await postAccepted(batchId, settlementId, psp, 1);
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

    /** The daily schedule's step: start (or join) one PSP's settlement run of the closed date. */
    async startSettlementOf({ businessDate, psp }: { businessDate: string; psp: 'stripe' | 'adyen' }): Promise<string> {
      // Keyed by the schedule's run: a retried activity joins the run it started. A date
      // finance settled by hand earlier gets a supplementary run for what came after. The run
      // id too: a schedule names its workflows to the second, so two actions in one second
      // (a trigger by hand) share a workflow id, and the second would join the first's run.
      const execution = Context.current().info.workflowExecution;
      const requestKey = `schedule:${execution?.workflowId}/${execution?.runId}`;
      const started = await startSettlement(client, options, {
        businessDate,
        psp,
        requestKey,
        whileInFlight: 'join',
        ...(await recordedRuns(db, businessDate, psp)),
      });
      return started.settlementId;
    },
  };
}

/** True when the payment's workflow took the notice; false when it no longer runs. */
async function notifyPayment(client: Client, paymentId: string, notice: SettledNotice): Promise<boolean> {
  try {
    await paymentHandle(client, paymentId).signal(settledSignal, notice);
    return true;
  } catch (error) {
    // The payment's workflow has finished (refund window closed): nothing is watching.
    if (!(error instanceof WorkflowNotFoundError)) throw error;
    return false;
  }
}

/** Asks the payment's workflow to void its lapsed hold; true when it is now canceled. */
async function expireHold(client: Client, paymentId: string): Promise<boolean> {
  try {
    const state = await paymentHandle(client, paymentId).executeUpdate(expireHoldUpdate);
    return state.status === 'canceled';
  } catch (error) {
    // Decided meanwhile (captured, voided by its own timer) or no longer running.
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}
