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
import type { ApiClient } from '../support/http';
import { accountBalance, financeClient, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';

describe('settlement: settling a date again', function () {
  this.timeout(180_000);
  // A transiently rejected item keeps the first run in flight for this long.
  const suite = stackForSuite({ env: { SETTLEMENT_RESUBMIT_SECONDS: '3' }, psps: ['stripe'] });
  let finance: ApiClient;

  before(async () => {
    finance = await financeClient(suite.stack);
  });

  async function pay(amount: number): Promise<{ id: string; psp_reference: string }> {
    const answer = await suite.api.post('/v1/payments', { amount, currency: 'usd', psp: 'stripe', payment_method: 'pm_card_visa' });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  async function reconciled(id: string): Promise<any> {
    return eventually(`settlement ${id} reconciled`, async () => {
      const answer = await finance.get(`/v1/settlements/${id}`);
      return answer.body.status === 'reconciled' && answer.body;
    }, 60_000);
  }

  it('a second run settles only what the first did not take; each capture and refund is in exactly one batch, and the ledger balances', async () => {
    const { db } = suite.stack;
    const date = today();
    const first = [await pay(1_000), await pay(2_000)];
    await suite.sim.acquirerReject(first[0]!.psp_reference, true, 1);

    const keyOne = `settle-${randomUUID()}`;
    const runOne = await finance.post('/v1/settlements', { date, psp: 'stripe' }, { idempotencyKey: keyOne });
    assert.equal(runOne.status, 200, JSON.stringify(runOne.body));
    const idOne = runOne.body.data[0].id;
    assert.equal(idOne, `stl_${date.replaceAll('-', '')}_stripe`);

    // The first run waits to send its rejected item again: a new key is refused meanwhile …
    const keyTwo = `settle-${randomUUID()}`;
    const busy = await finance.post('/v1/settlements', { date, psp: 'stripe' }, { idempotencyKey: keyTwo });
    assert.equal(busy.status, 409, JSON.stringify(busy.body));
    assert.deepEqual([busy.body.error.code, busy.body.error.param], ['settlement_in_progress', 'date']);
    await reconciled(idOne);

    // … the first key still answers the first run …
    const replayed = await finance.post('/v1/settlements', { date, psp: 'stripe' }, { idempotencyKey: keyOne });
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(replayed.body, runOne.body);

    // … and once more was captured and refunded, the refused key settles it: the 409 was not kept.
    const later = [await pay(3_000), await pay(4_000)];
    const refund = await suite.api.post(`/v1/payments/${first[1]!.id}/refunds`, { amount: 500 });
    assert.equal(refund.status, 201, JSON.stringify(refund.body));
    const runTwo = await finance.post('/v1/settlements', { date, psp: 'stripe' }, { idempotencyKey: keyTwo });
    assert.equal(runTwo.status, 200, JSON.stringify(runTwo.body));
    const idTwo = runTwo.body.data[0].id;
    assert.equal(idTwo, `${idOne}_r2`);
    const detailTwo = await reconciled(idTwo);

    const detailOne = (await finance.get(`/v1/settlements/${idOne}`)).body;
    const shape = (detail: any) => detail.items.map((i: any) => `${i.kind}:${i.payment}:${i.status}`).sort();
    assert.deepEqual(shape(detailOne), first.map((p) => `capture:${p.id}:accepted`).sort());
    assert.deepEqual(shape(detailTwo), [...later.map((p) => `capture:${p.id}:accepted`), `refund:${first[1]!.id}:accepted`].sort());

    // Exactly once: every capture and refund posting of the day in one item of one run, each settled by one posting.
    const { rows } = await db.execute<{ kind: string; items: number; runs: number; settled: number }>(sql`
      select t.kind, count(i.id)::int as items, count(distinct i.settlement_id)::int as runs,
             count(distinct i.settled_transaction_id)::int as settled
        from ledger_transactions t left join settlement_items i on i.ledger_transaction_id = t.id
       where t.kind in ('capture', 'refund') group by t.kind, t.id having count(i.id) <> 1 or count(distinct i.settled_transaction_id) <> 1`);
    assert.deepEqual(rows, [], 'a capture or refund not settled exactly once');
    const settlementPostings = await db.execute<{ n: number }>(sql`select count(*)::int as n from ledger_transactions where kind = 'settlement'`);
    assert.equal(settlementPostings.rows[0]!.n, 5);
    assert.equal(await accountBalance(db, accounts.pspReceivable('stripe'), 'usd'), 0);
    assert.deepEqual(await unbalancedTransactions(db), []);
    assert.deepEqual(await balanceMismatches(db), []);
  });

  it('a third run with nothing new settles nothing, and the runs of the date are listed in order', async () => {
    const date = today();
    const runThree = await finance.post('/v1/settlements', { date, psp: 'stripe' });
    assert.equal(runThree.status, 200, JSON.stringify(runThree.body));
    const detail = await reconciled(runThree.body.data[0].id);
    assert.deepEqual([detail.id, detail.items.length, detail.batches.length], [`stl_${date.replaceAll('-', '')}_stripe_r3`, 0, 0]);
    const listed = await finance.get(`/v1/settlements?date=${date}&psp=stripe`);
    assert.deepEqual(
      listed.body.data.map((s: { id: string }) => s.id).sort(),
      ['', '_r2', '_r3'].map((suffix) => `stl_${date.replaceAll('-', '')}_stripe${suffix}`),
    );
  });
});
