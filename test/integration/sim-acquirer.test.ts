// The simulator's acquirer (POST /acquirer/batches) and the fee schedule it shares with the
// PSPs' settlement reports, over real HTTP against real simulated payments.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT } from '../../sim/credentials';
import { settlementFee } from '../../sim/fees';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { simulatorClient } from '../support/simulator-client';

type Kind = 'capture' | 'refund' | 'void';

interface Item {
  id: string;
  kind: Kind;
  reference: string;
  amount: number;
}

/** A well-formed batch file: header, one detail line per item, a trailer that adds up. */
function batchFile(psp: string, currency: string, items: Item[], batchId = `bat_${randomUUID()}`): string {
  const gross = items.reduce((sum, item) => sum + (item.kind === 'capture' ? item.amount : item.kind === 'refund' ? -item.amount : 0), 0);
  return (
    [
      `H,${batchId},${psp},mer_test,${currency},2026-11-21T10:00:00Z`,
      ...items.map((item) => `D,${item.id},${item.kind},${item.reference},${item.amount}`),
      `T,${items.length},${gross}`,
    ].join('\n') + '\n'
  );
}

function item(kind: Kind, reference: string, amount: number): Item {
  return { id: `itm_${randomUUID()}`, kind, reference, amount };
}

describe('the simulated acquirer', () => {
  let sim: RunningSimulator;
  let stripe: Stripe;
  let client: ReturnType<typeof simulatorClient>;

  before(async () => {
    sim = await startSimulator();
    const { port } = new URL(sim.stripeUrl);
    stripe = new Stripe('sk_test_holdfast', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
    client = simulatorClient(sim.url);
  });

  after(async () => {
    await sim.close();
  });

  async function stripePayment(amount: number, currency: string, captureMethod: 'automatic' | 'manual' = 'automatic'): Promise<string> {
    const intent = await stripe.paymentIntents.create({
      amount,
      currency,
      payment_method: 'pm_card_visa',
      confirm: true,
      capture_method: captureMethod,
      metadata: { holdfast_payment_id: `pay_${randomUUID()}` },
    });
    assert.equal(intent.status, captureMethod === 'automatic' ? 'succeeded' : 'requires_capture');
    return intent.id;
  }

  async function adyenPayment(value: number, currency: string): Promise<string> {
    const response = await fetch(`${sim.adyenUrl}/v72/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': SIM_ADYEN_API_KEY },
      body: JSON.stringify({
        merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT,
        amount: { value, currency },
        reference: `pay_${randomUUID()}`,
        returnUrl: 'https://shop.example/return',
        paymentMethod: { type: 'scheme', storedPaymentMethodId: 'pm_card_visa' },
        shopperReference: 'shopper_acquirer_test',
        recurringProcessingModel: 'CardOnFile',
      }),
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { pspReference: string }).pspReference;
  }

  describe('fee schedule', () => {
    it('charges a percentage rounded half up plus a fixed part that follows the currency exponent', () => {
      // 1000 minor units: Stripe 2.9 % = 29, Adyen 0.6 % = 6; fixed 30 (USD), 0 (JPY), 300 (KWD).
      assert.equal(settlementFee('stripe', 'capture', 'usd', 1000), 59);
      assert.equal(settlementFee('adyen', 'capture', 'usd', 1000), 36);
      assert.equal(settlementFee('stripe', 'capture', 'jpy', 1000), 29);
      assert.equal(settlementFee('adyen', 'capture', 'jpy', 1000), 6);
      assert.equal(settlementFee('stripe', 'capture', 'kwd', 1000), 329);
      assert.equal(settlementFee('adyen', 'capture', 'kwd', 1000), 306);
      // Exactly half a minor unit rounds up: 500 × 2.9 % = 14.5, 1250 × 0.6 % = 7.5.
      assert.equal(settlementFee('stripe', 'capture', 'usd', 500), 45);
      assert.equal(settlementFee('adyen', 'capture', 'eur', 1250), 38);
    });

    it('stays exact for amounts where float arithmetic would round wrong', () => {
      // floor(x × 290 / 10000 + 0.5) in doubles gives 261208778387488 here.
      assert.equal(settlementFee('stripe', 'capture', 'usd', 9_007_199_254_740_948), 261_208_778_387_487 + 30);
    });

    it('charges nothing for refunds and voids', () => {
      for (const psp of ['stripe', 'adyen'] as const) {
        assert.equal(settlementFee(psp, 'refund', 'usd', 1000), 0);
        assert.equal(settlementFee(psp, 'void', 'kwd', 1000), 0);
      }
    });
  });

  it('accepts items the PSP knows with their fee, and rejects unknown references and over-captures', async () => {
    const captured = await stripePayment(5000, 'usd');
    const smaller = await stripePayment(3000, 'usd');
    const authorizedOnly = await stripePayment(700, 'usd', 'manual');
    const items = [
      item('capture', captured, 5000),
      item('refund', captured, 1200),
      item('capture', smaller, 3001),
      item('capture', `pi_unknown_${randomUUID()}`, 100),
      item('void', authorizedOnly, 700),
    ];
    const batchId = `bat_${randomUUID()}`;

    const answer = await client.submitBatch(batchFile('stripe', 'usd', items, batchId), randomUUID());

    assert.equal(answer.status, 200);
    assert.equal(answer.body.batch_id, batchId);
    assert.ok(Math.abs(Date.parse(answer.body.received_at) - Date.now()) < 60_000, 'received_at is an ISO instant of now');
    assert.deepEqual(answer.body.items, [
      { item_id: items[0]!.id, status: 'accepted', fee: 175 },
      { item_id: items[1]!.id, status: 'accepted', fee: 0 },
      { item_id: items[2]!.id, status: 'rejected', reason: 'amount_mismatch', retryable: false },
      { item_id: items[3]!.id, status: 'rejected', reason: 'unknown_reference', retryable: false },
      { item_id: items[4]!.id, status: 'accepted', fee: 0 },
    ]);
  });

  it("checks Adyen items against the Adyen face's payments, with Adyen's fees", async () => {
    const eur = await adyenPayment(1000, 'EUR');
    const items = [item('capture', eur, 1000), item('capture', eur, 1001)];

    const answer = await client.submitBatch(batchFile('adyen', 'eur', items), randomUUID());

    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.items, [
      { item_id: items[0]!.id, status: 'accepted', fee: settlementFee('adyen', 'capture', 'eur', 1000) },
      { item_id: items[1]!.id, status: 'rejected', reason: 'amount_mismatch', retryable: false },
    ]);
    assert.equal(answer.body.items[0].fee, 36);
  });

  it('replays the first answer byte for byte under the same key, without evaluating the file again', async () => {
    const reference = await stripePayment(2500, 'usd');
    const file = batchFile('stripe', 'usd', [item('capture', reference, 2500)]);
    const key = randomUUID();
    const first = await client.submitBatch(file, key);
    assert.equal(first.body.items[0].status, 'accepted');

    // Pending after the first answer: a replay must not use it up.
    await client.acquirerReject(reference, false);
    const replay = await client.submitBatch(file, key);

    assert.equal(replay.status, 200);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    const underNewKey = await client.submitBatch(file, randomUUID());
    assert.equal(underNewKey.body.items[0].reason, 'account_closed', 'the rejection was still pending after the replay');
  });

  it('refuses another file under a key already used, with 409', async () => {
    const reference = await stripePayment(2500, 'usd');
    const key = randomUUID();
    const first = await client.submitBatch(batchFile('stripe', 'usd', [item('capture', reference, 2500)]), key);
    assert.equal(first.status, 200);

    const reused = await client.submitBatch(batchFile('stripe', 'usd', [item('capture', reference, 2400)]), key);

    assert.equal(reused.status, 409);
    assert.equal(reused.body.error.code, 'idempotency_key_reused');
    const received = (await client.acquirerBatches()).filter((batch) => batch.idempotency_key === key);
    assert.deepEqual(
      received.map((batch) => batch.status),
      [200, 409],
    );
    assert.match(received[1]!.body ?? '', /,2400\n/);
    assert.deepEqual(received[0]!.response, first.body);
  });

  it('requires an Idempotency-Key and a text/csv body', async () => {
    const file = batchFile('stripe', 'usd', [item('void', 'pi_whatever', 1)]);
    const withoutKey = await client.submitBatch(file, null);
    assert.equal(withoutKey.status, 400);
    assert.equal(withoutKey.body.error.code, 'idempotency_key_required');

    const asJson = await fetch(`${sim.url}/acquirer/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ file }),
    });
    assert.equal(asJson.status, 415);
  });

  describe('malformed files', () => {
    const header = 'H,bat_1,stripe,mer_test,usd,2026-11-21T10:00:00Z';
    const cases: Array<{ name: string; file: string; line: number; mentions: RegExp }> = [
      { name: 'an unknown record type', file: `${header}\nX,itm_1,capture,pi_1,100\nT,1,100\n`, line: 2, mentions: /record type/ },
      { name: 'a detail line with a field missing', file: `${header}\nD,itm_1,capture,100\nT,1,100\n`, line: 2, mentions: /fields/ },
      { name: 'a header with a field too many', file: `${header},extra\nD,itm_1,capture,pi_1,100\nT,1,100\n`, line: 1, mentions: /fields/ },
      { name: 'a trailer that miscounts the items', file: `${header}\nD,itm_1,capture,pi_1,100\nT,2,100\n`, line: 3, mentions: /counts/ },
      {
        name: "a trailer whose gross is not the items' sum",
        file: `${header}\nD,itm_1,capture,pi_1,100\nD,itm_2,refund,pi_1,30\nT,2,130\n`,
        line: 4,
        mentions: /gross/,
      },
      { name: 'an unknown psp', file: `H,bat_1,paypal,mer_test,usd,2026-11-21T10:00:00Z\nT,0,0\n`, line: 1, mentions: /psp/ },
      { name: 'a decimal amount', file: `${header}\nD,itm_1,capture,pi_1,12.50\nT,1,12.50\n`, line: 2, mentions: /amount/ },
      { name: 'a zero amount', file: `${header}\nD,itm_1,capture,pi_1,0\nT,1,0\n`, line: 2, mentions: /amount/ },
      { name: 'a negative amount', file: `${header}\nD,itm_1,refund,pi_1,-5\nT,1,5\n`, line: 2, mentions: /amount/ },
      { name: 'an unknown kind', file: `${header}\nD,itm_1,chargeback,pi_1,5\nT,1,0\n`, line: 2, mentions: /kind/ },
      { name: 'no trailer', file: `${header}\nD,itm_1,capture,pi_1,100\n`, line: 3, mentions: /trailer/ },
      { name: 'a detail line after the trailer', file: `${header}\nT,0,0\nD,itm_1,capture,pi_1,100\n`, line: 2, mentions: /last line/ },
    ];

    for (const { name, file, line, mentions } of cases) {
      it(`refuses ${name}, naming line ${line}`, async () => {
        const answer = await client.submitBatch(file, randomUUID());
        assert.equal(answer.status, 400);
        assert.equal(answer.body.error.code, 'invalid_batch_file');
        assert.equal(answer.body.error.line, line);
        assert.match(answer.body.error.message, mentions);
      });
    }

    it('keeps nothing under the key of a refused file, so the corrected file can use it', async () => {
      const reference = await stripePayment(900, 'usd');
      const key = randomUUID();
      const refused = await client.submitBatch(`${header}\nD,itm_1,capture,${reference},900\nT,1,901\n`, key);
      assert.equal(refused.status, 400);

      const corrected = await client.submitBatch(`${header}\nD,itm_1,capture,${reference},900\nT,1,900\n`, key);

      assert.equal(corrected.status, 200);
      assert.deepEqual(corrected.body.items, [
        { item_id: 'itm_1', status: 'accepted', fee: settlementFee('stripe', 'capture', 'usd', 900) },
      ]);
    });
  });

  describe('injected rejections (acquirer_reject)', () => {
    it('rejects the next `times` submissions as retryable, then accepts', async () => {
      const reference = await stripePayment(4000, 'usd');
      await client.acquirerReject(reference, true, 2);
      const submit = async () =>
        (await client.submitBatch(batchFile('stripe', 'usd', [item('capture', reference, 4000)]), randomUUID())).body.items[0];

      const first = await submit();
      const second = await submit();
      const third = await submit();

      assert.deepEqual([first.status, first.reason, first.retryable], ['rejected', 'issuer_unavailable', true]);
      assert.deepEqual([second.status, second.reason, second.retryable], ['rejected', 'issuer_unavailable', true]);
      assert.deepEqual([third.status, third.fee], ['accepted', settlementFee('stripe', 'capture', 'usd', 4000)]);
    });

    it('rejects permanently once by default, and only items with that reference', async () => {
      const target = await adyenPayment(2000, 'EUR');
      const bystander = await adyenPayment(2000, 'EUR');
      await client.acquirerReject(target, false);
      const file = () => batchFile('adyen', 'eur', [item('capture', target, 2000), item('capture', bystander, 2000)]);

      const first = (await client.submitBatch(file(), randomUUID())).body.items;
      const second = (await client.submitBatch(file(), randomUUID())).body.items;

      assert.deepEqual([first[0].status, first[0].reason, first[0].retryable], ['rejected', 'account_closed', false]);
      assert.equal(first[1].status, 'accepted');
      assert.equal(second[0].status, 'accepted');
    });
  });

  it('lists every batch it received with its key, file and answer', async () => {
    const reference = await stripePayment(1500, 'usd');
    const key = randomUUID();
    const file = batchFile('stripe', 'usd', [item('capture', reference, 1500)]);
    const answer = await client.submitBatch(file, key);

    const received = (await client.acquirerBatches()).filter((batch) => batch.idempotency_key === key);

    assert.deepEqual(received, [{ idempotency_key: key, body: file, status: 200, response: answer.body }]);
  });
});
