// 3-D Secure through the HTTP API: the payment answers `requires_action` with the PSP's
// challenge URL; the shopper's visit completes it at the simulated PSP, whose webhook moves the
// payment on. A challenge nobody completes is canceled after the timeout.
import assert from 'node:assert/strict';
import type { HoldfastClient } from '@holdfast/client';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { answered, refused, withId } from '../support/typed-answers';

type Psp = 'stripe' | 'adyen';

describe('3-D Secure payments', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ env: { ACTION_TIMEOUT_SECONDS: '3' } });

  const challenge = async (psp: Psp) =>
    answered(
      await suite.client.POST('/v1/payments', {
        body: {
          amount: 7700,
          currency: 'eur',
          payment_method: 'pm_card_threeDSecure2Required',
          psp,
          return_url: 'https://shop.example/return',
        },
      }),
      201,
    );
  const payment = async (id: string, client: HoldfastClient = suite.client) =>
    answered(await client.GET('/v1/payments/{id}', withId(id)), 200);
  /** Where the payment sends the shopper for the challenge. */
  function challengeUrl(created: { status: string; next_action: { type: string; url: string } | null }): string {
    assert.equal(created.status, 'requires_action');
    assert.equal(created.next_action?.type, 'redirect_to_url');
    return created.next_action.url;
  }

  for (const psp of ['stripe', 'adyen'] as const) {
    it(`${psp}: requires_action until the shopper completes the challenge, then the webhook captures it`, async () => {
      const created = await challenge(psp);
      const visit = await fetch(challengeUrl(created), { redirect: 'manual' });
      assert.equal(visit.status, 302);
      assert.match(visit.headers.get('location') ?? '', /^https:\/\/shop\.example\/return/);
      const done = await eventually('the payment captured after the webhook', async () => {
        const answer = await payment(created.id);
        return answer.status === 'captured' && answer;
      });
      assert.equal(done.next_action, null);
      assert.deepEqual(
        (await suite.sim.payments(created.id)).map((p) => p.authorizations),
        [1],
      );
    });
  }

  describe('the default return_url: a page that shows the shopper the outcome and nothing else', () => {
    // Fetched as the shopper's browser does, with no API key: not through the merchant's client.
    const returnPage = (id: string, search = '') => fetch(`${suite.stack.apiUrl}/payments/${id}/return${search}`, { redirect: 'manual' });
    const outcomeOf = (page: string) => /data-outcome="([a-z-]+)"/.exec(page)?.[1];
    const PRIVATE = { description: 'Order 4711 for Alice', customer: { email: 'alice.private@example.com', name: 'Alice Private' } };

    /** Only what the page may hold: no amount, currency, merchant, customer or description. */
    function assertLeaksNothing(page: string, payment: { amount: number; merchant: string }) {
      for (const secret of [PRIVATE.description, PRIVATE.customer.email, PRIVATE.customer.name, 'Alice', '4711', payment.merchant]) {
        assert.ok(!page.includes(secret), `the page shows ${secret}`);
      }
      assert.ok(!page.includes(String(payment.amount)) && !/77[.,]00|eur|€/i.test(page), 'the page shows the amount');
    }

    function assertStrictHeaders(answer: Response) {
      assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
      const csp = answer.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'none'", "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"]) {
        assert.ok(csp.includes(directive), `CSP ${csp} lacks ${directive}`);
      }
      assert.ok(!/script-src/.test(csp), 'no script is allowed');
      assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(answer.headers.get('referrer-policy'), 'no-referrer');
    }

    for (const psp of ['stripe', 'adyen'] as const) {
      it(`${psp}: the PSP sends the shopper to it, it says processing until the webhook, then succeeded`, async () => {
        const { id: merchant, client } = await suite.stack.merchant();
        const created = answered(
          await client.POST('/v1/payments', {
            body: { amount: 7700, currency: 'eur', payment_method: 'pm_card_threeDSecure2Required', psp, ...PRIVATE },
          }),
          201,
        );
        const url = challengeUrl(created);

        const waiting = await returnPage(created.id);
        assert.equal(waiting.status, 200);
        assertStrictHeaders(waiting);
        const waitingPage = await waiting.text();
        assert.equal(outcomeOf(waitingPage), 'processing');
        assert.match(waitingPage, /<meta http-equiv="refresh" content="\d+">/);
        assertLeaksNothing(waitingPage, { amount: 7700, merchant });

        // The challenge sends the shopper to holdfast's default return URL, the PSP's parameters appended.
        const visit = await fetch(url, { redirect: 'manual' });
        assert.equal(visit.status, 302);
        const location = new URL(visit.headers.get('location') ?? '');
        assert.equal(`${location.origin}${location.pathname}`, `${suite.stack.config.publicUrl}/payments/${created.id}/return`);

        await eventually('the payment captured', async () => (await payment(created.id, client)).status === 'captured');
        // As the shopper's browser asks for it: with the PSP's parameters (Adyen's redirectResult is long).
        const done = await returnPage(created.id, location.search);
        assert.equal(done.status, 200);
        assertStrictHeaders(done);
        const donePage = await done.text();
        assert.equal(outcomeOf(donePage), 'succeeded');
        assert.ok(!donePage.includes('http-equiv="refresh"'), 'a final page does not reload');
        assertLeaksNothing(donePage, { amount: 7700, merchant });
      });
    }

    it('a failed payment shows failed', async () => {
      const declined = answered(
        await suite.client.POST('/v1/payments', {
          body: { amount: 7700, currency: 'eur', payment_method: 'pm_card_chargeDeclined', psp: 'stripe' },
        }),
        201,
      );
      assert.equal(declined.status, 'failed');
      const answer = await returnPage(declined.id);
      assert.equal(answer.status, 200);
      assert.equal(outcomeOf(await answer.text()), 'failed');
    });

    it('an unknown or malformed id is a 404 page that reflects nothing', async () => {
      for (const id of [
        'pay_0000000000000000deadbeef',
        'pay_%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        '%E0%A4%A',
        'PAY_ABC',
        '%00',
        'x'.repeat(300),
      ]) {
        const answer = await returnPage(id);
        assert.equal(answer.status, 404, id);
        assertStrictHeaders(answer);
        const page = await answer.text();
        assert.equal(outcomeOf(page), 'not-found', id);
        assert.ok(!/script|alert|deadbeef|xxx/i.test(page), `${id} is reflected`);
      }
    });

    it('other methods are refused: the page changes nothing', async () => {
      const answer = await fetch(`${suite.stack.apiUrl}/payments/pay_abc/return`, { method: 'POST' });
      assert.equal(answer.status, 405);
    });
  });

  it('confirm asks the PSP when the shopper is back before the webhook', async () => {
    const created = await challenge('stripe');
    const early = answered(await suite.client.POST('/v1/payments/{id}/confirm', { ...withId(created.id), body: {} }), 200);
    assert.equal(early.status, 'requires_action');
  });

  it('a challenge nobody completes is canceled after the timeout', async () => {
    const created = await challenge('stripe');
    const canceled = await eventually('the abandoned payment canceled', async () => {
      const answer = await payment(created.id);
      return answer.status === 'canceled' && answer;
    });
    assert.equal(canceled.next_action, null);
    assert.equal((await suite.sim.payments(created.id))[0]!.status, 'canceled');
    const confirm = refused(await suite.client.POST('/v1/payments/{id}/confirm', { ...withId(created.id), body: {} }), 400);
    assert.equal(confirm.error.code, 'payment_unexpected_state');
  });
});
