// One workflow per business date and PSP: void the holds that expired, claim the day's
// captures, refunds and voids not yet settled, submit them to the acquirer in one batch per
// merchant and currency, post what it accepted, send transiently rejected items again alone
// in later rounds, then reconcile against the PSP's own report.
import {
  allHandlersFinished,
  ChildWorkflowFailure,
  condition,
  log,
  executeChild,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { createSettlementActivities, RoundPage } from '../activities/settlement/activities';
import { reconciliationWorkflowId, type ReconciliationInput, type ReconciliationResult } from '../contracts/reconciliation.contract';
import {
  type BatchOutcome,
  preparedUpdate,
  type SettlementInput,
  type SettlementProgress,
  settlementProgressQuery,
  type SettlementResult,
} from '../contracts/settlement.contract';
import { settlementActivities as acts, settlementPerson, settlementStep, submitRound } from './settlement-rounds';
import type { UntilResolved } from './lib/until-resolved';

/** Voiding goes through each payment's workflow and its PSP call; it may take a while. */
const voidingStep = {
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
} satisfies ActivityOptions;

const { voidExpiredHolds } = proxyActivities<ReturnType<typeof createSettlementActivities>>(voidingStep);

/**
 * Long steps that work through a whole day page by page (voiding lapsed holds, a round's
 * batches): alive as long as they heartbeat, each attempt bounded, retried like settlementStep
 * (every step inside is idempotent; a write the database refuses for good waits for a person).
 */
const pagedStep = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { ...settlementStep.retry, initialInterval: '5s', maximumInterval: '5 minutes' },
} satisfies ActivityOptions;

const paged = proxyActivities<ReturnType<typeof createSettlementActivities>>(pagedStep);

/**
 * Workflows started from here on (2026-12) keep lists out of their history: the batches and
 * items stay in the database, and the workflow passes counts (settlement at volume).
 */
const IN_PAGES = 'settlement-in-pages';

export async function settlementWorkflow(input: SettlementInput): Promise<SettlementResult> {
  return new Settlement(input).run();
}

class Settlement {
  private progress: SettlementProgress;
  private prepared = false;
  /** Where a step the database refuses for good waits for a person (settlement-rounds.ts). */
  private readonly person: UntilResolved;

  constructor(private readonly input: SettlementInput) {
    this.person = settlementPerson(input.psp);
    this.progress = {
      settlementId: input.settlementId,
      phase: 'voiding_expired_holds',
      round: 1,
      expiredHoldsVoided: 0,
      batches: { total: 0, submitted: 0 },
      items: { total: 0, accepted: 0, rejected: 0, retrying: 0 },
    };
    setHandler(settlementProgressQuery, () => this.progress);
    setHandler(preparedUpdate, async () => {
      await condition(() => this.prepared);
      return this.progress;
    });
  }

  async run(): Promise<SettlementResult> {
    if (patched(IN_PAGES)) return this.runInPages();
    const { settlementId, businessDate, psp } = this.input;
    // Expired holds first, so their voids are among the items collected below. "Expired" as
    // of workflow time: the SDK pins Date to the current workflow task, so replay agrees.
    const asOf = new Date().toISOString();
    this.progress.expiredHoldsVoided = await voidExpiredHolds({ psp, asOf });

    this.update({ phase: 'collecting' });
    const { batchIds, items } = await this.step('prepareSettlement', () =>
      acts.prepareSettlement({
        settlementId,
        workflowId: workflowInfo().workflowId,
        businessDate,
        psp,
        timeZone: this.input.timeZone,
      }),
    );
    this.update({
      phase: 'submitting',
      batches: { total: batchIds.length, submitted: 0 },
      items: { ...this.progress.items, total: items },
    });
    this.prepared = true;

    await this.submitRound(batchIds);
    await this.step('setSettlementStatus:submitted', () => acts.setSettlementStatus({ settlementId, status: 'submitted' }));

    while (this.progress.items.retrying > 0) {
      this.update({ phase: 'waiting_to_resubmit' });
      await sleep(this.input.resubmitSeconds * 1000);
      const round = this.progress.round + 1;
      const retryBatchIds = await this.step(`batchRetries:${round}`, () => acts.batchRetries({ settlementId, psp, round }));
      this.update({
        phase: 'submitting',
        round,
        batches: { total: this.progress.batches.total + retryBatchIds.length, submitted: this.progress.batches.submitted },
      });
      // Retried items are counted again by the round that sends them.
      this.progress.items.retrying = 0;
      await this.submitRound(retryBatchIds);
    }

    this.update({ phase: 'reconciling' });
    const reconciliation = await this.reconcile();
    await this.step('checkMerchantBalances', () => acts.checkMerchantBalances({ psp, businessDate }));
    // A reconciliation that could not run (the PSP's report unavailable) leaves the
    // settlement `submitted`: its money is posted, and finance reconciles it on demand.
    if (reconciliation) {
      await this.step('setSettlementStatus:reconciled', () => acts.setSettlementStatus({ settlementId, status: 'reconciled' }));
    }
    this.update({ phase: 'done' });
    await condition(allHandlersFinished);
    return { ...this.progress, reconciliationRunId: reconciliation?.runId };
  }

