// 3-D Secure through the HTTP API: the payment answers `requires_action` with the PSP's
// challenge URL; the shopper's visit completes it at the simulated PSP, whose webhook moves the
// payment on. A challenge nobody completes is canceled after the timeout.
import assert from 'node:assert/strict';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';

describe('3-D Secure payments', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ env: { ACTION_TIMEOUT_SECONDS: '3' } });

  const challenge = (psp: string) =>
    suite.api.post('/v1/payments', {
      amount: 7700,
      currency: 'eur',
      payment_method: 'pm_card_threeDSecure2Required',
      psp,
      return_url: 'https://shop.example/return',
    });

  for (const psp of ['stripe', 'adyen']) {
    it(`${psp}: requires_action until the shopper completes the challenge, then the webhook captures it`, async () => {
      const created = await challenge(psp);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.status, 'requires_action');
      assert.equal(created.body.next_action.type, 'redirect_to_url');
      const visit = await fetch(created.body.next_action.url, { redirect: 'manual' });
      assert.equal(visit.status, 302);
      assert.match(visit.headers.get('location') ?? '', /^https:\/\/shop\.example\/return/);
      const done = await eventually('the payment captured after the webhook', async () => {
        const answer = await suite.api.get(`/v1/payments/${created.body.id}`);
        return answer.body.status === 'captured' && answer.body;
      });
      assert.equal(done.next_action, null);
      assert.deepEqual(
        (await suite.sim.payments(created.body.id)).map((p) => p.authorizations),
        [1],
      );
    });
  }

  it('confirm asks the PSP when the shopper is back before the webhook', async () => {
    const created = await challenge('stripe');
    const early = await suite.api.post(`/v1/payments/${created.body.id}/confirm`, {});
    assert.equal(early.status, 200, JSON.stringify(early.body));
    assert.equal(early.body.status, 'requires_action');
  });

  it('a challenge nobody completes is canceled after the timeout', async () => {
    const created = await challenge('stripe');
    const canceled = await eventually('the abandoned payment canceled', async () => {
      const answer = await suite.api.get(`/v1/payments/${created.body.id}`);
      return answer.body.status === 'canceled' && answer.body;
    });
    assert.equal(canceled.next_action, null);
    assert.equal((await suite.sim.payments(created.body.id))[0]!.status, 'canceled');
    const confirm = await suite.api.post(`/v1/payments/${created.body.id}/confirm`, {});
    assert.equal(confirm.status, 400);
    assert.equal(confirm.body.error.code, 'payment_unexpected_state');
  });
});
