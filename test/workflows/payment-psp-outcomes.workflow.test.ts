// The payment workflow before and around the PSP's answer, on the time-skipping test server
// with every activity mocked: routing and failover, the risk check, authorizations whose
// outcome is unknown (lookups, webhook events, the exceptions deadline), 3-D Secure, refunds
// the PSP confirms later by webhook, and the merchant events published
// after each transition. Waits are driven by the workflow's own timers (skipped while the test
// awaits a result), by mocks that report or hold their calls, and by the workflow's history.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import type { AuthorizeResult } from '../../domain/psp-gateway';
import type { PaymentState } from '../../domain/payment/types';
import {
  awaitOutcomeUpdate,
  cancelUpdate,
  captureUpdate,
  confirmUpdate,
  paymentStateQuery,
  pspEventSignal,
  refundUpdate,
} from '../../contracts/payment.contract';
import { newPaymentInput } from '../support/payment-input';
import {
  assertStrictlyIncreasing,
  deferred,
  entryAmount,
  eventTime,
  MockActivities,
  prepareHarness,
  pspEvent,
  pspNotConfigured,
  pspNotReached,
  pspRejected,
  terminateStarted,
  withWorker,
} from './support/mock-activities';

const HOUR_S = 3600;

/** What a PSP answers for a 3-D Secure card: the shopper must go to its challenge page. */
function challenge(pspReference: string): AuthorizeResult {
  return { outcome: 'requires_action', pspReference, redirectUrl: `https://psp.example/3ds/${pspReference}` };
}

/** An authorization attempt whose answer was lost: the PSP may or may not have authorized. */
function ambiguous(): Error {
  return new Error('socket hang up');
}

