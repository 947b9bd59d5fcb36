// What a signed PSP webhook may do, through the real stack: a deployment believes only the
// PSPs it is configured for, and each event only about the object it truly names — its PSP,
// and its reference there. Everything signed is acknowledged and recorded with what became
// of it; nothing that does not match is signalled.
import assert from 'node:assert/strict';
import type { HoldfastClient, RequestQuery } from '@holdfast/client';
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { pspEvents, refunds } from '../../db/schema';
import { eventually } from '../support/eventually';
import { capturedPayment, createSeller } from '../support/marketplace';
import { financeClient, settle, today } from '../support/settlement';
import { answered, withId } from '../support/typed-answers';
import { postAdyenItems, postStripeEvent, signedAdyenItem, stripeEventBody } from '../support/signed-webhooks';
import { stackForSuite, type TestStack } from '../support/stack';

async function storedEvent(stack: TestStack, psp: string, eventId: string) {
  const [row] = await stack.db
    .select()
    .from(pspEvents)
    .where(and(eq(pspEvents.psp, psp), eq(pspEvents.eventId, eventId)));
  return row;
}

/** Finance's exceptions queue; `context` is open in the document, and these kinds carry these. */
async function financeQueue(finance: HoldfastClient, query: RequestQuery<'/v1/reconciliation/exceptions', 'get'>) {
  const { data } = answered(await finance.GET('/v1/reconciliation/exceptions', { params: { query } }), 200);
  return data.map((e) => ({ ...e, context: e.context as { eventId?: string; reason?: string } }));
}

/** The merchant's exceptions of a kind; `context` is open in the document, and these kinds carry these. */
async function merchantExceptions(client: HoldfastClient, query: RequestQuery<'/v1/exceptions', 'get'>) {
  const { data } = answered(await client.GET('/v1/exceptions', { params: { query } }), 200);
  return data.map((e) => ({
    ...e,
    context: e.context as { event?: { psp: string }; objectPsp?: string; status?: string; amount?: number },
  }));
}

describe('a Stripe-only deployment', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ psps: ['stripe'] });

  it('refuses an Adyen notification signed with the simulator’s published key, and stores nothing', async () => {
    const { stack } = suite;
    const [before] = await stack.db.select({ n: count() }).from(pspEvents);
    const answer = await postAdyenItems(stack.apiUrl, [
      signedAdyenItem({
        eventCode: 'AUTHORISATION',
        pspReference: `PSP${Date.now()}`,
        merchantReference: 'pay_forged',
        amount: { value: 1000, currency: 'EUR' },
        success: true,
      }),
    ]);
    assert.equal(answer.status, 400);
    const body = (await answer.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'webhook_not_configured');
    const [after] = await stack.db.select({ n: count() }).from(pspEvents);
    assert.equal(after!.n, before!.n);
    // And the PSP is not offered to merchants either.
    const psps = answered(await suite.client.GET('/v1/psps'), 200);
    assert.deepEqual(
      psps.data.map((p) => [p.psp, p.configured]),
      [
        ['stripe', true],
        ['adyen', false],
      ],
    );
  });
});

