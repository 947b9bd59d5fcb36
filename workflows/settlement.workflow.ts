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
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { BatchOutcome, createSettlementActivities } from '../activities/settlement/activities';
import {
  reconciliationWorkflowId,
  type ReconciliationInput,
  type ReconciliationResult,
} from './reconciliation.contract';
import {
  preparedUpdate,
  settlementProgressQuery,
  type SettlementInput,
  type SettlementProgress,
  type SettlementResult,
} from './settlement.contract';
import { settlementActivities as acts, settlementPerson, submitRound } from './settlement-rounds';
import type { UntilResolved } from './lib/until-resolved';

/** Voiding goes through each payment's workflow and its PSP call; it may take a while. */
const voidingStep = {
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
} satisfies ActivityOptions;

const { voidExpiredHolds } = proxyActivities<ReturnType<typeof createSettlementActivities>>(voidingStep);

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
