// The payment workflow on the time-skipping test server, with every activity mocked: what it
// asks the PSP, the ledger and the read model to do, in which order, with which keys — and
// what it refuses. Timers (hold expiry, refund window) run at their real lengths; the test
// server skips the waiting. Routing, risk, unknown PSP outcomes, 3-D Secure and webhook
// events have their own file: payment-psp-outcomes.workflow.test.ts.
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PSP_REQUEST_REJECTED } from '../../domain/failures';
import type { RefundState } from '../../domain/payment/types';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  paymentStateQuery,
  paymentStatusAttribute,
  paymentWorkflowId,
  REQUEST_REFUSED,
  refundUpdate,
} from '../../contracts/payment.contract';
import { paymentWorkflow } from '../../workflows/payment.workflow';
import { newPaymentInput } from '../support/payment-input';
import {
  assertStrictlyIncreasing,
  closeTime,
  deferred,
  entryAmount,
  eventTime,
  MockActivities,
  prepareHarness,
  refusalOf,
  terminateStarted,
  updatesInHistory,
  withWorker,
} from './support/mock-activities';

const DAY_MS = 24 * 3600 * 1000;
const SEVEN_DAYS_S = 7 * 24 * 3600;
const THIRTY_DAYS_S = 30 * 24 * 3600;

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

