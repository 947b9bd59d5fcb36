// Settling a date again: finance settles mid-day, more is captured and refunded, and a new
// Idempotency-Key settles the date again — a supplementary run takes exactly what the first
// did not, so every capture and refund is in one batch of one run, and the ledger balances.
// A new key while a run of the date is in flight is refused (409, not kept under the key);
// the same key retried later runs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { balanceMismatches } from '../../db/queries/balance-check';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { accounts } from '../../domain/ledger';
import { eventually } from '../support/eventually';
import type { HoldfastClient } from '@holdfast/client';
import { accountBalance, financeClient, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

describe('settlement: settling a date again', function () {
  this.timeout(180_000);
  // A transiently rejected item keeps the first run in flight for this long.
  const suite = stackForSuite({ env: { SETTLEMENT_RESUBMIT_SECONDS: '3' }, psps: ['stripe'] });
  let finance: HoldfastClient;

  before(async () => {
    finance = await financeClient(suite.stack);
  });

  async function pay(amount: number) {
    return answered(
      await suite.client.POST('/v1/payments', { body: { amount, currency: 'usd', psp: 'stripe', payment_method: 'pm_card_visa' } }),
      201,
    );
  }

  const settlement = async (id: string) => answered(await finance.GET('/v1/settlements/{id}', withId(id)), 200);
  const settleUnder = (key: string, date: string) =>
    finance.POST('/v1/settlements', { params: { header: { 'Idempotency-Key': key } }, body: { date, psp: 'stripe' } });

  async function reconciled(id: string) {
    return eventually(
      `settlement ${id} reconciled`,
      async () => {
        const answer = await settlement(id);
        return answer.status === 'reconciled' && answer;
      },
      60_000,
    );
  }

  it('a second run settles only what the first did not take; each capture and refund is in exactly one batch, and the ledger balances', async () => {
    const { db } = suite.stack;
    const date = today();
    const first = [await pay(1_000), await pay(2_000)];
    await suite.sim.acquirerReject(first[0]!.psp_reference!, true, 1);

    const keyOne = `settle-${randomUUID()}`;
    const runOne = answered(await settleUnder(keyOne, date), 200);
    const idOne = runOne.data[0]!.id;
    assert.equal(idOne, `stl_${date.replaceAll('-', '')}_stripe`);

    // The first run waits to send its rejected item again: a new key is refused meanwhile …
    const keyTwo = `settle-${randomUUID()}`;
    const busy = refused(await settleUnder(keyTwo, date), 409);
    assert.deepEqual([busy.error.code, busy.error.param], ['settlement_in_progress', 'date']);
    await reconciled(idOne);

    // … the first key still answers the first run …
    const replayed = await settleUnder(keyOne, date);
    assert.equal(replayed.response.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(answered(replayed, 200), runOne);

    // … and once more was captured and refunded, the refused key settles it: the 409 was not kept.
    const later = [await pay(3_000), await pay(4_000)];
    answered(await suite.client.POST('/v1/payments/{id}/refunds', { ...withId(first[1]!.id), body: { amount: 500 } }), 201);
    const runTwo = answered(await settleUnder(keyTwo, date), 200);
    const idTwo = runTwo.data[0]!.id;
    assert.equal(idTwo, `${idOne}_r2`);
    const detailTwo = await reconciled(idTwo);

    const detailOne = await settlement(idOne);
    const shape = (detail: typeof detailOne) => detail.items.map((i) => `${i.kind}:${i.payment}:${i.status}`).sort();
    assert.deepEqual(shape(detailOne), first.map((p) => `capture:${p.id}:accepted`).sort());
    assert.deepEqual(shape(detailTwo), [...later.map((p) => `capture:${p.id}:accepted`), `refund:${first[1]!.id}:accepted`].sort());

    // Exactly once: every capture and refund posting of the day in one item of one run, each settled by one posting.
    const { rows } = await db.execute<{ kind: string; items: number; runs: number; settled: number }>(sql`
      select t.kind, count(i.id)::int as items, count(distinct i.settlement_id)::int as runs,
             count(distinct i.settled_transaction_id)::int as settled
        from ledger_transactions t left join settlement_items i on i.ledger_transaction_id = t.id
       where t.kind in ('capture', 'refund') group by t.kind, t.id having count(i.id) <> 1 or count(distinct i.settled_transaction_id) <> 1`);
    assert.deepEqual(rows, [], 'a capture or refund not settled exactly once');
    const settlementPostings = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ledger_transactions where kind = 'settlement'`,
    );
    assert.equal(settlementPostings.rows[0]!.n, 5);
    assert.equal(await accountBalance(db, accounts.pspReceivable('stripe'), 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(db), []);
    assert.deepEqual(await balanceMismatches(db), []);
  });

  it('a third run with nothing new settles nothing, and the runs of the date are listed in order', async () => {
    const date = today();
    const runThree = answered(await finance.POST('/v1/settlements', { body: { date, psp: 'stripe' } }), 200);
    const detail = await reconciled(runThree.data[0]!.id);
    assert.deepEqual([detail.id, detail.items.length, detail.batches.length], [`stl_${date.replaceAll('-', '')}_stripe_r3`, 0, 0]);
    const listed = answered(await finance.GET('/v1/settlements', { params: { query: { date, psp: 'stripe' } } }), 200);
    assert.deepEqual(
      listed.data.map((s) => s.id).sort(),
      ['', '_r2', '_r3'].map((suffix) => `stl_${date.replaceAll('-', '')}_stripe${suffix}`),
    );
  });
});
