// A payment with automatic capture asks the PSP for a sale: authorization and capture in one
// call (AuthorizeRequest.captureNow). Stripe sells; Adyen authorizes alone and the capture
// step follows as before. On the time-skipping test server with every activity mocked: what
// the workflow asks, what it books, and how a sale is decided when its answer comes late, by
// webhook, or races a cancel.
import { WithStartWorkflowOperation } from '@temporalio/client';
import assert from 'node:assert/strict';
import type { AuthorizeRequest, AuthorizeResult } from '../../domain/psp-gateway';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  paymentStateQuery,
  paymentStatusAttribute,
  paymentWorkflowId,
  pspEventSignal,
} from '../../contracts/payment.contract';
import { paymentWorkflow } from '../../workflows/payment.workflow';
import { newPaymentInput } from '../support/payment-input';
import {
  eventTime,
  MockActivities,
  prepareHarness,
  pspEvent,
  pspRejected,
  refusalOf,
  terminateStarted,
  withWorker,
} from './support/mock-activities';

const HOUR_S = 3600;

/** A PSP that sells when asked (Stripe): captured with the authorization. */
async function sells(request: AuthorizeRequest): Promise<AuthorizeResult> {
  const sold = request.captureNow ? { amountCaptured: request.amount } : {};
  return { outcome: 'authorized', pspReference: `pi_${request.paymentId}`, amountCapturable: request.amount, ...sold };
}

function challenge(pspReference: string): AuthorizeResult {
  return { outcome: 'requires_action', pspReference, redirectUrl: `https://psp.example/3ds/${pspReference}` };
}

