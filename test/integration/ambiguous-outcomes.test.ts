// Ambiguous authorizations through the HTTP API (Kill Bill's "unknown" state): the simulated
// PSP commits `pm_sim_ambiguous` but never answers. The payment shows `processing` with
// `psp_outcome_unknown` until a lookup (or the PSP's webhook) tells; a capture asked for
// meanwhile waits behind the resolution; the PSP authorized exactly once.
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { unbalancedTransactions } from '../../db/queries/ledger';
import { exceptions } from '../../db/schema';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

describe('ambiguous PSP outcomes', function () {
  this.timeout(120_000);
  // A short client timeout makes the held response an ambiguous outcome quickly.
  const suite = stackForSuite({ env: { PSP_TIMEOUT_MS: '1000', OUTCOME_UNKNOWN_DEADLINE_SECONDS: '2' } });
  const paymentOf = async (id: string) => answered(await suite.client.GET('/v1/payments/{id}', withId(id)), 200);

  for (const psp of ['stripe', 'adyen'] as const) {
    it(`${psp}: shows psp_outcome_unknown, then resolves to the one authorization the PSP made`, async () => {
      const created = answered(
        await suite.client.POST('/v1/payments', {
          body: { amount: 3100, currency: 'usd', payment_method: 'pm_sim_ambiguous', capture_method: 'manual', psp },
        }),
        201,
      );
      assert.equal(created.status, 'processing');
      assert.equal(created.status_reason, 'psp_outcome_unknown');
      // Sent while unknown: waits behind the resolution instead of racing it.
      const capture = answered(await suite.client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: {} }), 200);
      // Adyen confirms a capture by notification: the request answers it pending at once.
      assert.deepEqual([capture.status, capture.status_reason], psp === 'adyen' ? ['authorized', 'capture_pending'] : ['captured', null]);
      const captured = await eventually('the capture confirmed', async () => {
        const payment = await paymentOf(created.id);
        return payment.status === 'captured' && payment;
      });
      assert.equal(captured.status_reason, null);
      const atPsp = await suite.sim.payments(created.id);
      assert.deepEqual(
        atPsp.map((p) => [p.psp, p.authorizations]),
        [[psp, 1]],
      );
      const ledger = answered(await suite.client.GET('/v1/ledger/transactions', { params: { query: { payment: created.id } } }), 200);
      assert.deepEqual(
        ledger.data.map((t) => t.kind),
        ['authorization_hold', 'capture'],
      );
      assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
    });
  }

  it('past the deadline an unresolved payment lands on the exceptions list, and leaves it once resolved', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: '503' });
    try {
      const created = answered(
        await suite.client.POST('/v1/payments', { body: { amount: 900, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' } }),
        201,
      );
      assert.equal(created.status_reason, 'psp_outcome_unknown');
      const raised = await eventually(
        'the exception raised',
        async () => {
          const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.paymentId, created.id));
          return row?.status === 'open' && row;
        },
        60_000,
      );
      assert.equal(raised.kind, 'psp_outcome_unknown');
      assert.equal((raised.context as { psp: string }).psp, 'stripe');
      const listed = answered(
        await suite.client.GET('/v1/exceptions', { params: { query: { status: 'open', kind: 'psp_outcome_unknown' } } }),
        200,
      );
      assert.ok(listed.data.some((e) => e.payment === created.id));
      await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
      await eventually(
        'the payment resolved and the exception closed',
        async () => {
          const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.paymentId, created.id));
          const payment = await paymentOf(created.id);
          return row?.status === 'resolved' && payment.status === 'captured';
        },
        90_000,
      );
    } finally {
      await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
    }
  });
});
