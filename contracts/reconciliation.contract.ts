// Everything a caller needs to talk to a reconciliation workflow: one run matches one PSP's
// report for one business date against the ledger and the payments.
import type { PspName } from '../domain/psp';
import type { ReconciliationSummary } from '../domain/reconciliation/types';

export interface ReconciliationInput {
  runId: string;
  businessDate: string;
  psp: PspName;
  timeZone: string;
  /** Differences up to this many minor units are accepted automatically (category 1). */
  tolerance: number;
}

export interface ReconciliationResult {
  runId: string;
  summary: ReconciliationSummary;
}

/**
 * One workflow per run. Two runs of the same date and PSP may overlap: everything a run
 * writes is keyed (posting keys, audit keys, one exception per kind and subject), so the
 * second finds the first's work instead of repeating it.
 */
export function reconciliationWorkflowId(runId: string): string {
  return `reconciliation-${runId}`;
}

/** The name the worker registers the workflow under; clients start it by this name. */
export const RECONCILIATION_WORKFLOW = 'reconciliationWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type ReconciliationWorkflow = (input: ReconciliationInput) => Promise<ReconciliationResult>;
