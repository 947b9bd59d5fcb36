// Reconciliation against the simulated PSPs' reports, each corrupted by one fault: every
// fault yields exactly the expected exception or automatic fix, a later clean run clears what
// the fault raised, reruns add nothing, and the ledger stays balanced throughout.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { balanceMismatches } from '../../db/queries/balance-check';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { accounts } from '../../domain/ledger';
import type { HoldfastClient } from '@holdfast/client';
import { accountBalance, financeClient, ledgerTransactionCount, reconcile, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

type Psp = 'stripe' | 'adyen';

describe('reconciliation: report faults at both PSPs', function () {
  this.timeout(240_000);
  const suite = stackForSuite();
  let finance: HoldfastClient;

  const openExceptions = async (psp: Psp) => {
    const { data } = answered(await finance.GET('/v1/reconciliation/exceptions', { params: { query: { status: 'open', psp } } }), 200);
    // The document leaves `context` open (each kind has its own); these kinds carry a difference.
    return data.map((e) => ({ ...e, context: e.context as { difference: { amount: number } } }));
  };
  const lastFault = async () => (await suite.sim.appliedReportFaults()).at(-1)!;

  before(async function () {
    this.timeout(180_000);
    finance = await financeClient(suite.stack);
    for (const psp of ['stripe', 'adyen'] as const) {
      const currency = psp === 'stripe' ? 'usd' : 'eur';
      for (const amount of [4_000, 6_000]) {
        const answer = await suite.api.post('/v1/payments', { amount, currency, psp, payment_method: 'pm_card_visa' });
        assert.equal(answer.body.status, 'captured', JSON.stringify(answer.body));
      }
    }
    const settled = await settle(finance, { date: today() });
    assert.deepEqual(
      settled.map((s) => s.status),
      ['reconciled', 'reconciled'],
    );
  });

  for (const psp of ['stripe', 'adyen'] as const) {
    describe(psp, () => {
      it('a clean report matches: no exception', async () => {
        const run = await reconcile(finance, { date: today(), psp });
        assert.equal(run.summary.exceptions, 0);
        assert.ok(run.summary.matched >= 2, JSON.stringify(run.summary));
        assert.deepEqual(await openExceptions(psp), []);
      });

      it('missing: a capture the PSP left out is one missing_at_psp exception (category 2)', async () => {
        await suite.sim.reportFault('missing', psp);
        await reconcile(finance, { date: today(), psp });
        const fault = await lastFault();
        const open = await openExceptions(psp);
        assert.deepEqual(
          open.map((e) => [e.kind, e.category]),
          [['missing_at_psp', 2]],
        );
        assert.equal(open[0]!.context.difference.amount < 0, true);
        assert.ok(JSON.stringify(open[0]).includes(fault.payment_reference));
      });

      it('amount_off: a differing amount is one amount_mismatch (category 2) and clears the missing one; write_off posts it', async () => {
        await suite.sim.reportFault('amount_off', psp);
        const run = await reconcile(finance, { date: today(), psp });
        assert.equal(run.summary.cleared, 1, 'the line missing last time is back');
        const open = await openExceptions(psp);
        assert.deepEqual(
          open.map((e) => [e.kind, e.category]),
          [['amount_mismatch', 2]],
        );
        assert.equal(open[0]!.context.difference.amount, 500);

        const postings = await ledgerTransactionCount(suite.stack.db);
        const resolved = answered(
          await finance.POST('/v1/reconciliation/exceptions/{id}/resolve', {
            ...withId(open[0]!.id),
            body: { action: 'write_off', note: 'PSP overpaid by 5.00; taken as a gain' },
          }),
          200,
        );
        assert.equal(resolved.status, 'resolved');
        assert.equal(await ledgerTransactionCount(suite.stack.db), postings + 1);
        const { rows } = await suite.stack.db.execute<{ action: string; actor: string }>(
          sql`select action, actor from audit_log where subject_id = ${open[0].id}`,
        );
        assert.equal(rows.length, 1);
        assert.match(rows[0]!.actor, /^key_/);
      });

      it('duplicate: a line reported twice is one duplicate_line exception (category 3)', async () => {
        await suite.sim.reportFault('duplicate', psp);
        await reconcile(finance, { date: today(), psp });
        const open = await openExceptions(psp);
        assert.deepEqual(
          open.map((e) => [e.kind, e.category]),
          [['duplicate_line', 3]],
        );
      });

      it('extra: a charge that is no payment of ours is refunded automatically, posted through suspense, and audited', async () => {
        await suite.sim.reportFault('extra', psp);
        const run = await reconcile(finance, { date: today(), psp });
        const fault = await lastFault();
        assert.equal(run.summary.auto_fixed, 1, JSON.stringify(run.summary));
        assert.deepEqual(await openExceptions(psp), [], 'the duplicate is gone and the extra charge raised nothing');
        const { rows } = await suite.stack.db.execute<{ action: string }>(
          sql`select action from audit_log where subject_id = ${fault.payment_reference}`,
        );
        assert.equal(rows.length, 1);
        assert.equal(await accountBalance(suite.stack.db, accounts.suspense(), psp === 'stripe' ? 'usd' : 'eur'), 0);
        const keys = await suite.stack.db.execute<{ posting_key: string }>(
          sql`select posting_key from ledger_transactions where posting_key like ${`reconciliation:${psp}:${fault.payment_reference}:%`} order by posting_key`,
        );
        assert.deepEqual(
          keys.rows.map((r) => r.posting_key.split(':').at(-1)),
          ['unmatched_charge_received', 'unmatched_charge_returned'],
        );

        // A rerun sees the charge (and now its refund) again and does nothing more.
        const postings = await ledgerTransactionCount(suite.stack.db);
        const rerun = await reconcile(finance, { date: today(), psp });
        assert.equal(rerun.summary.exceptions, 0);
        assert.equal(await ledgerTransactionCount(suite.stack.db), postings);
      });
    });
  }

  // A describe of its own, so it runs after the PSPs' (mocha runs a block's own tests first).
  describe('afterwards', () => {
    it('the ledger is balanced, the suspense account is empty, and every merchant balance equals the ledger', async () => {
      assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
      assert.deepEqual(await balanceMismatches(suite.stack.db), []);
      for (const currency of ['usd', 'eur']) assert.equal(await accountBalance(suite.stack.db, accounts.suspense(), currency), 0);
    });
  });
});
