// Captures and voids the PSP accepts and confirms later by webhook (Adyen), on the
// time-skipping test server with every activity mocked: the request is answered with the
// pending state at once and the lock is free meanwhile; the webhook completes it and posts
// once; past the deadline the PSP is looked up where it can be, else the exceptions list is
// told once, and a late webhook still completes it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  expireHoldUpdate,
  paymentStateQuery,
  pspEventSignal,
} from '../../contracts/payment.contract';
import { eventually } from '../support/eventually';
import { newPaymentInput } from '../support/payment-input';
import {
  eventTime,
  historyLabels,
  MockActivities,
  prepareHarness,
  pspEvent,
  pspRejected,
  refusalOf,
  terminateStarted,
  withWorker,
} from './support/mock-activities';

const HOUR_S = 3600;

/** A PSP that answers captures and voids `received`, as Adyen does, and has no payment lookup. */
function adyenLike(overrides: ConstructorParameters<typeof MockActivities>[0] = {}): MockActivities {
  return new MockActivities({
    capturePayment: async (r) => ({ outcome: 'pending', amountCaptured: r.amount }),
    cancelPayment: async () => ({ outcome: 'pending' }),
    retrievePayment: async () => {
      throw pspRejected('lookup_not_supported');
    },
    ...overrides,
  });
}

