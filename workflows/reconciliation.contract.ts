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
 * One id per date and PSP: a second request while a run is going joins it, and a request
 * after it finished starts a new run (the policy is the caller's, see startReconciliation).
 */
export function reconciliationWorkflowId(psp: PspName, businessDate: string): string {
  return `reconciliation-${psp}-${businessDate}`;
}