  /**
   * The same steps as `run`, with counts instead of lists in the history: the day's batches
   * are submitted and posted by pages of an activity that heartbeats, and the progress is
   * counted from the database after each page.
   */
  private async runInPages(): Promise<SettlementResult> {
    const { settlementId, businessDate, psp } = this.input;
    // "Expired" as of workflow time: the SDK pins Date to the current workflow task.
    const asOf = new Date().toISOString();
    this.progress.expiredHoldsVoided = await paged.voidExpiredHoldsConcurrently({ psp, asOf });

    this.update({ phase: 'collecting' });
    const prepared = await this.step('prepareSettlementRun', () =>
      acts.prepareSettlementRun({
        settlementId,
        ...(this.input.run === undefined ? {} : { run: this.input.run }),
        workflowId: workflowInfo().workflowId,
        businessDate,
        psp,
        timeZone: this.input.timeZone,
      }),
    );
    this.update({
      phase: 'submitting',
      batches: { total: prepared.batches, submitted: 0 },
      items: { ...this.progress.items, total: prepared.items },
    });
    this.prepared = true;

    await this.settleRound(1);
    await this.step('setSettlementStatus:submitted', () => acts.setSettlementStatus({ settlementId, status: 'submitted' }));

    while (this.progress.items.retrying > 0) {
      this.update({ phase: 'waiting_to_resubmit' });
      await sleep(this.input.resubmitSeconds * 1000);
      const round = this.progress.round + 1;
      await this.step(`batchRetriesCounted:${round}`, () => acts.batchRetriesCounted({ settlementId, psp, round }));
      this.update({ phase: 'submitting', round });
      await this.settleRound(round);
    }

    this.update({ phase: 'reconciling' });
    const reconciliation = await this.reconcile();
    await this.step('checkMerchantBalances', () => acts.checkMerchantBalances({ psp, businessDate }));
    if (reconciliation) {
      await this.step('setSettlementStatus:reconciled', () => acts.setSettlementStatus({ settlementId, status: 'reconciled' }));
    }
    this.update({ phase: 'done' });
    await condition(allHandlersFinished);
    return { ...this.progress, reconciliationRunId: reconciliation?.runId };
  }

  /** Pages through a round until none of its batches is left; the progress is the database's count after each page. */
  private async settleRound(round: number): Promise<void> {
    const { settlementId, businessDate, psp } = this.input;
    for (let page = 1; ; page++) {
      const result: RoundPage = await this.step(`settleRoundPage:${round}:${page}`, () =>
        paged.settleRoundPage({ settlementId, businessDate, psp, round }),
      );
      this.update({
        batches: result.batches,
        items: result.items,
        settledNoticesSkipped: (this.progress.settledNoticesSkipped ?? 0) + result.noticesSkipped,
      });
      if (result.done) return;
    }
  }

  /** `step` names the call within this settlement: the activity, and the round where there are several. */
  private step<T>(step: string, call: () => Promise<T>): Promise<T> {
    return this.person.run({ step, activity: step.split(':')[0]! }, call);
  }

  private update(changes: Partial<SettlementProgress>): void {
    this.progress = { ...this.progress, ...changes };
  }

  private submitRound(batchIds: string[]): Promise<void> {
    const counted = (outcome: BatchOutcome) => {
      const { items, batches } = this.progress;
      this.update({
        batches: { ...batches, submitted: batches.submitted + 1 },
        items: {
          total: items.total,
          accepted: items.accepted + outcome.accepted,
          rejected: items.rejected + outcome.rejected,
          retrying: items.retrying + outcome.retrying,
        },
      });
    };
    return submitRound(this.input, batchIds, counted, this.person);
  }

  private async reconcile(): Promise<ReconciliationResult | undefined> {
    const runId = `rec_${uuid4().replaceAll('-', '')}`;
    const input: ReconciliationInput = {
      runId,
      businessDate: this.input.businessDate,
      psp: this.input.psp,
      timeZone: this.input.timeZone,
      tolerance: this.input.reconciliationTolerance,
    };
    try {
      return await executeChild<(input: ReconciliationInput) => Promise<ReconciliationResult>>('reconciliationWorkflow', {
        workflowId: reconciliationWorkflowId(runId),
        args: [input],
      });
    } catch (error) {
      if (!(error instanceof ChildWorkflowFailure)) throw error;
      log.warn('reconciliation after settlement failed', { settlementId: this.input.settlementId, runId, error });
      return undefined;
    }
  }
}
