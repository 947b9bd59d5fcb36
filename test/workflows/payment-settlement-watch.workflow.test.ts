// Shadow reconciliation inside the payment workflow, on the time-skipping test server with
// mocked activities: a capture the acquirer has not accepted by the deadline lands on the
// exceptions list and comes off it when its settlement arrives; an expired hold can be voided
// on request (what settlement does first). Timers are skipped while the test awaits results.
import assert from 'node:assert/strict';
import { awaitOutcomeUpdate, expireHoldUpdate, paymentStateQuery, settledSignal } from '../../contracts/payment.contract';
import { newPaymentInput } from '../support/payment-input';
import { MockActivities, prepareHarness, pspNotReached, refusalOf, terminateStarted, withWorker } from './support/mock-activities';

const DAY_S = 24 * 3600;

describe('payment workflow: settlement watch and expiry on request (time-skipping, mocked activities)', function () {
  this.timeout(60_000);
  before(prepareHarness);
  afterEach(terminateStarted);

  it('a capture not settled by the deadline becomes a capture_unsettled exception, resolved when the settlement arrives', async () => {
    const mocks = new MockActivities();
    const input = newPaymentInput({ settlementDeadlineSeconds: 3 * DAY_S, refundWindowSeconds: 30 * DAY_S });

    await withWorker(mocks, async ({ start, env }) => {
      const handle = await start(input);
      assert.equal((await handle.executeUpdate(awaitOutcomeUpdate)).status, 'captured');
      const capturedAt = mocks.postingTimes().at(-1)!;
      // Skips time until the watch's deadline timer fires and the exception is raised.
      await env.sleep(3 * DAY_S * 1000 + 1000);
      await mocks.called('raiseException');
      const raised = mocks.inputsOf('raiseException')[0]!;
      assert.equal(raised.kind, 'capture_unsettled');
      assert.equal(raised.paymentId, input.paymentId);
      assert.ok(mocks.timesOf('raiseException')[0]! - capturedAt >= 3 * DAY_S * 1000, 'raised no earlier than the deadline');
      assert.equal(mocks.count('resolveException'), 0);

      await handle.signal(settledSignal, { settlementId: 'stl_test', kind: 'capture' });
      await mocks.called('resolveException');
      assert.deepEqual(
        mocks.inputsOf('resolveException').map((r) => [r.kind, r.paymentId]),
        [['capture_unsettled', input.paymentId]],
      );
    });
  });

  it('a capture settled before the deadline raises nothing, and a refund notice does not count as its settlement', async () => {
    const mocks = new MockActivities();
    const input = newPaymentInput({ settlementDeadlineSeconds: 3 * DAY_S, refundWindowSeconds: 10 * DAY_S });

    const result = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      await handle.signal(settledSignal, { settlementId: 'stl_test', kind: 'refund' });
      await handle.signal(settledSignal, { settlementId: 'stl_test', kind: 'capture' });
      // Runs to the end of the refund window, well past the settlement deadline.
      return handle.result();
    });

    assert.equal(result.status, 'captured');
    assert.equal(mocks.count('raiseException'), 0);
  });

  it('payments started without a settlement deadline never watch (their histories replay unchanged)', async () => {
    const mocks = new MockActivities();
    const input = newPaymentInput({ refundWindowSeconds: 10 * DAY_S });

    await withWorker(mocks, async ({ start }) => (await start(input)).result());

    assert.equal(mocks.count('raiseException'), 0);
  });

  it('expireHold refuses a hold that has not expired, and voids an expired one at once while its own void waits to retry', async () => {
    let cancels = 0;
    const mocks = new MockActivities({
      cancelPayment: async () => {
        cancels++;
        // The first void, at the hold's own deadline, finds the PSP unreachable.
        if (cancels === 1) throw pspNotReached();
        return { outcome: 'canceled' };
      },
    });
    const input = newPaymentInput({ captureMethod: 'manual', captureBeforeSeconds: DAY_S });

    await withWorker(mocks, async ({ start, env }) => {
      const handle = await start(input);
      assert.equal((await handle.executeUpdate(awaitOutcomeUpdate)).status, 'authorized');

      const early = await refusalOf(handle.executeUpdate(expireHoldUpdate));
      assert.equal(early.code, 'hold_not_expired');
      assert.equal(mocks.count('cancelPayment'), 0);

      await env.sleep(DAY_S * 1000 + 1000);
      await mocks.called('cancelPayment');
      assert.equal((await handle.query(paymentStateQuery)).status, 'authorized', 'the failed void keeps the hold');

      const state = await handle.executeUpdate(expireHoldUpdate);
      assert.equal(state.status, 'canceled');
      const [failedAt, voidedAt] = mocks.timesOf('cancelPayment');
      assert.ok(voidedAt! - failedAt! < 3600_000, 'voided on request, before the hourly retry');
      assert.deepEqual(
        mocks.postingKeys().filter((k) => k.endsWith(':release')),
        [`payment:${input.paymentId}:release`],
      );
    });
  });
});
