// The risk check before authorization, and the merchant's webhooks about what happened to a
// payment, both through the HTTP API with the simulator's risk service.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

describe('risk check and merchant webhooks', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ env: { RISK_FALLBACK_MAX_AMOUNT: '5000', RISK_TIMEOUT_MS: '500' } });

  const pay = async (amount: number, email: string) =>
    answered(
      await suite.client.POST('/v1/payments', { body: { amount, currency: 'usd', payment_method: 'pm_card_visa', customer: { email } } }),
      201,
    );

  it('a blocked customer fails with risk_blocked and never reaches a PSP', async () => {
    const created = await pay(2000, 'mallory@risk-block.test');
    assert.equal(created.status, 'failed');
    assert.equal(created.failure_code, 'risk_blocked');
    assert.deepEqual(await suite.sim.payments(created.id), []);
  });

  it('with the risk service down, small payments proceed and large ones fail risk_unavailable', async () => {
    await suite.sim.control({ action: 'risk_down' });
    try {
      const small = await pay(4000, 'alice@example.com');
      assert.equal(small.status, 'captured');
      const large = await pay(6000, 'bob@example.com');
      assert.equal(large.status, 'failed');
      assert.equal(large.failure_code, 'risk_unavailable');
    } finally {
      await suite.sim.control({ action: 'risk_up' });
    }
  });

  describe('merchant webhooks', () => {
    let receiver: Server;
    const received: Array<{ signature: string; body: string }> = [];
    let url: string;

    before(async () => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          received.push({ signature: String(req.headers['holdfast-signature'] ?? ''), body });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    });
    after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it("delivers a payment's events in order, signed with the endpoint's secret", async () => {
      const { client } = suite;
      const endpoint = answered(await client.POST('/v1/webhook_endpoints', { body: { url, events: ['*'] } }), 201);
      const created = answered(
        await client.POST('/v1/payments', {
          body: { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual' },
        }),
        201,
      );
      answered(await client.POST('/v1/payments/{id}/capture', { ...withId(created.id), body: {} }), 200);
      const refund = answered(await client.POST('/v1/payments/{id}/refunds', { ...withId(created.id), body: { amount: 500 } }), 201);
      assert.equal(refund.status, 'succeeded');
      const mine = () =>
        received
          .map((r) => ({ ...r, event: JSON.parse(r.body) as { type: string; data: { object: { id: string; payment?: string } } } }))
          .filter((r) => r.event.data.object.id === created.id || r.event.data.object.payment === created.id);
      await eventually('three events delivered', async () => mine().length >= 3);
      assert.deepEqual(
        mine().map((r) => r.event.type),
        ['payment.authorized', 'payment.captured', 'refund.succeeded'],
      );
      for (const delivery of mine()) {
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(delivery.signature) ?? [];
        assert.ok(t && v1, delivery.signature);
        assert.equal(v1, createHmac('sha256', endpoint.secret).update(`${t}.${delivery.body}`).digest('hex'));
      }
      const events = answered(await client.GET('/v1/events', { params: { query: { payment: created.id } } }), 200);
      assert.equal(events.data.length, 3);
    });
  });
});