describe('PSP events checked against what they name', function () {
  this.timeout(180_000);
  const suite = stackForSuite();

  it('a Stripe event saying an Adyen payment was captured is rejected and raised as a possible orphaned charge', async () => {
    const { stack, client } = suite;
    const payment = await capturedPayment(client, { amount: 2_500, currency: 'eur', psp: 'adyen' });
    const { id, body } = stripeEventBody('payment_intent.succeeded', {
      id: `pi_${randomUUID().replace(/-/g, '')}`,
      object: 'payment_intent',
      amount: 2_500,
      amount_capturable: 0,
      amount_received: 2_500,
      currency: 'eur',
      status: 'succeeded',
      metadata: { holdfast_payment_id: payment.id },
    });
    const answer = await postStripeEvent(stack.apiUrl, body);
    assert.equal(answer.status, 200, 'acknowledged, so Stripe does not resend it');
    const exceptions = await merchantExceptions(client, { kind: 'possible_orphaned_charge' });
    const raised = exceptions.find((e) => e.payment === payment.id);
    assert.ok(raised, 'the merchant sees it on its exceptions list');
    assert.equal(raised.context.event?.psp, 'stripe');
    assert.equal(raised.context.objectPsp, 'adyen');
    const finance = await financeClient(stack);
    const queue = await financeQueue(finance, { kind: 'possible_orphaned_charge' });
    assert.ok(
      queue.some((e) => e.id === raised.id),
      'and so does finance',
    );
    const after = answered(await client.GET('/v1/payments/{id}', withId(payment.id)), 200);
    assert.equal(after.psp, 'adyen');
    assert.equal(after.amount_captured, 2_500);
    const row = await storedEvent(stack, 'stripe', id);
    assert.equal(row?.status, 'rejected');
    assert.equal(row?.reason, 'psp_mismatch');
  });

  it('a dispute naming another merchant’s payment by merchantReference is rejected, and opens nothing', async () => {
    const { stack, client } = suite;
    const victim = await stack.merchant();
    const theirs = await capturedPayment(victim.client, { amount: 4_000, currency: 'eur', psp: 'adyen' });
    const ours = await capturedPayment(client, { amount: 4_000, currency: 'eur', psp: 'adyen' });
    const item = signedAdyenItem({
      eventCode: 'NOTIFICATION_OF_CHARGEBACK',
      pspReference: `CB${Date.now()}`,
      originalReference: ours.psp_reference!,
      merchantReference: theirs.id,
      amount: { value: 4_000, currency: 'EUR' },
      success: true,
      additionalData: { chargebackReasonCode: '10.4', defensePeriodEndsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    const answer = await postAdyenItems(stack.apiUrl, [item]);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), '[accepted]');
    const row = await storedEvent(stack, 'adyen', `NOTIFICATION_OF_CHARGEBACK:${item.pspReference}:true`);
    assert.equal(row?.status, 'rejected');
    assert.equal(row?.reason, 'psp_reference_mismatch');
    const disputes = answered(await victim.client.GET('/v1/disputes', { params: { query: { payment: theirs.id } } }), 200);
    assert.deepEqual(disputes.data, []);
    const balance = answered(await victim.client.GET('/v1/balance'), 200);
    assert.deepEqual(
      balance.reserved.filter((r) => r.amount !== 0),
      [],
      'nothing of theirs held',
    );
  });

  it('a payout in transit at Stripe ignores a failure event from Adyen, and is paid by Stripe’s', async () => {
    const { stack, client } = suite;
    const seller = await createSeller(client);
    await capturedPayment(client, { amount: 3_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 2_000 }] });
    await settle(await financeClient(stack), { date: today() });
    // The simulator's own payout.paid would settle it at once: hold it back, and send ours.
    stack.sim.setWebhookTarget(undefined);
    let payout;
    try {
      const created = answered(await client.POST('/v1/payouts', { body: { seller, amount: 2_000, currency: 'usd' } }), 201);
      payout = await eventually('the payout in transit', async () => {
        const current = answered(await client.GET('/v1/payouts/{id}', withId(created.id)), 200);
        return current.status === 'in_transit' && current;
      });
    } finally {
      stack.sim.setWebhookTarget(stack.apiUrl);
    }
    assert.equal(payout.psp, 'stripe');
    // Adyen "failing" the payout, down to its reference at Stripe.
    const foreign = signedAdyenItem({
      eventCode: 'PAYOUT_THIRDPARTY',
      pspReference: payout.psp_reference!,
      merchantReference: payout.id,
      amount: { value: 2_000, currency: 'USD' },
      success: false,
      reason: 'account_closed',
    });
    assert.equal((await postAdyenItems(stack.apiUrl, [foreign])).status, 200);

    const paid = stripeEventBody('payout.paid', {
      id: payout.psp_reference,
      object: 'payout',
      amount: 2_000,
      currency: 'usd',
      status: 'paid',
      metadata: { holdfast_payout: payout.id, holdfast_seller: seller },
    });
    assert.equal((await postStripeEvent(stack.apiUrl, paid.body)).status, 200);
    const settled = await eventually('the payout paid', async () => {
      const current = answered(await client.GET('/v1/payouts/{id}', withId(payout.id)), 200);
      return current.status !== 'in_transit' && current;
    });
    assert.equal(settled.status, 'paid');
    const row = await storedEvent(stack, 'adyen', `PAYOUT_THIRDPARTY:${payout.psp_reference}:false`);
    assert.equal(row?.status, 'rejected');
    assert.equal(row?.reason, 'psp_mismatch');
    assert.equal((await storedEvent(stack, 'stripe', paid.id))?.status, 'processed');
  });

  it('an event type holdfast does not handle is acknowledged and recorded as ignored', async () => {
    const { stack } = suite;
    const { id, body } = stripeEventBody('customer.created', { id: 'cus_123', object: 'customer' });
    const answer = await postStripeEvent(stack.apiUrl, body);
    assert.equal(answer.status, 200);
    const row = await storedEvent(stack, 'stripe', id);
    assert.equal(row?.status, 'ignored');
    assert.equal(row?.kind, 'customer.created');

    const item = signedAdyenItem({
      eventCode: 'REPORT_AVAILABLE',
      pspReference: `REPORT${Date.now()}`,
      merchantReference: '',
      amount: { value: 0, currency: 'EUR' },
      success: true,
    });
    assert.equal((await postAdyenItems(stack.apiUrl, [item])).status, 200);
    assert.equal((await storedEvent(stack, 'adyen', `REPORT_AVAILABLE:${item.pspReference}:true`))?.status, 'ignored');
  });

  it('a signed event of a handled type that cannot be read is stored as unprocessable, acknowledged, and raised; the rest of its batch still counts', async () => {
    const { stack, client } = suite;
    const payment = await capturedPayment(client, { amount: 1_500, currency: 'eur', psp: 'adyen' });
    // A REFUND that names no payment (no originalReference) cannot be mapped.
    const unreadable = signedAdyenItem({
      eventCode: 'REFUND',
      pspReference: `RF${Date.now()}`,
      merchantReference: 're_unknown',
      amount: { value: 500, currency: 'EUR' },
      success: true,
    });
    // Beside it, a late AUTHORISATION of a real payment, which is processed.
    const readable = signedAdyenItem({
      eventCode: 'AUTHORISATION',
      pspReference: payment.psp_reference!,
      merchantReference: payment.id,
      amount: { value: 1_500, currency: 'EUR' },
      success: true,
    });
    const answer = await postAdyenItems(stack.apiUrl, [unreadable, readable]);
    assert.equal(answer.status, 200);
    const row = await storedEvent(stack, 'adyen', `REFUND:${unreadable.pspReference}:true`);
    assert.equal(row?.status, 'unprocessable');
    assert.match(row?.reason ?? '', /originalReference/);
    assert.equal((await storedEvent(stack, 'adyen', `AUTHORISATION:${payment.psp_reference}:true`))?.status, 'processed');
    const finance = await financeClient(stack);
    const queue = await financeQueue(finance, { kind: 'psp_event_unprocessable' });
    const raised = queue.find((e) => e.context.eventId === `REFUND:${unreadable.pspReference}:true`);
    assert.ok(raised, 'on the exceptions queue');
    // Adyen resends it: acknowledged again, still one exception.
    assert.equal((await postAdyenItems(stack.apiUrl, [unreadable])).status, 200);
    const again = await financeQueue(finance, { kind: 'psp_event_unprocessable' });
    assert.equal(again.filter((e) => e.context.eventId === raised.context.eventId).length, 1);
  });
  it('a signed event holding text Postgres cannot store is set aside as unprocessable and acknowledged; the rest of its batch still counts', async () => {
    const { stack, client } = suite;
    const payment = await capturedPayment(client, { amount: 1_700, currency: 'eur', psp: 'adyen' });
    const poisoned = signedAdyenItem({
      eventCode: 'AUTHORISATION',
      pspReference: `PSN${Date.now()}`,
      merchantReference: 'pay_\u0000',
      amount: { value: 1_700, currency: 'EUR' },
      success: true,
    });
    const readable = signedAdyenItem({
      eventCode: 'AUTHORISATION',
      pspReference: payment.psp_reference!,
      merchantReference: payment.id,
      amount: { value: 1_700, currency: 'EUR' },
      success: true,
    });
    // Before: 500 on every delivery, and the readable item behind it was never stored.
    const answer = await postAdyenItems(stack.apiUrl, [poisoned, readable]);
    assert.equal(answer.status, 200, await answer.text());
    assert.equal((await storedEvent(stack, 'adyen', `AUTHORISATION:${payment.psp_reference}:true`))?.status, 'processed');
    const finance = await financeClient(stack);
    const queue = await financeQueue(finance, { kind: 'psp_event_unprocessable', limit: 100 });
    const raised = queue.filter((e) => /merchantReference/.test(e.context.reason ?? ''));
    assert.equal(raised.length, 1, JSON.stringify(queue));
    // Adyen resends the batch: acknowledged again, still one exception.
    assert.equal((await postAdyenItems(stack.apiUrl, [poisoned, readable])).status, 200);
    const again = await financeQueue(finance, { kind: 'psp_event_unprocessable', limit: 100 });
    assert.equal(again.filter((e) => /merchantReference/.test(e.context.reason ?? '')).length, 1);
  });
  it('a capture the PSP reports for a payment holdfast canceled or saw fail is raised for a person (the books say no money moved)', async () => {
    const { stack, client } = suite;
    const getPayment = async (id: string) => answered(await client.GET('/v1/payments/{id}', withId(id)), 200);
    const created = answered(
      await client.POST('/v1/payments', {
        body: { amount: 3_100, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual' },
      }),
      201,
    );
    answered(await client.POST('/v1/payments/{id}/cancel', { ...withId(created.id), body: {} }), 200);
    await eventually('the payment is canceled', async () => (await getPayment(created.id)).status === 'canceled' || undefined);
    const declined = await client.POST('/v1/payments', {
      body: { amount: 3_200, currency: 'usd', payment_method: 'pm_card_chargeDeclined' },
    });
    assert.equal(declined.data?.status, 'failed', JSON.stringify(declined.data ?? declined.error));

    for (const payment of [await getPayment(created.id), declined.data]) {
      const { id: eventId, body } = stripeEventBody('payment_intent.succeeded', {
        id: payment.psp_reference ?? `pi_${randomUUID().replace(/-/g, '')}`,
        object: 'payment_intent',
        amount: payment.amount,
        amount_capturable: 0,
        amount_received: payment.amount,
        currency: 'usd',
        status: 'succeeded',
        metadata: { holdfast_payment_id: payment.id },
      });
      assert.equal((await postStripeEvent(stack.apiUrl, body)).status, 200);
      const exceptions = await merchantExceptions(client, { kind: 'psp_success_after_failure', limit: 100 });
      const raised = exceptions.filter((e) => e.payment === payment.id);
      assert.equal(raised.length, 1, `${payment.status}: ${JSON.stringify(exceptions)}`);
      assert.equal(raised[0]!.context.status, payment.status);
      assert.equal(raised[0]!.context.amount, payment.amount);
      // The payment itself does not move: its books say no money was taken until a person decides.
      assert.equal((await getPayment(payment.id)).status, payment.status);
      // Stripe resends it: acknowledged again, still one exception.
      assert.equal((await postStripeEvent(stack.apiUrl, body)).status, 200);
      const again = await merchantExceptions(client, { kind: 'psp_success_after_failure', limit: 100 });
      assert.equal(again.filter((e) => e.payment === payment.id).length, 1, eventId);
    }
  });

  it('a refund or capture the PSP reports failed after it succeeded is raised for a person (the books say the money moved)', async () => {
    const { stack, client } = suite;
    const payment = await capturedPayment(client, { amount: 4_200, currency: 'eur', psp: 'adyen' });
    const refund = answered(await client.POST('/v1/payments/{id}/refunds', { ...withId(payment.id), body: { amount: 1_200 } }), 201);
    await eventually(
      'the refund succeeds',
      async () => answered(await client.GET('/v1/refunds/{id}', withId(refund.id)), 200).status === 'succeeded' || undefined,
    );
    const [row] = await stack.db.select({ pspReference: refunds.pspReference }).from(refunds).where(eq(refunds.id, refund.id));
    assert.ok(row?.pspReference, 'the refund has its PSP reference');
    const failed = signedAdyenItem({
      eventCode: 'REFUND_FAILED',
      pspReference: row.pspReference,
      originalReference: payment.psp_reference!,
      merchantReference: refund.id,
      amount: { value: 1_200, currency: 'EUR' },
      success: true,
    });
    assert.equal((await postAdyenItems(stack.apiUrl, [failed])).status, 200);
    // Before: recorded as processed, and nobody told.
    const exceptions = await merchantExceptions(client, { kind: 'psp_failure_after_success', limit: 100 });
    const raised = exceptions.filter((e) => e.payment === payment.id);
    assert.equal(raised.length, 1, JSON.stringify(exceptions));
    // The same for a capture the card scheme rejects after Adyen accepted it.
    const captureFailed = signedAdyenItem({
      eventCode: 'CAPTURE_FAILED',
      pspReference: `CF${Date.now()}`,
      originalReference: payment.psp_reference!,
      merchantReference: payment.id,
      amount: { value: 4_200, currency: 'EUR' },
      success: true,
    });
    assert.equal((await postAdyenItems(stack.apiUrl, [captureFailed])).status, 200);
    const after = await merchantExceptions(client, { kind: 'psp_failure_after_success', limit: 100 });
    assert.equal(after.filter((e) => e.payment === payment.id).length, 2, JSON.stringify(after));
  });
});
