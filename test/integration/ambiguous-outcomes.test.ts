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

describe('ambiguous PSP outcomes', function () {
  this.timeout(120_000);
  // A short client timeout makes the held response an ambiguous outcome quickly.
  const suite = stackForSuite({ env: { PSP_TIMEOUT_MS: '1000', OUTCOME_UNKNOWN_DEADLINE_SECONDS: '2' } });

  for (const psp of ['stripe', 'adyen'] as const) {
    it(`${psp}: shows psp_outcome_unknown, then resolves to the one authorization the PSP made`, async () => {
      const created = await suite.api.post('/v1/payments', {
        amount: 3100,
        currency: 'usd',
        payment_method: 'pm_sim_ambiguous',
        capture_method: 'manual',
        psp,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.status, 'processing');
      assert.equal(created.body.status_reason, 'psp_outcome_unknown');
      // Sent while unknown: waits behind the resolution instead of racing it.
      const capture = suite.api.post(`/v1/payments/${created.body.id}/capture`, {});
      const answered = await capture;
      assert.equal(answered.status, 200, JSON.stringify(answered.body));
      // Adyen confirms a capture by notification: the request answers it pending at once.
      assert.deepEqual(
        [answered.body.status, answered.body.status_reason],
        psp === 'adyen' ? ['authorized', 'capture_pending'] : ['captured', null],
      );
      const captured = await eventually('the capture confirmed', async () => {
        const payment = await suite.api.get(`/v1/payments/${created.body.id}`);
        return payment.body.status === 'captured' && payment;
      });
      assert.equal(captured.body.status_reason, null);
      const atPsp = await suite.sim.payments(created.body.id);
      assert.deepEqual(
        atPsp.map((p) => [p.psp, p.authorizations]),
        [[psp, 1]],
      );
      const ledger = await suite.api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
      assert.deepEqual(
        ledger.body.data.map((t: { kind: string }) => t.kind),
        ['authorization_hold', 'capture'],
      );
      assert.deepEqual(await unbalancedTransactions(suite.stack.db), []);
    });
  }

  it('past the deadline an unresolved payment lands on the exceptions list, and leaves it once resolved', async () => {
    await suite.sim.control({ action: 'psp_down', psp: 'stripe', mode: '503' });
    try {
      const created = await suite.api.post('/v1/payments', { amount: 900, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
      assert.equal(created.body.status_reason, 'psp_outcome_unknown');
      const raised = await eventually('the exception raised', async () => {
        const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.paymentId, created.body.id));
        return row?.status === 'open' && row;
      }, 60_000);
      assert.equal(raised.kind, 'psp_outcome_unknown');
      assert.equal((raised.context as { psp: string }).psp, 'stripe');
      const listed = await suite.api.get('/v1/exceptions?status=open&kind=psp_outcome_unknown');
      assert.equal(listed.status, 200);
      assert.ok(listed.body.data.some((e: { payment: string }) => e.payment === created.body.id));
      await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
      await eventually('the payment resolved and the exception closed', async () => {
        const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.paymentId, created.body.id));
        const payment = await suite.api.get(`/v1/payments/${created.body.id}`);
        return row?.status === 'resolved' && payment.body.status === 'captured';
      }, 90_000);
    } finally {
      await suite.sim.control({ action: 'psp_up', psp: 'stripe' });
    }
  });
});