describe('payment workflow: routing, risk and PSP outcomes (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  // The first test pays for starting the test server and bundling the workflow code.
  before(prepareHarness);
  afterEach(terminateStarted);

  describe('routing and failover', () => {
    it('fails over to the next PSP when the first was never reached: authorized there, one attempt per PSP', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async (r) => {
          if (r.psp === 'stripe') throw pspNotReached();
          return { outcome: 'authorized', pspReference: `adyen_${r.paymentId}`, amountCapturable: r.amount };
        },
      });
      // No explicit PSP: routing decides.
      const input = newPaymentInput({ psp: undefined, captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const outcome = await withWorker(mocks, async ({ start }) => (await start(input)).executeUpdate(awaitOutcomeUpdate));

      assert.equal(mocks.inputsOf('choosePsps')[0]!.requestedPsp, undefined);
      assert.equal(outcome.status, 'authorized');
      assert.equal(outcome.psp, 'adyen');
      assert.equal(outcome.pspReference, `adyen_${id}`);
      assert.deepEqual(
        mocks.inputsOf('authorizePayment').map((a) => [a.psp, a.idempotencyKey]),
        [
          ['stripe', `${id}:authorize`],
          ['adyen', `${id}:authorize`],
        ],
      );
      assert.deepEqual(
        outcome.history.map((e) => [e.type, e.psp]),
        [
          ['created', undefined],
          ['routed', 'adyen'],
          ['authorized', undefined],
        ],
      );
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`]);
      const hold = mocks.postings()[0]!;
      assert.equal(entryAmount(hold, 'memo:holds:adyen'), 1000, 'the hold is at the PSP that authorized');
      assert.deepEqual(
        mocks.saved().map((s) => s.psp),
        ['stripe', 'adyen', 'adyen'],
      );
      assert.deepEqual(mocks.inputsOf('lookupAuthorization'), []);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized']);
    });

    it('fails over the same way when the first PSP has no gateway in this deployment (PspNotConfigured)', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async (r) => {
          if (r.psp === 'stripe') throw pspNotConfigured('stripe');
          return { outcome: 'authorized', pspReference: `adyen_${r.paymentId}`, amountCapturable: r.amount };
        },
      });
      const input = newPaymentInput({ psp: undefined, captureMethod: 'manual', amount: 1000 });

      const outcome = await withWorker(mocks, async ({ start }) => (await start(input)).executeUpdate(awaitOutcomeUpdate));

      assert.equal(outcome.status, 'authorized');
      assert.equal(outcome.psp, 'adyen');
      assert.deepEqual(
        mocks.inputsOf('authorizePayment').map((a) => a.psp),
        ['stripe', 'adyen'],
      );
      assert.deepEqual(mocks.inputsOf('lookupAuthorization'), [], 'nothing was sent to stripe, so there is nothing to look up');
    });

    it('fails over only after a checkpoint: the route is recorded with the first authorization, and each PSP is asked from a workflow task of its own', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async (r) => {
          if (r.psp === 'stripe') throw pspNotReached();
          return { outcome: 'authorized', pspReference: `adyen_${r.paymentId}`, amountCapturable: r.amount };
        },
      });
      const input = newPaymentInput({ psp: undefined, captureMethod: 'manual' });

      const history = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        return handle.fetchHistory();
      });

      // Which workflow task's completion each command came with: the events after it, up to the next task.
      let task = 0;
      const taskOf: Array<{ task: number; event: (typeof events)[number] }> = [];
      const events = history.events ?? [];
      for (const event of events) {
        if (event.workflowTaskCompletedEventAttributes) task++;
        taskOf.push({ task, event });
      }
      const authorizations = taskOf.filter(
        ({ event }) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'authorizePayment',
      );
      assert.equal(authorizations.length, 2);
      assert.notEqual(authorizations[0]!.task, authorizations[1]!.task, 'never two PSPs in one workflow task');
      const beforeFirst = taskOf.slice(0, taskOf.indexOf(authorizations[0]!));
      const decided = beforeFirst.filter(({ event }) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity');
      assert.equal(decided.length, 2, 'the decision (route and risk) and the created write');
      assert.ok(
        decided.every(({ task: t }) => t === authorizations[0]!.task),
        'route and risk are recorded by the task that sends the first authorization',
      );
    });

    it('fails the payment with psp_unavailable when no candidate PSP could be reached', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async () => {
          throw pspNotReached();
        },
      });
      const final = await withWorker(mocks, async ({ start }) => (await start(newPaymentInput({ psp: undefined }))).result());

      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'psp_unavailable');
      assert.deepEqual(
        mocks.inputsOf('authorizePayment').map((a) => a.psp),
        ['stripe', 'adyen'],
      );
      assert.deepEqual(mocks.postingKeys(), []);
      assert.deepEqual(mocks.eventTypes(), ['payment.failed']);
    });

    it('fails the payment with the PSP code on a PspRequestRejected authorization, without trying the next PSP', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async () => {
          throw pspRejected('parameter_invalid_integer', 'Invalid integer: amount.');
        },
      });
      const final = await withWorker(mocks, async ({ start }) => (await start(newPaymentInput({ psp: undefined }))).result());

      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'parameter_invalid_integer');
      assert.equal(final.failureMessage, 'Invalid integer: amount.');
      assert.deepEqual(
        mocks.inputsOf('authorizePayment').map((a) => a.psp),
        ['stripe'],
      );
      assert.deepEqual(mocks.inputsOf('lookupAuthorization'), []);
      assert.deepEqual(mocks.postingKeys(), []);
      assert.deepEqual(
        final.history.map((e) => e.type),
        ['created', 'failed'],
      );
    });

    it('fails the payment with psp_not_available when routing finds no PSP, before risk or any PSP call', async () => {
      const mocks = new MockActivities({
        choosePsps: async () => {
          throw ApplicationFailure.nonRetryable('no configured PSP is routed usd payments of this amount', 'PspNotAvailable');
        },
      });
      const final = await withWorker(mocks, async ({ start }) => (await start(newPaymentInput({ psp: undefined }))).result());

      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'psp_not_available');
      assert.match(final.failureMessage ?? '', /no configured PSP/);
      assert.equal(mocks.count('choosePsps'), 1, 'PspNotAvailable must not be retried');
      assert.deepEqual(mocks.steps(), ['choosePsps']);
      assert.deepEqual(
        mocks.saved().map((s) => s.status),
        ['processing', 'failed'],
      );
      assert.deepEqual(mocks.eventTypes(), ['payment.failed']);
    });
  });

  describe('risk check', () => {
    it('fails a payment the risk service blocks with risk_blocked, without sending it to a PSP', async () => {
      const mocks = new MockActivities({ assessRisk: async () => ({ decision: 'block', reason: 'email_domain_blocked' }) });
      const input = newPaymentInput({ customer: { email: 'shopper@blocked.example' } });

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.deepEqual(mocks.inputsOf('assessRisk'), [
        { paymentId: input.paymentId, amount: 1000, currency: 'usd', email: 'shopper@blocked.example' },
      ]);
      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'risk_blocked');
      assert.deepEqual(mocks.inputsOf('authorizePayment'), []);
      assert.deepEqual(mocks.postingKeys(), []);
      assert.deepEqual(mocks.eventTypes(), ['payment.failed']);
    });

    it('fails a payment above riskFallbackMaxAmount with risk_unavailable when the risk service cannot answer', async () => {
      const mocks = new MockActivities({ assessRisk: async () => ({ decision: 'unavailable', reason: 'timeout' }) });
      const input = newPaymentInput({ amount: 10_001, riskFallbackMaxAmount: 10_000 });

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.equal(final.status, 'failed');
      assert.equal(final.failureCode, 'risk_unavailable');
      assert.deepEqual(mocks.inputsOf('authorizePayment'), []);
    });

    it('lets a payment of at most riskFallbackMaxAmount proceed unchecked when the risk service cannot answer', async () => {
      const mocks = new MockActivities({ assessRisk: async () => ({ decision: 'unavailable', reason: 'http_503' }) });
      const input = newPaymentInput({ amount: 10_000, riskFallbackMaxAmount: 10_000, captureMethod: 'manual' });

      const outcome = await withWorker(mocks, async ({ start }) => (await start(input)).executeUpdate(awaitOutcomeUpdate));

      assert.equal(outcome.status, 'authorized');
      assert.equal(outcome.amountCapturable, 10_000);
      assert.deepEqual(mocks.steps(), ['choosePsps', 'assessRisk', 'authorizePayment', 'postLedgerTransaction']);
    });
  });

  describe('unknown authorization outcome', () => {
    const ambiguousFailures: [string, () => Error][] = [
      ['a plain error (timeout, dropped connection)', ambiguous],
      ['a non-retryable failure of an unknown type', () => ApplicationFailure.nonRetryable('upstream timed out', 'PspTimeout')],
    ];
    for (const [name, failure] of ambiguousFailures) {
      it(`after ${name}, never tries the next PSP: processing with psp_outcome_unknown, looked up at the first PSP until it answers`, async () => {
        let lookups = 0;
        const mocks = new MockActivities({
          choosePsps: async () => ['stripe', 'adyen'],
          authorizePayment: async () => {
            throw failure();
          },
          lookupAuthorization: async (r) => {
            if (++lookups < 3) throw new Error('PSP answered 503');
            return { outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount };
          },
        });
        const input = newPaymentInput({ psp: undefined, amount: 1000, refundWindowSeconds: HOUR_S });
        const id = input.paymentId;

        const { outcome, final } = await withWorker(mocks, async ({ start }) => {
          const handle = await start(input);
          const outcome = await handle.executeUpdate(awaitOutcomeUpdate);
          return { outcome, final: await handle.result() };
        });

        assert.equal(outcome.status, 'processing');
        assert.equal(outcome.statusReason, 'psp_outcome_unknown');
        assert.ok(
          mocks.saved().some((s) => s.statusReason === 'psp_outcome_unknown'),
          'the read model never showed the unknown outcome',
        );
        assert.deepEqual(
          mocks.inputsOf('authorizePayment').map((a) => a.psp),
          ['stripe'],
          'a second PSP could charge the card twice',
        );
        assert.deepEqual(
          mocks.inputsOf('lookupAuthorization').map((l) => [l.psp, l.idempotencyKey]),
          [
            ['stripe', `${id}:authorize`],
            ['stripe', `${id}:authorize`],
            ['stripe', `${id}:authorize`],
          ],
        );
        const [first, second, third] = mocks.timesOf('lookupAuthorization') as [number, number, number];
        assert.ok(second - first >= 1000 && third - second >= 2000, `lookups not backed off: ${[first, second, third].join(', ')}`);
        assert.equal(final.status, 'captured');
        assert.equal(final.psp, 'stripe');
        assert.equal(final.statusReason, undefined);
        assert.deepEqual(
          final.history.map((e) => e.type),
          ['created', 'outcome_unknown', 'authorized', 'captured'],
        );
        assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
        assert.deepEqual(mocks.inputsOf('raiseException'), [], 'resolved long before the deadline');
        assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured']);
      });
    }

    it('sends the authorization again, with the same idempotency key at the same PSP, when the lookup finds the PSP never saw it', async () => {
      let attempts = 0;
      const mocks = new MockActivities({
        choosePsps: async () => ['stripe', 'adyen'],
        authorizePayment: async (r) => {
          if (++attempts === 1) throw ambiguous();
          return { outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount };
        },
        lookupAuthorization: async () => ({ outcome: 'not_found' }),
      });
      const input = newPaymentInput({ psp: undefined, amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.deepEqual(mocks.steps(), [
        'choosePsps',
        'assessRisk',
        'authorizePayment',
        'lookupAuthorization',
        'authorizePayment',
        'postLedgerTransaction',
        'capturePayment',
        'postLedgerTransaction',
      ]);
      assert.deepEqual(
        mocks.inputsOf('authorizePayment').map((a) => [a.psp, a.idempotencyKey]),
        [
          ['stripe', `${id}:authorize`],
          ['stripe', `${id}:authorize`],
        ],
      );
      assert.deepEqual(mocks.inputsOf('authorizePayment')[1], mocks.inputsOf('authorizePayment')[0], 'the re-sent request differs');
      assert.equal(final.status, 'captured');
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });

    it("settles an unknown outcome by the PSP's authorized event while lookups keep failing, and stops looking up", async () => {
      const mocks = new MockActivities({
        authorizePayment: async () => {
          throw ambiguous();
        },
        lookupAuthorization: async () => {
          throw new Error('PSP answered 503');
        },
      });
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;

      const { lookupsBeforeEvent, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await mocks.called('lookupAuthorization');
        const lookupsBeforeEvent = mocks.count('lookupAuthorization');
        await handle.signal(pspEventSignal, pspEvent({ kind: 'authorized', pspReference: 'pi_from_webhook', amount: 1000, paymentId: id }));
        // An hour of workflow time: lookups that had not stopped would go on every few minutes.
        return { lookupsBeforeEvent, final: await handle.result() };
      });

      assert.equal(final.status, 'captured');
      assert.equal(final.pspReference, 'pi_from_webhook');
      const authorizedAt = eventTime(final, 'authorized');
      const late = mocks.timesOf('lookupAuthorization').filter((t) => t > authorizedAt);
      assert.deepEqual(late, [], 'lookups went on after the event settled the outcome');
      assert.ok(
        mocks.count('lookupAuthorization') <= lookupsBeforeEvent + 1,
        `${mocks.count('lookupAuthorization')} lookups, ${lookupsBeforeEvent} of them before the event`,
      );
      assert.deepEqual(
        mocks.inputsOf('capturePayment').map((c) => c.pspReference),
        ['pi_from_webhook'],
      );
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });

    it('puts an outcome still unknown at outcomeUnknownDeadlineSeconds on the exceptions list once, and resolves it when the PSP answers', async () => {
      const deadlineS = 60;
      let lookupsAfterRaise = 0;
      const mocks = new MockActivities({
        authorizePayment: async () => {
          throw ambiguous();
        },
        // Unresolved until well after the exception was raised: it must not be raised twice.
        lookupAuthorization: async (r) => {
          if (mocks.count('raiseException') === 0 || ++lookupsAfterRaise < 3) throw new Error('PSP answered 503');
          return { outcome: 'authorized', pspReference: `pi_${r.paymentId}`, amountCapturable: r.amount };
        },
      });
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S, outcomeUnknownDeadlineSeconds: deadlineS });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      const raised = mocks.inputsOf('raiseException');
      assert.equal(raised.length, 1);
      assert.equal(raised[0]!.kind, 'psp_outcome_unknown');
      assert.equal(raised[0]!.paymentId, id);
      assert.equal(raised[0]!.merchantId, 'mer_test');
      assert.equal(raised[0]!.context.psp, 'stripe');
      assert.equal(raised[0]!.context.idempotencyKey, `${id}:authorize`);
      const unknownSince = eventTime(final, 'outcome_unknown');
      const raisedAfterMs = mocks.timesOf('raiseException')[0]! - unknownSince;
      assert.ok(raisedAfterMs >= deadlineS * 1000, `raised ${raisedAfterMs} ms after the outcome became unknown`);
      assert.ok(raisedAfterMs < 10 * deadlineS * 1000, `raised only ${raisedAfterMs} ms after the outcome became unknown`);

      const resolved = mocks.inputsOf('resolveException');
      assert.equal(resolved.length, 1);
      assert.equal(resolved[0]!.kind, 'psp_outcome_unknown');
      assert.equal(resolved[0]!.paymentId, id);
      assert.equal(resolved[0]!.resolution.outcome, 'authorized');
      const names = mocks.steps();
      assert.ok(names.indexOf('raiseException') < names.indexOf('resolveException'));
      assert.ok(names.indexOf('resolveException') < names.indexOf('postLedgerTransaction'), 'resolved after the hold was posted');
      assert.equal(final.status, 'captured');
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });
  });

  describe('captures and cancels while the outcome is unknown', () => {
    /** An ambiguous authorization whose first lookup is held until the test releases it. */
    function heldLookup(answer: AuthorizeResult) {
      const release = deferred();
      const mocks = new MockActivities({
        authorizePayment: async () => {
          throw ambiguous();
        },
        lookupAuthorization: async () => {
          await release.promise;
          return answer;
        },
      });
      return { mocks, release };
    }

    it('holds a capture requested while the outcome is unknown until the lookup authorizes, then captures', async () => {
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;
      const { mocks, release } = heldLookup({ outcome: 'authorized', pspReference: `pi_${id}`, amountCapturable: 1000 });

      const { whileUnknown, capturesWhileUnknown, captured } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await mocks.called('lookupAuthorization');
        const capture = await handle.startUpdate(captureUpdate, { args: [{ amount: 600 }], waitForStage: 'ACCEPTED' });
        const whileUnknown = await handle.query(paymentStateQuery);
        const capturesWhileUnknown = mocks.count('capturePayment');
        release.resolve();
        return { whileUnknown, capturesWhileUnknown, captured: await capture.result() };
      });

      assert.equal(whileUnknown.status, 'processing');
      assert.equal(whileUnknown.statusReason, 'psp_outcome_unknown');
      assert.equal(capturesWhileUnknown, 0, 'a capture reached the PSP before the authorization was known');
      assert.equal(captured.status, 'captured');
      assert.equal(captured.amountCaptured, 600);
      assert.deepEqual(mocks.steps().slice(2), [
        'authorizePayment',
        'lookupAuthorization',
        'postLedgerTransaction',
        'capturePayment',
        'postLedgerTransaction',
      ]);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });

    it('holds a cancel requested while the outcome is unknown until the lookup authorizes, then voids and releases the hold', async () => {
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;
      const { mocks, release } = heldLookup({ outcome: 'authorized', pspReference: `pi_${id}`, amountCapturable: 1000 });

      const { cancelsWhileUnknown, canceled } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await mocks.called('lookupAuthorization');
        const cancel = await handle.startUpdate(cancelUpdate, { waitForStage: 'ACCEPTED' });
        const cancelsWhileUnknown = mocks.count('cancelPayment');
        release.resolve();
        return { cancelsWhileUnknown, canceled: await cancel.result() };
      });

      assert.equal(cancelsWhileUnknown, 0);
      assert.equal(canceled.status, 'canceled');
      assert.deepEqual(
        canceled.history.map((e) => e.type),
        ['created', 'outcome_unknown', 'authorized', 'canceled'],
      );
      assert.deepEqual(mocks.inputsOf('cancelPayment'), [{ psp: 'stripe', pspReference: `pi_${id}`, idempotencyKey: `${id}:cancel` }]);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:release`]);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.canceled']);
    });

    it('cancels at once, without waiting out the challenge, when an outcome resolved to 3-D Secure had a cancel waiting', async () => {
      // The merchant canceled while the outcome was unknown; the lookup then finds the
      // shopper in a challenge. The cancel should void it now, not after actionTimeoutSeconds.
      const actionTimeoutS = 15 * 60;
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000, actionTimeoutSeconds: actionTimeoutS });
      const { mocks, release } = heldLookup(challenge('pi_3ds'));

      const { cancel, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await mocks.called('lookupAuthorization');
        const update = await handle.startUpdate(cancelUpdate, { waitForStage: 'ACCEPTED' });
        release.resolve();
        // result() lets the test server skip time, so a cancel left waiting for the
        // challenge's timeout finishes too, and the assertions below tell which it was.
        const [cancel, final] = await Promise.allSettled([update.result(), handle.result()]);
        return { cancel, final };
      });

      assert.equal(final.status, 'fulfilled');
      const state = (final as PromiseFulfilledResult<PaymentState>).value;
      assert.equal(state.status, 'canceled');
      const waitedMs = eventTime(state, state.history.at(-1)!.type) - eventTime(state, 'requires_action');
      assert.equal(state.history.at(-1)!.type, 'canceled', `the challenge ran out (${waitedMs} ms) instead of being canceled`);
      assert.ok(waitedMs < actionTimeoutS * 1000);
      assert.equal(
        cancel.status,
        'fulfilled',
        `the cancel was refused: ${String((cancel as PromiseRejectedResult).reason?.cause?.message)}`,
      );
      assert.equal(mocks.count('cancelPayment'), 1);
      assert.deepEqual(mocks.postingKeys(), []);
    });
  });

  describe('3-D Secure', () => {
    it("answers awaitOutcome with requires_action and the redirect, then authorizes and captures on the PSP's authorized event", async () => {
      const mocks = new MockActivities({ authorizePayment: async () => challenge('pi_3ds') });
      const input = newPaymentInput({ captureMethod: 'automatic', amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;

      const { outcome, postingsWhileWaiting, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        const outcome = await handle.executeUpdate(awaitOutcomeUpdate);
        const postingsWhileWaiting = mocks.postingKeys();
        await handle.signal(pspEventSignal, pspEvent({ kind: 'authorized', pspReference: 'pi_3ds', amount: 1000, paymentId: id }));
        return { outcome, postingsWhileWaiting, final: await handle.result() };
      });

      assert.equal(mocks.inputsOf('authorizePayment')[0]!.returnUrl, input.returnUrl);
      assert.equal(outcome.status, 'requires_action');
      assert.equal(outcome.pspReference, 'pi_3ds');
      assert.deepEqual(outcome.nextAction, { type: 'redirect_to_url', url: 'https://psp.example/3ds/pi_3ds' });
      assert.deepEqual(postingsWhileWaiting, [], 'a hold was posted before the PSP authorized');
      assert.equal(final.status, 'captured');
      assert.equal(final.nextAction, undefined);
      assert.deepEqual(
        final.history.map((e) => e.type),
        ['created', 'requires_action', 'authorized', 'captured'],
      );
      assert.deepEqual(
        mocks.inputsOf('capturePayment').map((c) => [c.pspReference, c.amount]),
        [['pi_3ds', 1000]],
      );
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured']);
    });

    it('cancels a challenge the shopper never completed once actionTimeoutSeconds have passed, voiding it at the PSP', async () => {
      const actionTimeoutS = 15 * 60;
      const mocks = new MockActivities({ authorizePayment: async () => challenge('pi_3ds') });
      const input = newPaymentInput({ actionTimeoutSeconds: actionTimeoutS });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => (await start(input)).result());

      assert.equal(final.status, 'canceled');
      assert.equal(final.nextAction, undefined);
      assert.equal(final.history.at(-1)!.type, 'expired');
      const waitedMs = eventTime(final, 'expired') - eventTime(final, 'requires_action');
      assert.ok(waitedMs >= actionTimeoutS * 1000 && waitedMs < actionTimeoutS * 1000 + 60_000, `canceled after ${waitedMs} ms`);
      assert.deepEqual(mocks.inputsOf('cancelPayment'), [{ psp: 'stripe', pspReference: 'pi_3ds', idempotencyKey: `${id}:cancel` }]);
      assert.deepEqual(mocks.postingKeys(), []);
      assert.deepEqual(mocks.inputsOf('capturePayment'), []);
      assert.deepEqual(mocks.eventTypes(), ['payment.canceled']);
    });

    it('cancels a payment waiting for the shopper as soon as a cancel is requested', async () => {
      const actionTimeoutS = 15 * 60;
      const mocks = new MockActivities({ authorizePayment: async () => challenge('pi_3ds') });
      const input = newPaymentInput({ captureMethod: 'manual', actionTimeoutSeconds: actionTimeoutS });

      const canceled = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        // Time does not skip while the test waits for an update: a cancel that waited for the
        // challenge's timeout would take 15 real minutes and time the test out.
        return handle.executeUpdate(cancelUpdate);
      });

      assert.equal(canceled.status, 'canceled');
      assert.equal(canceled.history.at(-1)!.type, 'canceled');
      assert.ok(eventTime(canceled, 'canceled') - eventTime(canceled, 'requires_action') < actionTimeoutS * 1000);
      assert.equal(mocks.count('cancelPayment'), 1);
      assert.deepEqual(mocks.postingKeys(), []);
      assert.deepEqual(mocks.eventTypes(), ['payment.canceled']);
    });

    it('authorizes a challenged payment when the confirm update finds the PSP authorized it', async () => {
      const mocks = new MockActivities({ authorizePayment: async () => challenge('pi_3ds') });
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      const confirmed = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        return handle.executeUpdate(confirmUpdate, { args: [{ redirectResult: 'X3XtfGC9' }] });
      });

      const [completion] = mocks.inputsOf('completeAction');
      assert.equal(completion?.psp, 'stripe');
      assert.equal(completion?.pspReference, 'pi_3ds');
      assert.equal(completion?.redirectResult, 'X3XtfGC9');
      assert.equal(completion?.authorization.idempotencyKey, `${id}:authorize`);
      assert.equal(confirmed.status, 'authorized');
      assert.equal(confirmed.amountCapturable, 1000);
      assert.equal(confirmed.nextAction, undefined);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`]);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized']);
    });
  });

  // Captures and cancels the PSP confirms later: payment-pending-modifications.workflow.test.ts.
  describe('refunds the PSP confirms by webhook', () => {
    it('settles a pending refund on its refunded event, posting it once; a duplicate event and a late authorized event change nothing', async () => {
      const mocks = new MockActivities({
        refundPayment: async () => ({ outcome: 'pending', pspRefundReference: 'psp_re_1' }),
      });
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;
      const refunded = pspEvent({
        kind: 'refunded',
        eventId: 'evt_refunded',
        pspReference: `pi_${id}`,
        refundId: 're_1',
        pspRefundReference: 'psp_re_1',
      });

      const { pending, beforeEvent, final } = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        const pending = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_1', amount: 400 }] });
        const beforeEvent = await handle.query(paymentStateQuery);
        await handle.signal(pspEventSignal, refunded);
        await handle.signal(pspEventSignal, refunded);
        await handle.signal(pspEventSignal, { ...refunded, eventId: 'evt_refunded_again' });
        await handle.signal(pspEventSignal, pspEvent({ kind: 'authorized', pspReference: 'pi_late', amount: 1000 }));
        return { pending, beforeEvent, final: await handle.result() };
      });

      assert.equal(pending.status, 'pending');
      assert.equal(beforeEvent.amountRefunded, 0);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`, 'refund:re_1']);
      assert.equal(final.status, 'captured');
      assert.equal(final.pspReference, `pi_${id}`);
      assert.equal(final.amountCaptured, 1000);
      assert.equal(final.amountRefunded, 400);
      assert.deepEqual(
        final.refunds.map((r) => [r.id, r.status, r.pspReference]),
        [['re_1', 'succeeded', 'psp_re_1']],
      );
      assert.deepEqual(
        final.history.map((e) => e.type),
        ['created', 'authorized', 'captured', 'refund_succeeded'],
      );
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured', 'refund.succeeded']);
      assert.deepEqual(mocks.saved().at(-1), final);
      assertStrictlyIncreasing(mocks.savedVersions());
    });

    it('a refund event from a PSP that is not the payment’s settles nothing; its own PSP’s word decides', async () => {
      const mocks = new MockActivities({
        refundPayment: async () => ({ outcome: 'pending', pspRefundReference: 'psp_re_1' }),
      });
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;
      const about = { pspReference: `pi_${id}`, refundId: 're_1', pspRefundReference: 'psp_re_1' };

      const final = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        const authorized = await handle.executeUpdate(awaitOutcomeUpdate);
        assert.equal(authorized.psp, 'stripe');
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_1', amount: 400 }] });
        await handle.signal(pspEventSignal, pspEvent({ kind: 'refunded', psp: 'adyen', eventId: 'evt_foreign', ...about }));
        await handle.signal(
          pspEventSignal,
          pspEvent({ kind: 'refund_failed', eventId: 'evt_failed', failureCode: 'expired_or_canceled_card', ...about }),
        );
        return handle.result();
      });

      assert.deepEqual(
        final.refunds.map((r) => [r.id, r.status]),
        [['re_1', 'failed']],
      );
      assert.equal(final.amountRefunded, 0);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`]);
    });

    it('fails a pending refund on its refund_failed event and frees its amount for another refund', async () => {
      let refunds = 0;
      const mocks = new MockActivities({
        refundPayment: async (r) =>
          ++refunds === 1
            ? { outcome: 'pending', pspRefundReference: `psp_${r.refundId}` }
            : { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` },
      });
      const input = newPaymentInput({ amount: 1000, refundWindowSeconds: HOUR_S });
      const id = input.paymentId;

      const final = await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_1', amount: 1000 }] });
        await handle.signal(
          pspEventSignal,
          pspEvent({ kind: 'refund_failed', pspReference: `pi_${id}`, refundId: 're_1', failureCode: 'refund_declined' }),
        );
        // refund.failed is published once the failure is committed.
        await mocks.published('refund.failed');
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_2', amount: 1000 }] });
        return handle.result();
      });

      assert.deepEqual(
        final.refunds.map((r) => [r.id, r.status, r.failureCode]),
        [
          ['re_1', 'failed', 'refund_declined'],
          ['re_2', 'succeeded', undefined],
        ],
      );
      assert.equal(final.amountRefunded, 1000);
      assert.deepEqual(mocks.postingKeys(), [`payment:${id}:hold`, `payment:${id}:capture`, 'refund:re_2']);
      assert.deepEqual(mocks.eventTypes(), ['payment.authorized', 'payment.captured', 'refund.failed', 'refund.succeeded']);
    });
  });

  describe('merchant events', () => {
    it('publishes one event per transition, in order, each with the read-model state it carries', async () => {
      const mocks = new MockActivities();
      const input = newPaymentInput({ captureMethod: 'manual', amount: 1000 });
      const id = input.paymentId;

      await withWorker(mocks, async ({ start }) => {
        const handle = await start(input);
        await handle.executeUpdate(awaitOutcomeUpdate);
        await handle.executeUpdate(captureUpdate, { args: [{}] });
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_a', amount: 300 }] });
        await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_b', amount: 700 }] });
        return handle.result();
      });

      const published = mocks.events();
      assert.deepEqual(
        published.map((e) => [e.type, e.refundId, e.sourceKey]),
        [
          ['payment.authorized', undefined, `payment:${id}:payment.authorized`],
          ['payment.captured', undefined, `payment:${id}:payment.captured`],
          ['refund.succeeded', 're_a', 'refund:re_a:refund.succeeded'],
          ['refund.succeeded', 're_b', 'refund:re_b:refund.succeeded'],
        ],
      );
      // Each event is written in the one transaction that writes the state it reports.
      const carried = mocks.calls.flatMap((c) =>
        c.name === 'recordPaymentTransition' ? c.input.events.map((e) => [e.type, c.input.state.status]) : [],
      );
      assert.deepEqual(carried, [
        ['payment.authorized', 'authorized'],
        ['payment.captured', 'captured'],
        ['refund.succeeded', 'captured'],
        ['refund.succeeded', 'captured'],
      ]);
    });
  });
});
