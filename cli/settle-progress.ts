// What `holdfast settle` prints: one line per change of a settlement's progress, and a last
// line when its workflow ends. Pure, so the wording is tested without a workflow.
import type { SettlementProgress, SettlementResult } from '../contracts/settlement.contract';

/** `stripe 2026-11-21  submitting  round 1  batches 2/3  items 11 accepted, 1 rejected, 0 retrying` */
export function progressLine(psp: string, date: string, progress: SettlementProgress): string {
  const { batches, items } = progress;
  const holds = progress.expiredHoldsVoided > 0 ? `  ${progress.expiredHoldsVoided} expired holds voided` : '';
  return (
    `${psp} ${date}  ${progress.phase.replaceAll('_', ' ')}  round ${progress.round}  batches ${batches.submitted}/${batches.total}` +
    `  items ${items.accepted} accepted, ${items.rejected} rejected, ${items.retrying} retrying${holds}`
  );
}

/** The line to print for this poll, or undefined when nothing changed since `previous`. */
export function changedLine(psp: string, date: string, progress: SettlementProgress, previous: string | undefined): string | undefined {
  const line = progressLine(psp, date, progress);
  return line === previous ? undefined : line;
}

/** `stripe 2026-11-21  settled stl_20261121_stripe: 12 items, 11 accepted, 1 rejected; reconciliation rec_20261121_stripe` */
export function summaryLine(psp: string, date: string, outcome: { result: SettlementResult } | { error: string }): string {
  if ('error' in outcome) return `${psp} ${date}  FAILED: ${outcome.error}`;
  const { result } = outcome;
  const { items } = result;
  const reconciliation = result.reconciliationRunId
    ? `; reconciliation ${result.reconciliationRunId}`
    : '; not reconciled (start one with POST /v1/reconciliations)';
  return (
    `${psp} ${date}  settled ${result.settlementId}: ${items.total} ${items.total === 1 ? 'item' : 'items'}, ${items.accepted} accepted, ${items.rejected} rejected` +
    `${items.retrying > 0 ? `, ${items.retrying} still retrying` : ''}${reconciliation}`
  );
}