describe('payment workflow: captures and voids the PSP confirms later (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  before(prepareHarness);
  afterEach(terminateStarted);

  it('answers a capture with capture_pending at once, answers others meanwhile, and completes it on its webhook, posting once', async () => {
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, refundWindowSeconds: HOUR_S });
    const id = input.paymentId;
    const captureId = `capture-${randomUUID()}`;
    const captured = pspEvent({ kind: 'captured', pspReference: `pi_${id}`, amount: 1000, eventId: 'evt_captured' });

    const { answered, whileWaiting, second, cancel, labels, final } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      // Before the fix this Update waited for the webhook, under the payment's lock.
      const answered = await handle.executeUpdate(captureUpdate, { args: [{}], updateId: captureId });
      const whileWaiting = await handle.query(paymentStateQuery);
      const second = await refusalOf(handle.executeUpdate(captureUpdate, { args: [{ amount: 500 }] }));
      const cancel = await refusalOf(handle.executeUpdate(cancelUpdate));
      await handle.signal(pspEventSignal, captured);
      // The same event again, and the PSP's second notification of the same capture.
      await handle.signal(pspEventSignal, captured);
      await handle.signal(pspEventSignal, { ...captured, eventId: 'evt_captured_again' });
      const final = await handle.result();
      return { answered, whileWaiting, second, cancel, labels: await historyLabels(handle), final };
    });

    assert.equal(answered.status, 'authorized');
    assert.equal(answered.statusReason, 'capture_pending');
    assert.equal(answered.amountCaptured, 0);
    assert.deepEqual(whileWaiting, answered);
    assert.ok(
      labels.indexOf(`update-completed:${captureId}`) < labels.indexOf('signaled:pspEvent'),
      'the capture was answered only after its confirmation arrived',
    );
    assert.equal(second.code, 'payment_modification_pending');
    assert.equal(cancel.code, 'payment_modification_pending');
    assert.equal(mocks.count('capturePayment'), 1);
    assert.equal(mocks.count('cancelPayment'), 0);
    assert.equal(final.status, 'captured');
    assert.equal(final.statusReason, undefined);
    assert.equal(final.amountCaptured, 1000);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    assert.deepEqual(
      final.history.map((e) => e.type),
      ['created', 'authorized', 'capture_requested', 'captured'],
    );
    assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured']);
    assert.equal(mocks.count('raiseException'), 0);
  });

  it('leaves the payment authorized when the PSP reports the capture failed; a capture sent again uses a new key and completes', async () => {
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, refundWindowSeconds: HOUR_S });
    const id = input.paymentId;

    const { failed, final } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.executeUpdate(captureUpdate, { args: [{ amount: 1000 }] });
      await handle.signal(
        pspEventSignal,
        pspEvent({
          kind: 'capture_failed',
          pspReference: `pi_${id}`,
          eventId: 'evt_failed',
          failureMessage: 'Rejected by the card scheme',
        }),
      );
      const failed = await eventually('the capture failure committed', async () => {
        const state = await handle.query(paymentStateQuery);
        return state.history.at(-1)?.type === 'capture_failed' && state;
      });
      await handle.executeUpdate(captureUpdate, { args: [{ amount: 500 }] });
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: `pi_${id}`, amount: 500, eventId: 'evt_captured' }));
      return { failed, final: await handle.result() };
    });

    assert.equal(failed.status, 'authorized');
    assert.equal(failed.statusReason, undefined);
    assert.equal(failed.amountCapturable, 1000);
    assert.equal(failed.history.at(-1)?.type, 'capture_failed');
    assert.equal(failed.history.at(-1)?.failure_code, 'capture_failed');
    assert.deepEqual(
      mocks.inputsOf('capturePayment').map((c) => c.idempotencyKey),
      [`${id}:capture:1000`, `${id}:capture:500:1`],
    );
    assert.equal(final.status, 'captured');
    assert.equal(final.amountCaptured, 500);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('answers a cancel with cancel_pending at once and releases the hold once its canceled event arrives', async () => {
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
    const id = input.paymentId;
    const canceledEvent = pspEvent({ kind: 'canceled', pspReference: `pi_${id}`, eventId: 'evt_canceled' });

    const { answered, final } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      const answered = await handle.executeUpdate(cancelUpdate);
      await handle.signal(pspEventSignal, canceledEvent);
      await handle.signal(pspEventSignal, { ...canceledEvent, eventId: 'evt_canceled_again' });
      return { answered, final: await handle.result() };
    });

    assert.equal(answered.status, 'authorized');
    assert.equal(answered.statusReason, 'cancel_pending');
    assert.equal(final.status, 'canceled');
    assert.deepEqual(
      final.history.map((e) => e.type),
      ['created', 'authorized', 'cancel_requested', 'canceled'],
    );
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
    assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.canceled']);
  });

  it('puts a capture still unconfirmed at the deadline on the exceptions list once, after a lookup, and completes it on a late webhook', async () => {
    const deadlineS = 600;
    const mocks = adyenLike();
    const input = newPaymentInput({
      captureMethod: 'manual',
      amount: 1000,
      refundWindowSeconds: HOUR_S,
      modificationConfirmDeadlineSeconds: deadlineS,
    });
    const id = input.paymentId;

    const { pastDeadline, final } = await withWorker(mocks, async ({ env, start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.executeUpdate(captureUpdate, { args: [{}] });
      // Workflow time moves on with no webhook: the deadline passes.
      await env.sleep(2 * deadlineS * 1000);
      await mocks.called('raiseException');
      const pastDeadline = await handle.query(paymentStateQuery);
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: `pi_${id}`, amount: 1000 }));
      return { pastDeadline, final: await handle.result() };
    });

    assert.equal(pastDeadline.status, 'authorized');
    assert.equal(pastDeadline.statusReason, 'capture_pending');
    assert.equal(mocks.count('retrievePayment'), 1, 'the PSP was not asked before the exception was raised');
    const raised = mocks.inputsOf('raiseException');
    assert.equal(raised.length, 1);
    assert.equal(raised[0]!.kind, 'modification_unconfirmed');
    assert.equal(raised[0]!.paymentId, id);
    assert.equal(raised[0]!.context.modification, 'capture');
    assert.equal(raised[0]!.context.amount, 1000);
    assert.equal(raised[0]!.context.lookedUp, false);
    const raisedAfterMs = mocks.timesOf('raiseException')[0]! - eventTime(final, 'capture_requested');
    assert.ok(raisedAfterMs >= deadlineS * 1000 && raisedAfterMs < 2 * deadlineS * 1000, `raised ${raisedAfterMs} ms after the request`);
    const resolved = mocks.inputsOf('resolveException');
    assert.equal(resolved.length, 1);
    assert.equal(resolved[0]!.kind, 'modification_unconfirmed');
    assert.equal(resolved[0]!.resolution.outcome, 'captured');
    assert.equal(final.status, 'captured');
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('books a capture unconfirmed at the deadline that the lookup shows captured, without an exception', async () => {
    const deadlineS = 600;
    const mocks = adyenLike({
      retrievePayment: async (r) => ({
        pspReference: r.pspReference,
        status: 'captured',
        amount: 1000,
        amountCapturable: 0,
        amountCaptured: 1000,
        currency: 'usd',
      }),
    });
    const input = newPaymentInput({
      captureMethod: 'manual',
      amount: 1000,
      refundWindowSeconds: HOUR_S,
      modificationConfirmDeadlineSeconds: deadlineS,
    });
    const id = input.paymentId;

    const final = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.executeUpdate(captureUpdate, { args: [{}] });
      return handle.result();
    });

    assert.equal(mocks.count('raiseException'), 0);
    assert.equal(final.status, 'captured');
    assert.equal(final.amountCaptured, 1000);
    assert.ok(eventTime(final, 'captured') - eventTime(final, 'capture_requested') >= deadlineS * 1000);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('does not void a hold that expires while its capture is pending, and captures it on the late webhook', async () => {
    const captureBeforeS = 600;
    const mocks = adyenLike();
    const input = newPaymentInput({
      captureMethod: 'manual',
      amount: 1000,
      refundWindowSeconds: HOUR_S,
      captureBeforeSeconds: captureBeforeS,
    });
    const id = input.paymentId;

    const final = await withWorker(mocks, async ({ env, start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.executeUpdate(captureUpdate, { args: [{}] });
      await env.sleep(2 * captureBeforeS * 1000);
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: `pi_${id}`, amount: 1000 }));
      return handle.result();
    });

    assert.equal(mocks.count('cancelPayment'), 0);
    assert.equal(final.status, 'captured');
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('answers the create of an automatic capture once the PSP confirms it, without holding the lock meanwhile', async () => {
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'automatic', amount: 1000, refundWindowSeconds: HOUR_S });
    const id = input.paymentId;

    const { refused, outcome } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      const outcome = handle.executeUpdate(awaitOutcomeUpdate);
      await mocks.called('capturePayment');
      // The cancel's validator sees the pending capture, so it is refused rather than queued.
      const refused = await refusalOf(handle.executeUpdate(cancelUpdate));
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: `pi_${id}`, amount: 1000 }));
      return { refused, outcome: await outcome };
    });

    assert.equal(refused.code, 'payment_modification_pending');
    assert.equal(outcome.status, 'captured');
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it("answers settlement's expireHold once the PSP confirms the expired hold's void, and books it once", async () => {
    const captureBeforeS = 600;
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, captureBeforeSeconds: captureBeforeS });
    const id = input.paymentId;

    const { expired, final } = await withWorker(mocks, async ({ env, start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      // The payment's own timer sends the void; Adyen confirms it later.
      await env.sleep(captureBeforeS * 1000 + 1000);
      await mocks.called('cancelPayment');
      const update = await handle.startUpdate(expireHoldUpdate, { waitForStage: 'ACCEPTED' });
      await handle.signal(pspEventSignal, pspEvent({ kind: 'canceled', pspReference: `pi_${id}` }));
      return { expired: await update.result(), final: await handle.result() };
    });

    assert.equal(expired.status, 'canceled');
    assert.equal(mocks.count('cancelPayment'), 1);
    assert.deepEqual(
      final.history.map((e) => e.type),
      ['created', 'authorized', 'cancel_requested', 'expired'],
    );
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
  });

  it('releases an expired hold whose void the PSP reports failed, once it has no lookup to say otherwise', async () => {
    const captureBeforeS = 600;
    const mocks = adyenLike();
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, captureBeforeSeconds: captureBeforeS });
    const id = input.paymentId;

    const final = await withWorker(mocks, async ({ env, start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await env.sleep(captureBeforeS * 1000 + 1000);
      await mocks.called('cancelPayment');
      await handle.signal(pspEventSignal, pspEvent({ kind: 'cancel_failed', pspReference: `pi_${id}` }));
      return handle.result();
    });

    assert.equal(final.status, 'canceled');
    assert.equal(mocks.count('retrievePayment'), 1);
    assert.deepEqual(
      final.history.map((e) => e.type),
      ['created', 'authorized', 'cancel_requested', 'cancel_failed', 'expired'],
    );
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
  });

  it('cancels a payment in a 3-D Secure challenge without waiting for the void to be confirmed: nothing is held yet', async () => {
    const mocks = adyenLike({
      authorizePayment: async (r) => ({
        outcome: 'requires_action',
        pspReference: `psp_${r.paymentId}`,
        redirectUrl: 'https://psp.example/3ds',
      }),
    });
    const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });

    const canceled = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      return handle.executeUpdate(cancelUpdate);
    });

    assert.equal(canceled.status, 'canceled');
    assert.equal(mocks.count('cancelPayment'), 1);
    assert.deepEqual(mocks.postingKeys(), []);
  });
});
