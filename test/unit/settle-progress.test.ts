import assert from 'node:assert/strict';
import { changedLine, progressLine, summaryLine } from '../../cli/settle-progress';
import type { SettlementProgress } from '../../contracts/settlement.contract';

const progress = (changes: Partial<SettlementProgress> = {}): SettlementProgress => ({
  settlementId: 'stl_20261121_stripe',
  phase: 'submitting',
  round: 1,
  expiredHoldsVoided: 0,
  batches: { total: 3, submitted: 2 },
  items: { total: 12, accepted: 11, rejected: 1, retrying: 0 },
  ...changes,
});

describe('holdfast settle progress lines', () => {
  it('says phase, round, batches and items in one line', () => {
    assert.equal(
      progressLine('stripe', '2026-11-21', progress()),
      'stripe 2026-11-21  submitting  round 1  batches 2/3  items 11 accepted, 1 rejected, 0 retrying',
    );
  });

  it('spells multi-word phases with spaces and mentions voided holds only when there are some', () => {
    const line = progressLine('adyen', '2026-11-21', progress({ phase: 'waiting_to_resubmit', round: 2, expiredHoldsVoided: 4 }));
    assert.equal(
      line,
      'adyen 2026-11-21  waiting to resubmit  round 2  batches 2/3  items 11 accepted, 1 rejected, 0 retrying  4 expired holds voided',
    );
  });

  it('prints a line only when the progress changed', () => {
    const first = changedLine('stripe', '2026-11-21', progress(), undefined);
    assert.ok(first);
    assert.equal(changedLine('stripe', '2026-11-21', progress(), first), undefined);
    const next = changedLine('stripe', '2026-11-21', progress({ batches: { total: 3, submitted: 3 } }), first);
    assert.match(next ?? '', /batches 3\/3/);
  });

  it('ends with the outcome: counts and the reconciliation run, or the failure', () => {
    const done = progress({ phase: 'done', items: { total: 12, accepted: 10, rejected: 1, retrying: 1 } });
    assert.equal(
      summaryLine('stripe', '2026-11-21', { result: { ...done, reconciliationRunId: 'rec_20261121_stripe' } }),
      'stripe 2026-11-21  settled stl_20261121_stripe: 12 items, 10 accepted, 1 rejected, 1 still retrying; reconciliation rec_20261121_stripe',
    );
    assert.equal(
      summaryLine('adyen', '2026-11-21', { error: 'Workflow execution failed' }),
      'adyen 2026-11-21  FAILED: Workflow execution failed',
    );
    const one = progress({ phase: 'done', items: { total: 1, accepted: 1, rejected: 0, retrying: 0 } });
    assert.equal(
      summaryLine('stripe', '2026-11-21', { result: one }),
      'stripe 2026-11-21  settled stl_20261121_stripe: 1 item, 1 accepted, 0 rejected; not reconciled (start one with POST /v1/reconciliations)',
    );
  });
});
