// Everything a caller needs to talk to a settlement workflow: one per business date and PSP.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PspName } from '../domain/psp';

export interface SettlementInput {
  settlementId: string;
  /** Absent for a date's first run; 2, 3 … for supplementary runs, which settle only what earlier runs did not take. */
  run?: number;
  /** YYYY-MM-DD in the platform time zone. */
  businessDate: string;
  psp: PspName;
  timeZone: string;
  /** How long transiently rejected items wait before they go again, alone, in a later batch. */
  resubmitSeconds: number;
  /** Submissions of one item before a transient rejection becomes an exception. */
  maxSubmissions: number;
  /** Differences up to this many minor units are accepted by the reconciliation that follows. */
  reconciliationTolerance: number;
}

export type SettlementPhase = 'voiding_expired_holds' | 'collecting' | 'submitting' | 'waiting_to_resubmit' | 'reconciling' | 'done';

/** What `holdfast settle` prints while it runs. */
export interface SettlementProgress {
  settlementId: string;
  phase: SettlementPhase;
  /** 1 = first submission; each resubmission of transiently rejected items is a new round. */
  round: number;
  expiredHoldsVoided: number;
  batches: { total: number; submitted: number };
  items: { total: number; accepted: number; rejected: number; retrying: number };
  /** Settled notices to payments whose workflow no longer runs (refund window closed): nothing was watching. */
  settledNoticesSkipped?: number;
}

export interface SettlementResult extends SettlementProgress {
  /** Unset when the reconciliation after settlement failed; the settlement stays `submitted`. */
  reconciliationRunId?: string;
}

/** Answers once the items are collected and batched, so a caller can show the settlement. */
export const preparedUpdate = defineUpdate<SettlementProgress>('prepared');
export const settlementProgressQuery = defineQuery<SettlementProgress>('progress');

/** Run 1 keeps the id a date always had; a supplementary run adds its number. */
export function settlementId(psp: PspName, businessDate: string, run = 1): string {
  return `stl_${businessDate.replaceAll('-', '')}_${psp}${run === 1 ? '' : `_r${run}`}`;
}

/**
 * The task queue is part of the id: two deployments sharing a Temporal namespace (or two
 * test suites) each settle their own ledger, so each needs its own workflow per date. Run 1
 * keeps the id it always had; run n adds `-r<n>`.
 */
export function settlementWorkflowId(taskQueue: string, psp: PspName, businessDate: string, run = 1): string {
  return `settlement-${taskQueue}-${psp}-${businessDate}${run === 1 ? '' : `-r${run}`}`;
}

/** The daily schedule's workflow: works out the date that closed and settles it at each PSP. */
export interface DailySettlementInput {
  psps: PspName[];
  timeZone: string;
  cutoff: string;
}

/**
 * One more round for items a person sent back with `retry` after the settlement finished:
 * the same steps as a resubmission round inside the settlement workflow.
 */
export interface SettlementResubmissionInput {
  settlementId: string;
  businessDate: string;
  psp: PspName;
  round: number;
}

export function settlementResubmissionWorkflowId(settlementId: string, round: number): string {
  return `settlement-resubmission-${settlementId}-r${round}`;
}

/** What one submission of a batch came to: the settlement and resubmission workflows' tally. */
export interface BatchOutcome {
  accepted: number;
  rejected: number;
  retrying: number;
}

/** The exception an item the acquirer rejected for good becomes; finance resubmits it from there. */
export const SETTLEMENT_ITEM_REJECTED = 'settlement_item_rejected';

/** The names the worker registers the settlement and resubmission workflows under; clients start them by these. */
export const SETTLEMENT_WORKFLOW = 'settlementWorkflow';
export const SETTLEMENT_RESUBMISSION_WORKFLOW = 'settlementResubmissionWorkflow';

/** The workflows' signatures: clients type their calls with them instead of importing the workflows. */
export type SettlementWorkflow = (input: SettlementInput) => Promise<SettlementResult>;
export type SettlementResubmissionWorkflow = (input: SettlementResubmissionInput) => Promise<BatchOutcome>;
