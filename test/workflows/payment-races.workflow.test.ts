// The payment workflow's own races, on the time-skipping test server with mocked activities:
// a refund settled by its webhook while it waited to be sent again, and a refund asked for
// while a dispute of the payment is open.
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { disputeEventSignal, disputeWorkflowId } from '../../contracts/dispute.contract';
import { disputeWorkflow } from '../../workflows/dispute.workflow';
import { awaitOutcomeUpdate, paymentWorkflowId, pspEventSignal, refundUpdate } from '../../contracts/payment.contract';
import { paymentWorkflow } from '../../workflows/payment.workflow';
import { newPaymentInput } from '../support/payment-input';
import { disputeEvent, DisputeMocks, newDisputeInput } from './support/dispute-mocks';
import {
  MockActivities,
  prepareHarness,
  pspEvent,
  refusalOf,
  terminateStarted,
  updatesInHistory,
  withWorker,
} from './support/mock-activities';
import { withTestWorker } from './support/worker-per-test';

describe('payment workflow races (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  before(prepareHarness);
  afterEach(terminateStarted);

  it('never settles a refund twice: one its webhook settled while it waited to be sent again is not sent again', async () => {
    const mocks = new MockActivities({
      refundPayment: async (r) => {
        // The first attempt ends as if every retry timed out: nobody knows if the PSP refunded.
        if (mocks.count('refundPayment') === 1) throw ApplicationFailure.nonRetryable('connection reset', 'PspUnreachable');
        return { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` };
      },
    });
    const input = newPaymentInput({ amount: 1000 });

    const { resent, final } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      const authorized = await handle.executeUpdate(awaitOutcomeUpdate);
      const pending = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_raced', amount: 600 }] });
      assert.equal(pending.status, 'pending');
      // The PSP did refund; its webhook arrives before the hour after which it is sent again.
      await handle.signal(
        pspEventSignal,
        pspEvent({ kind: 'refunded', pspReference: authorized.pspReference!, refundId: 're_raced', pspRefundReference: 'psp_re_raced' }),
      );
      // Whichever comes first: the workflow ends (its refund window), or the refund goes out again.
      const resent = await Promise.race([handle.result().then(() => false), mocks.called('refundPayment', 2).then(() => true)]);
      // Sent again, the old code counted it twice and then failed its workflow task for good.
      return { resent, final: resent ? undefined : await handle.result() };
    });

    assert.equal(resent, false, 'a settled refund is not sent to the PSP again');
    assert.ok(final);
    assert.equal(final.refunds.find((r) => r.id === 're_raced')?.status, 'succeeded');
    assert.equal(final.amountRefunded, 600, 'the refund is counted once');
    assert.equal(final.history.filter((e) => e.type === 'refund_succeeded').length, 1);
    assert.equal(mocks.postingKeys().filter((k) => k === 'refund:re_raced').length, 1);
  });

  it('sends a refund the PSP could not take again after 30 s, then less often, not after an hour', async () => {
    const mocks = new MockActivities({
      refundPayment: async (r) => {
        // A PSP outage: "not reached" is not retried by the activity (it drives failover elsewhere).
        if (mocks.count('refundPayment') <= 2) throw ApplicationFailure.nonRetryable('connect ECONNREFUSED', 'PspNotReached');
        return { outcome: 'succeeded', pspRefundReference: `psp_${r.refundId}` };
      },
    });
    const input = newPaymentInput({ amount: 1000 });

    const { timers, refund } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      const pending = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_outage', amount: 400 }] });
      assert.equal(pending.status, 'pending');
      // Waiting on the result lets the test server skip time through the resends' timers.
      const final = await handle.result();
      const history = await handle.fetchHistory();
      const timers = (history.events ?? [])
        .map((e) => e.timerStartedEventAttributes?.startToFireTimeout?.seconds)
        .filter((seconds) => seconds !== undefined && seconds !== null)
        .map(Number);
      return { timers, refund: final.refunds.find((r) => r.id === 're_outage') };
    });

    assert.equal(refund?.status, 'succeeded');
    // The resends' waits, among the workflow's other timers: 30 s, then 60 s.
    assert.ok(timers.includes(30) && timers.includes(60), JSON.stringify(timers));
    assert.ok(!timers.includes(3600), `no hour-long wait before a resend: ${JSON.stringify(timers)}`);
  });

  it('refuses a refund while a dispute of the payment is open, told by the dispute workflow, and takes it once closed', async () => {
    const payments = new MockActivities();
    const disputes = new DisputeMocks();
    const input = newPaymentInput({ amount: 1000 });

    const { violation, refusedId, inHistory, afterClose } = await withTestWorker(
      'payment-dispute',
      { ...payments.activities, ...disputes.activities },
      async ({ env, taskQueue, track }) => {
        const payment = track(
          await env.client.workflow.start(paymentWorkflow, { taskQueue, workflowId: paymentWorkflowId(input.paymentId), args: [input] }),
        );
        await payment.executeUpdate(awaitOutcomeUpdate);
        const disputeInput = await newDisputeInput(env, { paymentId: input.paymentId, amount: 1000 });
        const dispute = track(
          await env.client.workflow.signalWithStart(disputeWorkflow, {
            taskQueue,
            workflowId: disputeWorkflowId(disputeInput.disputeId),
            args: [disputeInput],
            signal: disputeEventSignal,
            signalArgs: [disputeEvent(disputeInput, 'dispute_opened')],
          }),
        );
        // The dispute looks its payment up once the payment was told; the read model is not asked.
        await disputes.called('disputedPayment');
        const refusedId = `refund-disputed-${input.paymentId}`;
        const violation = await refusalOf(
          payment.executeUpdate(refundUpdate, { args: [{ refundId: 're_disputed', amount: 100 }], updateId: refusedId }),
        );
        const inHistory = await updatesInHistory(payment);
        await dispute.signal(disputeEventSignal, disputeEvent(disputeInput, 'dispute_won'));
        await dispute.result();
        const afterClose = await payment.executeUpdate(refundUpdate, { args: [{ refundId: 're_after', amount: 100 }] });
        return { violation, refusedId, inHistory, afterClose };
      },
    );

    assert.equal(violation.code, 'charge_disputed');
    assert.ok(!inHistory.accepted.includes(refusedId), 'refused by the validator, before it entered history');
    assert.deepEqual(
      payments.inputsOf('refundPayment').map((r) => r.refundId),
      ['re_after'],
    );
    assert.equal(afterClose.status, 'succeeded', 'a closed dispute no longer stands in the way');
  });
});