describe('payment workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  // The first test pays for starting the test server and bundling the workflow code.
  before(prepareHarness);
  afterEach(terminateStarted);

  describe('automatic capture', () => {
    it('authorizes, posts the hold, captures and posts the capture, in that order, with deterministic keys', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000 });
      const id = input.paymentId;

      const outcome = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        return handle.executeUpdate(awaitOutcomeUpdate);
      });

      assert.equal(outcome.status, 'captured');
      assert.equal(outcome.amountCaptured, 1000);
      assert.equal(outcome.amountCapturable, 0);
      assert.deepEqual(mocks.names(), [
        'decidePayment',
        'choosePsps',
        'assessRisk',
        'recordPaymentTransition',
        'authorizePayment',
        'recordPaymentTransition',
        'capturePayment',
        'recordPaymentTransition',
      ]);
      assert.deepEqual(mocks.inputsOf('choosePsps'), [
        { paymentId: id, merchantId: 'mer_test', currency: 'usd', amount: 1000, requestedPsp: 'stripe' },
      ]);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured']);
      assert.equal(mocks.inputsOf('authorizePayment')[0]!.idempotencyKey, `${id}:authorize`);
      assert.deepEqual(mocks.inputsOf('capturePayment'), [
        { psp: 'stripe', pspReference: `pi_${id}`, amount: 1000, currency: 'usd', idempotencyKey: `${id}:capture:1000` },
      ]);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
      assert.deepEqual(
        mocks.postings().map((p) => p.kind),
        ['authorization_hold', 'capture'],
      );
      assert.deepEqual(
        mocks.saved().map((s) => s.status),
        ['processing', 'authorized', 'captured'],
      );
      assertStrictlyIncreasing(mocks.savedVersions());
    });

    it('runs the decision (routing and risk) and each write as local activities: two activity tasks and three workflow tasks to the answer', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000, psp: undefined });
      const history = await withWorker(mocks, async ({ env, taskQueue }) => {
        // As the API starts it (api/payment-commands.ts): update-with-start, `processing` shown.
        const startWorkflowOperation = new WithStartWorkflowOperation(paymentWorkflow, {
          workflowId: paymentWorkflowId(input.paymentId),
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          typedSearchAttributes: [{ key: paymentStatusAttribute, value: 'processing' }],
        });
        await env.client.workflow.executeUpdateWithStart(awaitOutcomeUpdate, { startWorkflowOperation });
        const handle = await startWorkflowOperation.workflowHandle();
        const history = await handle.fetchHistory();
        await handle.terminate('test finished');
        return history;
      });

      const events = history.events ?? [];
      const answeredAt = events.findIndex((e) => e.workflowExecutionUpdateCompletedEventAttributes);
      const toAnswer = events.slice(0, answeredAt);
      const scheduled = toAnswer.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
      assert.deepEqual(scheduled, ['authorizePayment', 'capturePayment'], 'only the PSP calls go through the server');
      const localActivities = toAnswer.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity');
      assert.equal(localActivities.length, 4, 'the decision (route and risk), and the created, authorized and captured writes');
      const tasks = toAnswer.filter((e) => e.workflowTaskCompletedEventAttributes);
      assert.equal(tasks.length, 3, 'start, authorization decided, capture decided');
      const shown = toAnswer.flatMap((e) => {
        const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
        return fields ? [Object.keys(fields).filter((key) => key !== 'TemporalChangeVersion')] : [];
      });
      assert.deepEqual(
        shown.filter((keys) => keys.length > 0),
        [['Psp'], ['PaymentStatus'], ['PaymentStatus']],
        'processing is not restated',
      );
    });

    it('answers awaitOutcome with the state the read model was given last', async () => {
      const mocks = new MockActivities();
      const outcome = await withWorker(mocks, async ({ start }) => (await start(newPaymentInput())).executeUpdate(awaitOutcomeUpdate));
      assert.deepEqual(outcome, mocks.saved().at(-1));
    });
  });

  describe('decline', () => {
    it('fails the payment with the decline code, posts nothing to the ledger, and completes the workflow', async () => {
      const mocks = new MockActivities({
        authorizePayment: async () => ({
          outcome: 'declined',
          pspReference: 'pi_declined',
          failureCode: 'card_declined',
          failureMessage: 'Your card was declined.',
        }),
      });
      const input = newPaymentInput();

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'card_declined');
      assert.equal(final.failureMessage, 'Your card was declined.');
      assert.equal(final.pspReference, 'pi_declined');
      assert.deepEqual(
        final.history.map((e) => e.type),
        ['created', 'failed'],
      );
      assert.deepEqual(mocks.postings(), []);
      assert.deepEqual(mocks.inputsOf('capturePayment'), []);
      assert.deepEqual(
        mocks.saved().map((s) => s.status),
        ['processing', 'failed'],
      );
      assert.deepEqual(mocks.eventTypes(), ['payment.failed']);
      assertStrictlyIncreasing(mocks.savedVersions());
    });
  });

  describe('hold expiry', () => {
    it('voids a manual authorization not captured within 7 days: PSP cancel, hold release, status canceled, an expired event', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, captureBeforeSeconds: SEVEN_DAYS_S });
      const id = input.paymentId;
      const realStart = Date.now();

      const { authorized, justBefore, final } = await withWorker(mocks, async ({ env, start }) => {
        const handle = await start(input);
        const authorized = await handle.executeUpdate(awaitOutcomeUpdate);
        // One minute short of the deadline the authorization still stands.
        await env.sleep(SEVEN_DAYS_S * 1000 - 60_000);
        const justBefore = { state: await handle.query(paymentStateQuery), cancels: mocks.inputsOf('cancelPayment').length };
        const final = await handle.result();
        return { authorized, justBefore, final };
      });

      assert.equal(authorized.status, 'authorized');
      assert.equal(Date.parse(authorized.captureBefore!) - Date.parse(authorized.history.at(-1)!.at), SEVEN_DAYS_S * 1000);
      assert.equal(justBefore.state.status, 'authorized');
      assert.equal(justBefore.cancels, 0);

      const waitedMs = eventTime(final, 'expired') - eventTime(final, 'authorized');
      assert.ok(waitedMs >= SEVEN_DAYS_S * 1000, `voided ${waitedMs} ms after the authorization`);
      assert.ok(waitedMs < SEVEN_DAYS_S * 1000 + 60_000, `voided only ${waitedMs} ms after the authorization`);
      assert.deepEqual(mocks.inputsOf('cancelPayment'), [{ psp: 'stripe', pspReference: `pi_${id}`, idempotencyKey: `${id}:cancel` }]);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
      const release = mocks.postings()[1]!;
      assert.equal(release.kind, 'hold_release');
      assert.equal(entryAmount(release, 'memo:holds:stripe'), -1000);
      assert.equal(entryAmount(release, 'memo:holds_offset:mer_test'), 1000);

      assert.equal(final.status, 'canceled');
      assert.equal(final.amountCapturable, 0);
      assert.deepEqual(final.history.at(-1)?.type, 'expired');
      assert.equal(final.history.at(-1)?.amount, 1000);
      assert.deepEqual(mocks.inputsOf('capturePayment'), []);
      assertStrictlyIncreasing(mocks.savedVersions());
      assert.ok(Date.now() - realStart < 30_000, 'a week of workflow time took more than 30 s of real time');
    });

    it('does not void an authorization captured before the deadline, even once the 7 days have passed', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const { captured, final, closedAt } = await withWorker(mocks, async ({ env, start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await env.sleep(3 * DAY_MS);
        const captured = await handle.executeUpdate(captureUpdate, { args: [{ amount: 600 }] });
        const final = await handle.result(); // runs out the 30-day refund window
        return { captured, final, closedAt: await closeTime(handle) };
      });

      assert.equal(captured.status, 'captured');
      assert.equal(captured.amountCaptured, 600);
      assert.equal(captured.amountCapturable, 0, 'a partial capture releases the rest');
      const capturedAfterMs = eventTime(final, 'captured') - eventTime(final, 'authorized');
      assert.ok(capturedAfterMs >= 3 * DAY_MS && capturedAfterMs < SEVEN_DAYS_S * 1000, `captured after ${capturedAfterMs} ms`);
      const livedMs = closedAt - eventTime(final, 'authorized');
      assert.ok(livedMs > SEVEN_DAYS_S * 1000, `the workflow closed ${livedMs} ms after the authorization, before the deadline`);
      assert.deepEqual(mocks.inputsOf('cancelPayment'), []);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
      const capture = mocks.postings()[1]!;
      assert.equal(entryAmount(capture, 'memo:holds:stripe'), -1000, 'the capture releases the whole hold');
      assert.equal(entryAmount(capture, 'psp:stripe:receivable'), 600);
      assert.equal(mocks.inputsOf('capturePayment')[0]!.idempotencyKey, `${id}:capture:600`);
      assert.equal(final.status, 'captured');
      assert.ok(!final.history.some((e) => e.type === 'expired' || e.type === 'canceled'));
    });
    it('leaves an authorization whose automatic capture the PSP rejected to the hold expiry, which voids it', async () => {
      const mocks = new MockActivities({
        capturePayment: async () => {
          throw ApplicationFailure.create({
            type: PSP_REQUEST_REJECTED,
            message: 'The amount is over the authorization.',
            nonRetryable: true,
            details: [{ code: 'amount_too_large' }],
          });
        },
      });
      const input = newPaymentInput({ captureMethod: 'automatic', amount: 1000 });
      const id = input.paymentId;

      const { outcome, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        const outcome = await handle.executeUpdate(awaitOutcomeUpdate);
        return { outcome, final: await handle.result() };
      });

      assert.equal(outcome.status, 'authorized');
      assert.equal(outcome.amountCapturable, 1000);
      assert.equal(mocks.inputsOf('capturePayment').length, 1);
      assert.equal(final.status, 'canceled');
      assert.equal(final.history.at(-1)?.type, 'expired');
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
    });

    it('still ends an expired authorization and releases its hold when the PSP refuses the void because it already expired there', async () => {
      // Stripe cancels an uncaptured PaymentIntent itself after 7 days, so at our own 7-day
      // deadline the void can meet a PaymentIntent that is already canceled.
      const mocks = new MockActivities({
        cancelPayment: async () => {
          throw ApplicationFailure.create({
            type: PSP_REQUEST_REJECTED,
            message: 'You cannot cancel this PaymentIntent because it has a status of canceled.',
            nonRetryable: true,
            details: [{ code: 'payment_intent_unexpected_state' }],
          });
        },
      });
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const outcome = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        return handle.result().then(
          (final) => ({ final, failure: undefined }),
          (failure: unknown) => ({ final: undefined, failure }),
        );
      });

      assert.equal(mocks.inputsOf('cancelPayment').length, 1);
      assert.ok(
        outcome.failure === undefined,
        `the payment workflow failed at hold expiry: ${String((outcome.failure as Error | undefined)?.cause ?? outcome.failure)}`,
      );
      assert.equal(outcome.final?.status, 'canceled');
      assert.equal(outcome.final?.history.at(-1)?.type, 'expired');
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
    });

    it('records a capture the PSP made but never confirmed, instead of releasing the hold, when the void is refused', async () => {
      // The capture went through at the PSP, but every answer was lost: our books still say
      // authorized. At expiry the PSP refuses the void because the payment is captured.
      const mocks = new MockActivities({
        cancelPayment: async () => {
          throw ApplicationFailure.create({
            type: PSP_REQUEST_REJECTED,
            message: 'You cannot cancel this PaymentIntent because it has a status of succeeded.',
            nonRetryable: true,
            details: [{ code: 'payment_intent_unexpected_state' }],
          });
        },
        retrievePayment: async (r) => ({
          pspReference: r.pspReference,
          status: 'captured',
          amount: 1000,
          amountCapturable: 0,
          amountCaptured: 700,
          currency: 'usd',
        }),
      });
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, refundWindowSeconds: 60 });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        return handle.result();
      });

      assert.equal(mocks.inputsOf('retrievePayment').length, 1);
      assert.equal(final.status, 'captured');
      assert.equal(final.amountCaptured, 700);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });
  });

  describe('capture validation', () => {
    it('refuses a capture above the amount capturable in the validator, so it never enters history', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const refusedId = `capture-too-much-${randomUUID()}`;
      const acceptedId = `capture-all-${randomUUID()}`;

      const { violation, afterRefusal, inHistory, historyText } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const violation = await refusalOf(handle.executeUpdate(captureUpdate, { args: [{ amount: 1001 }], updateId: refusedId }));
        const afterRefusal = await handle.query(paymentStateQuery);
        await handle.executeUpdate(captureUpdate, { args: [{}], updateId: acceptedId });
        const history = await handle.fetchHistory();
        return { violation, afterRefusal, inHistory: await updatesInHistory(handle), historyText: JSON.stringify(history) };
      });

      assert.equal(violation.code, 'amount_too_large');
      assert.equal(violation.param, 'amount');
      assert.equal(afterRefusal.status, 'authorized');
      assert.equal(afterRefusal.amountCapturable, 1000);
      // The accepted capture is recorded, which shows the lookup would find the refused one.
      assert.ok(inHistory.accepted.includes(acceptedId), `accepted updates: ${inHistory.accepted.join(', ')}`);
      assert.ok(inHistory.completed.includes(acceptedId));
      assert.ok(!inHistory.accepted.includes(refusedId), 'the refused capture was accepted into history');
      assert.ok(!inHistory.completed.includes(refusedId), 'the refused capture completed in history');
      assert.ok(!historyText.includes(refusedId), 'the refused capture appears in history');
      assert.deepEqual(
        mocks.inputsOf('capturePayment').map((c) => c.amount),
        [1000],
      );
    });

    it('refuses a capture of a payment that is no longer authorized', async () => {
      const mocks = new MockActivities();
      const violation = await withWorker(mocks, async ({ start }) => {
        const handle = await start(newPaymentInput({ captureMethod: 'automatic' }));
        await handle.executeUpdate(awaitOutcomeUpdate);
        return refusalOf(handle.executeUpdate(captureUpdate, { args: [{}] }));
      });
      assert.equal(violation.code, 'payment_unexpected_state');
      assert.equal(mocks.inputsOf('capturePayment').length, 1);
    });
  });

  describe('refunds', () => {
    it('lets one of two concurrent refunds that together exceed the captured amount succeed and refuses the other', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000 });

      const { results, state } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const results = await Promise.allSettled([
          handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_a', amount: 600 }] }),
          handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_b', amount: 600 }] }),
        ]);
        return { results, state: await handle.query(paymentStateQuery) };
      });

      const succeeded = results.filter((r): r is PromiseFulfilledResult<RefundState> => r.status === 'fulfilled');
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(succeeded.length, 1);
      assert.equal(refused.length, 1);
      assert.equal(succeeded[0]!.value.status, 'succeeded');
      const violation = await refusalOf(Promise.reject(refused[0]!.reason));
      assert.equal(violation.code, 'amount_too_large');
      assert.equal(mocks.inputsOf('refundPayment').length, 1);
      assert.equal(state.amountRefunded, 600);
      assert.deepEqual(
        state.refunds.map((r) => [r.id, r.status]),
        [[succeeded[0]!.value.id, 'succeeded']],
      );
      assert.deepEqual(
        mocks.postingKeys().filter((k) => k.startsWith('refund:')),
        [`refund:${succeeded[0]!.value.id}`],
      );
    });

    it('refuses, in the validator, a refund sent while another holds the rest at the PSP', async () => {
      const atPsp = deferred();
      const release = deferred();
      const mocks = new MockActivities({
        refundPayment: async (r) => {
          atPsp.resolve();
          await release.promise;
          return { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` };
        },
      });
      const refusedId = `refund-b-${randomUUID()}`;

      const { first, violation, inHistory } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(newPaymentInput({ amount: 1000 }));
        await handle.executeUpdate(awaitOutcomeUpdate);
        const firstUpdate = await handle.startUpdate(refundUpdate, {
          args: [{ refundId: 're_a', amount: 600 }],
          waitForStage: 'ACCEPTED',
        });
        await atPsp.promise;
        const violation = await refusalOf(
          handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_b', amount: 600 }], updateId: refusedId }),
        );
        release.resolve();
        const first = await firstUpdate.result();
        return { first, violation, inHistory: await updatesInHistory(handle) };
      });

      assert.equal(violation.code, 'amount_too_large');
      assert.match(violation.message, /\(400\)/, 'the pending 600 should leave 400 to refund');
      assert.equal(first.status, 'succeeded');
      assert.deepEqual(
        mocks.inputsOf('refundPayment').map((r) => r.refundId),
        ['re_a'],
      );
      assert.ok(!inHistory.accepted.includes(refusedId));
    });

    it('is idempotent by refund id: the same refund sent twice calls the PSP once and answers the same refund', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000 });
      const id = input.paymentId;

      const { first, second, state } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const first = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_same', amount: 300 }] });
        const second = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_same', amount: 300 }] });
        return { first, second, state: await handle.query(paymentStateQuery) };
      });

      assert.equal(first.status, 'succeeded');
      assert.equal(first.pspReference, 'psp_re_same');
      assert.deepEqual(second, first);
      assert.deepEqual(
        mocks.inputsOf('refundPayment').map((r) => [r.refundId, r.idempotencyKey, r.amount]),
        [['re_same', 're_same', 300]],
      );
      assert.equal(state.amountRefunded, 300);
      assert.equal(state.refunds.length, 1);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`, 'refund:re_same']);
    });

    it('keeps a refund the PSP never answered pending and reserved, and sends it again with the same key', async () => {
      let attempts = 0;
      const mocks = new MockActivities({
        refundPayment: async (r) => {
          // The first attempt ends as if every retry timed out: nobody knows if the PSP refunded.
          if (++attempts === 1) throw ApplicationFailure.nonRetryable('connection reset', 'PspUnreachable');
          return { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` };
        },
      });
      const input = newPaymentInput({ amount: 1000 });

      const { unknown, refused, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const unknown = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_unknown', amount: 600 }] });
        // Only 400 is left to refund while the 600 is unresolved.
        const refused = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_more', amount: 500 }] }).then(
          () => undefined,
          (error: unknown) => error,
        );
        return { unknown, refused, final: await handle.result() };
      });

      assert.equal(unknown.status, 'pending');
      assert.ok(refused instanceof WorkflowUpdateFailedError);
      assert.equal((refused.cause as ApplicationFailure).type, REQUEST_REFUSED);
      assert.equal(((refused.cause as ApplicationFailure).details?.[0] as { code: string }).code, 'amount_too_large');
      assert.deepEqual(
        mocks.inputsOf('refundPayment').map((r) => [r.refundId, r.idempotencyKey]),
        [
          ['re_unknown', 're_unknown'],
          ['re_unknown', 're_unknown'],
        ],
        'sent again with the same idempotency key, so the PSP refunds at most once',
      );
      const refund = final.refunds.find((r) => r.id === 're_unknown')!;
      assert.equal(refund.status, 'succeeded');
      assert.equal(final.amountRefunded, 600);
      assert.equal(mocks.postingKeys().filter((k) => k === 'refund:re_unknown').length, 1);
    });

    it('answers two duplicate refunds waiting for the lock with the same finished refund', async () => {
      // re_first holds the lock at the PSP while both copies of re_twin queue behind it.
      const atPsp = deferred();
      const release = deferred();
      const mocks = new MockActivities({
        refundPayment: async (r) => {
          if (r.refundId === 're_first') {
            atPsp.resolve();
            await release.promise;
          }
          return { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` };
        },
      });

      const twins = await withWorker(mocks, async ({ start }) => {
        const handle = await start(newPaymentInput({ amount: 1000 }));
        await handle.executeUpdate(awaitOutcomeUpdate);
        const first = await handle.startUpdate(refundUpdate, {
          args: [{ refundId: 're_first', amount: 300 }],
          waitForStage: 'ACCEPTED',
        });
        await atPsp.promise;
        const twin = () => handle.startUpdate(refundUpdate, { args: [{ refundId: 're_twin', amount: 200 }], waitForStage: 'ACCEPTED' });
        const queued = [await twin(), await twin()];
        release.resolve();
        await first.result();
        return Promise.all(queued.map((u) => u.result()));
      });

      assert.deepEqual(
        mocks.inputsOf('refundPayment').map((r) => r.refundId),
        ['re_first', 're_twin'],
      );
      assert.equal(twins[0]!.status, 'succeeded');
      assert.deepEqual(twins[1], twins[0], 'the duplicate was answered before the refund it names had finished');
    });
  });

  describe('one money movement at a time', () => {
    it('runs a capture and a cancel that both waited for the lock one after the other: only the first reaches the PSP', async () => {
      // A first capture holds the lock at the PSP and is then rejected, so the payment is still
      // authorized when the capture and the cancel queued behind it get their turn.
      const atPsp = deferred();
      const release = deferred();
      let captures = 0;
      const mocks = new MockActivities({
        capturePayment: async (r) => {
          captures += 1;
          if (captures === 1) {
            atPsp.resolve();
            await release.promise;
            throw ApplicationFailure.create({
              type: PSP_REQUEST_REJECTED,
              message: 'Try again.',
              nonRetryable: true,
              details: [{ code: 'processing_error' }],
            });
          }
          return { outcome: 'captured', amountCaptured: r.amount };
        },
      });
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const { outcomes, state } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const first = await handle.startUpdate(captureUpdate, { args: [{ amount: 100 }], waitForStage: 'ACCEPTED' });
        await atPsp.promise;
        const capture = await handle.startUpdate(captureUpdate, { args: [{}], waitForStage: 'ACCEPTED' });
        const cancel = await handle.startUpdate(cancelUpdate, { waitForStage: 'ACCEPTED' });
        release.resolve();
        const outcomes = await Promise.allSettled([first.result(), capture.result(), cancel.result()]);
        return { outcomes, state: await handle.query(paymentStateQuery) };
      });

      assert.deepEqual(mocks.inputsOf('cancelPayment'), [], 'a cancel reached the PSP while a capture was in flight');
      assert.deepEqual(
        outcomes.map((o) => o.status),
        ['rejected', 'fulfilled', 'rejected'],
      );
      assert.equal((await refusalOf(Promise.reject((outcomes[2] as PromiseRejectedResult).reason))).code, 'payment_unexpected_state');
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`], 'the hold was released twice');
      assert.equal(state.status, 'captured');
      assert.equal(state.amountCaptured, 1000);
      assert.deepEqual(
        state.history.map((e) => e.type),
        ['created', 'authorized', 'captured'],
      );
    });
  });

  describe('PSP failures', () => {
    it('retries a transient PSP failure with the same idempotency key and captures once', async () => {
      let attempts = 0;
      const mocks = new MockActivities({
        capturePayment: async (r) => {
          attempts += 1;
          if (attempts <= 2) throw new Error('ECONNRESET');
          return { outcome: 'captured', amountCaptured: r.amount };
        },
      });
      // Automatic capture, and a short refund window so that awaiting the result (which lets
      // the test server skip the retry backoff) ends soon after the capture.
      const input = newPaymentInput({ captureMethod: 'automatic', amount: 1000, refundWindowSeconds: 3600 });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.deepEqual(
        mocks.inputsOf('capturePayment').map((c) => c.idempotencyKey),
        [`${id}:capture:1000`, `${id}:capture:1000`, `${id}:capture:1000`],
      );
      assert.equal(final.status, 'captured');
      assert.equal(final.amountCaptured, 1000);
      assert.equal(final.history.filter((e) => e.type === 'captured').length, 1);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });

    it('fails the capture Update with the PSP code on a PspRequestRejected failure, without retrying, and leaves the payment authorized', async () => {
      const mocks = new MockActivities({
        capturePayment: async () => {
          throw ApplicationFailure.create({
            type: PSP_REQUEST_REJECTED,
            message: 'This PaymentIntent could not be captured because it has expired.',
            nonRetryable: true,
            details: [{ code: 'charge_expired_for_capture' }],
          });
        },
      });
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const { violation, state } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const violation = await refusalOf(handle.executeUpdate(captureUpdate, { args: [{}] }));
        return { violation, state: await handle.query(paymentStateQuery) };
      });

      assert.equal(violation.code, 'charge_expired_for_capture');
      assert.match(violation.message, /expired/);
      assert.equal(mocks.inputsOf('capturePayment').length, 1, 'a rejected request must not be retried');
      assert.equal(state.status, 'authorized');
      assert.equal(state.amountCapturable, 1000);
      assert.equal(state.amountCaptured, 0);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`]);
    });
  });

  describe('refund window', () => {
    it('completes the workflow once the refund window has passed, returning the final state', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: THIRTY_DAYS_S });

      const { final, justBefore, closedAt, status } = await withWorker(mocks, async ({ env, start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_partial', amount: 250 }] });
        await env.sleep(THIRTY_DAYS_S * 1000 - 60 * 60 * 1000);
        const justBefore = (await handle.describe()).status.name;
        const final = await handle.result();
        return {
          final,
          justBefore,
          closedAt: await closeTime(handle),
          status: (await handle.describe()).status.name,
        };
      });

      assert.equal(justBefore, 'RUNNING', 'the workflow ended before the refund window closed');
      assert.equal(status, 'COMPLETED');
      const openMs = closedAt - eventTime(final, 'captured');
      assert.ok(openMs >= THIRTY_DAYS_S * 1000, `closed ${openMs} ms after the capture`);
      assert.ok(openMs < THIRTY_DAYS_S * 1000 + 60_000, `closed only ${openMs} ms after the capture`);
      assert.equal(final.status, 'captured');
      assert.equal(final.amountRefunded, 250);
      assert.deepEqual(
        final.history.map((e) => e.type),
        ['created', 'authorized', 'captured', 'refund_succeeded'],
      );
      assert.deepEqual(final, mocks.saved().at(-1));
    });

    it('completes the workflow early once the payment is fully refunded', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: THIRTY_DAYS_S });

      const { final, closedAt } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_all' }] });
        const final = await handle.result();
        return { final, closedAt: await closeTime(handle) };
      });

      const waitedMs = closedAt - eventTime(final, 'refund_succeeded');
      assert.ok(waitedMs < 60_000, `a fully refunded payment stayed open ${waitedMs} ms of workflow time`);
      assert.equal(final.amountRefunded, 1000);
      assert.deepEqual(
        mocks.inputsOf('refundPayment').map((r) => r.amount),
        [1000],
      );
    });
  });
});