describe('payment workflow: a sale for automatic capture (time-skipping, mocked activities)', function () {
  this.timeout(60_000);
  before(prepareHarness);
  afterEach(terminateStarted);

  it('a PSP that sells: one call, no capture step, hold and capture booked; one activity task and two workflow tasks to the answer', async () => {
    const mocks = new MockActivities({ authorizePayment: sells });
    const input = newPaymentInput({ amount: 1000, psp: undefined });
    const id = input.paymentId;
    const { outcome, history } = await withWorker(mocks, async ({ env, taskQueue }) => {
      // As the API starts it (api/payment-commands.ts): update-with-start, `processing` shown.
      const startWorkflowOperation = new WithStartWorkflowOperation(paymentWorkflow, {
        workflowId: paymentWorkflowId(id),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [{ key: paymentStatusAttribute, value: 'processing' }],
      });
      const outcome = await env.client.workflow.executeUpdateWithStart(awaitOutcomeUpdate, { startWorkflowOperation });
      const handle = await startWorkflowOperation.workflowHandle();
      const history = await handle.fetchHistory();
      await handle.terminate('test finished');
      return { outcome, history };
    });

    assert.equal(outcome.status, 'captured');
    assert.equal(outcome.amountCaptured, 1000);
    assert.equal(outcome.amountCapturable, 0);
    assert.equal(mocks.inputsOf('authorizePayment')[0]!.captureNow, true);
    assert.equal(mocks.inputsOf('authorizePayment')[0]!.idempotencyKey, `${id}:authorize`);
    assert.equal(mocks.count('capturePayment'), 0, 'a sale is never captured again');
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured']);
    assert.deepEqual(
      mocks.saved().map((s) => s.status),
      ['processing', 'authorized', 'captured'],
    );

    const events = history.events ?? [];
    const toAnswer = events.slice(
      0,
      events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes),
    );
    const scheduled = toAnswer.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    assert.deepEqual(scheduled, ['authorizePayment']);
    assert.equal(toAnswer.filter((e) => e.workflowTaskCompletedEventAttributes).length, 2, 'start, sale decided');
    // The second shape's one patch marker (each patch costs a marker and an SDK upsert), and the
    // decision (route and risk) and three writes as local activities.
    const markers = toAnswer.flatMap((e) => e.markerRecordedEventAttributes ?? []);
    assert.deepEqual(
      markers.map((m) => m.markerName),
      ['core_patch', ...Array<string>(4).fill('core_local_activity')],
    );
    // One upsert of ours per workflow task: the sale's two writes show `captured` once.
    let task = 0;
    const upserts = toAnswer.flatMap((e) => {
      if (e.workflowTaskCompletedEventAttributes) task++;
      const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      const ours = fields ? Object.keys(fields).filter((key) => key !== 'TemporalChangeVersion') : [];
      return ours.length > 0 ? [{ task, keys: ours }] : [];
    });
    assert.deepEqual(upserts, [
      { task: 1, keys: ['Psp'] },
      { task: 2, keys: ['PaymentStatus'] },
    ]);
  });

  it('a PSP that authorizes alone when asked for a sale (Adyen) is captured by the capture step', async () => {
    const mocks = new MockActivities();
    const input = newPaymentInput({ amount: 1000, psp: 'adyen' });
    const outcome = await withWorker(mocks, async ({ start }) => (await start(input)).executeUpdate(awaitOutcomeUpdate));
    assert.equal(outcome.status, 'captured');
    assert.equal(mocks.inputsOf('authorizePayment')[0]!.captureNow, true);
    assert.deepEqual(
      mocks.inputsOf('capturePayment').map((c) => c.amount),
      [1000],
    );
    assert.deepEqual(
      mocks.postings().map((p) => p.kind),
      ['authorization_hold', 'capture'],
    );
  });

  it('a manual-capture payment never asks for a sale', async () => {
    const mocks = new MockActivities({ authorizePayment: sells });
    const input = newPaymentInput({ amount: 1000, captureMethod: 'manual' });
    const outcome = await withWorker(mocks, async ({ start }) => (await start(input)).executeUpdate(awaitOutcomeUpdate));
    assert.equal(outcome.status, 'authorized');
    assert.equal(mocks.inputsOf('authorizePayment')[0]!.captureNow, undefined);
    assert.deepEqual(
      mocks.postings().map((p) => p.kind),
      ['authorization_hold'],
    );
  });

  it("a sale whose answer was lost is decided by the PSP's captured webhook: booked once, never captured again", async () => {
    const mocks = new MockActivities({
      authorizePayment: async () => {
        throw new Error('socket hang up');
      },
      lookupAuthorization: async () => {
        throw new Error('PSP answered 503');
      },
    });
    const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
    const id = input.paymentId;
    const final = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      const answered = await handle.executeUpdate(awaitOutcomeUpdate);
      assert.equal(answered.statusReason, 'psp_outcome_unknown');
      await mocks.called('lookupAuthorization');
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: 'pi_sold', amount: 1000, paymentId: id }));
      return handle.result();
    });
    assert.equal(final.status, 'captured');
    assert.equal(final.pspReference, 'pi_sold');
    assert.equal(final.amountCaptured, 1000);
    assert.equal(mocks.count('capturePayment'), 0);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it("a challenged sale is decided by the PSP's captured webhook once the shopper passes", async () => {
    const mocks = new MockActivities({ authorizePayment: async () => challenge('pi_3ds') });
    const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
    const id = input.paymentId;
    const final = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      assert.equal((await handle.executeUpdate(awaitOutcomeUpdate)).status, 'requires_action');
      await handle.signal(pspEventSignal, pspEvent({ kind: 'captured', pspReference: 'pi_3ds', amount: 1000, paymentId: id }));
      return handle.result();
    });
    assert.equal(final.status, 'captured');
    assert.deepEqual(
      final.history.map((e) => e.type),
      ['created', 'requires_action', 'authorized', 'captured'],
    );
    assert.equal(mocks.count('capturePayment'), 0);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('a cancel that races the shopper passing a challenged sale: the void is refused, the sale is booked, the cancel refused', async () => {
    const mocks = new MockActivities({
      authorizePayment: async () => challenge('pi_3ds'),
      // The shopper passed as the void went out: a captured PaymentIntent cannot be canceled.
      cancelPayment: async () => {
        throw pspRejected('payment_intent_unexpected_state');
      },
      completeAction: async (r) => ({
        outcome: 'authorized',
        pspReference: r.pspReference,
        amountCapturable: r.authorization.amount,
        amountCaptured: r.authorization.amount,
      }),
    });
    const input = newPaymentInput({ amount: 1000, actionTimeoutSeconds: 15 * 60 });
    const id = input.paymentId;
    const { refusal, state } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      const refusal = await refusalOf(handle.executeUpdate(cancelUpdate));
      return { refusal, state: await handle.query(paymentStateQuery) };
    });
    assert.equal(refusal.code, 'payment_unexpected_state');
    assert.equal(state.status, 'captured', 'money the PSP took was dropped from the books as canceled');
    assert.equal(mocks.count('cancelPayment'), 1);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('a sale the PSP never saw is sent again only while the PSP keeps its idempotency key (23 hours)', async () => {
    const mocks = new MockActivities({
      authorizePayment: async () => {
        throw new Error('socket hang up');
      },
      lookupAuthorization: async () => ({ outcome: 'not_found' }),
    });
    const input = newPaymentInput({ amount: 1000 });
    const { unknownSince, now } = await withWorker(mocks, async ({ env, start }) => {
      const handle = await start(input);
      const answered = await handle.executeUpdate(awaitOutcomeUpdate);
      await env.sleep('26 hours');
      return { unknownSince: eventTime(answered, 'outcome_unknown'), now: await env.currentTimeMs() };
    });
    const sends = mocks.timesOf('authorizePayment');
    assert.ok(sends.length > 2, `sent ${sends.length} times: re-sends within the window are expected`);
    assert.ok(now - unknownSince >= 25 * HOUR_S * 1000, 'the clock did not pass the window');
    const lastSendAfterMs = sends.at(-1)! - unknownSince;
    assert.ok(lastSendAfterMs < 23 * HOUR_S * 1000, `sent again ${lastSendAfterMs / 1000} s after the outcome became unknown`);
    assert.ok(mocks.timesOf('lookupAuthorization').at(-1)! - unknownSince > 24 * HOUR_S * 1000, 'lookups go on past the window');
  });

  it('a challenged sale whose void failed and whose outcome was unknown is asked about again: booked once the PSP answers sold', async () => {
    let asked = 0;
    const mocks = new MockActivities({
      authorizePayment: async () => challenge('pi_3ds'),
      cancelPayment: async () => {
        throw pspRejected('payment_intent_unexpected_state');
      },
      // The first question after the failed void gets no answer (a timeout at the PSP).
      completeAction: async (r) => {
        asked++;
        if (asked === 1) throw new Error('ETIMEDOUT');
        return {
          outcome: 'authorized',
          pspReference: r.pspReference,
          amountCapturable: r.authorization.amount,
          amountCaptured: r.authorization.amount,
        };
      },
    });
    const input = newPaymentInput({ amount: 1000, actionTimeoutSeconds: 15 * 60 });
    const id = input.paymentId;
    const state = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await refusalOf(handle.executeUpdate(cancelUpdate));
      return handle.query(paymentStateQuery);
    });
    assert.equal(state.status, 'captured', 'a sale the PSP may have taken was dropped as canceled on a timeout');
    assert.equal(mocks.count('completeAction'), 2);
    assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
  });

  it('a challenged sale whose void first fails is voided again, and only then canceled, never booked', async () => {
    let voids = 0;
    const mocks = new MockActivities({
      authorizePayment: async () => challenge('pi_3ds'),
      // The PSP is unreachable for the first void; the second goes through.
      cancelPayment: async () => {
        voids++;
        if (voids === 1) throw pspRejected('api_connection_error');
        return { outcome: 'canceled' };
      },
      completeAction: async (r) => challenge(r.pspReference),
    });
    const input = newPaymentInput({ amount: 1000, actionTimeoutSeconds: 15 * 60 });
    const state = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.executeUpdate(cancelUpdate);
      return handle.query(paymentStateQuery);
    });
    assert.equal(state.status, 'canceled');
    assert.equal(voids, 2, 'canceled on the books while the challenge was still open at the PSP');
    assert.deepEqual(mocks.postingKeys(), []);
  });
});
