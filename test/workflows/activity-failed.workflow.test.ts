// A payment's (or dispute's) step whose write the database refuses for good
// (ActivityDataRejected), on the time-skipping test server with mocked activities: it stops, raises one `activity_failed`
// exception with its context, keeps answering queries, and does what a person decides —
// `retry` runs the step again; `fail` gives it up only where no money moved.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import assert from 'node:assert/strict';
import { ACTIVITY_FAILED } from '../../domain/activity-failures';
import { activityFailedSignal, activityFailedSubject } from '../../contracts/activity-failed.contract';
import { awaitOutcomeUpdate, paymentStateQuery, paymentWorkflowId, refundUpdate } from '../../contracts/payment.contract';
import { disputeEventSignal, disputeStateQuery, disputeWorkflowId } from '../../contracts/dispute.contract';
import { newPaymentInput } from '../support/payment-input';
import { awaitReservationUpdate, payoutEventSignal, payoutStateQuery, payoutWorkflowId } from '../../contracts/payout.contract';
import { deferred, disputeEvent, DisputeMocks, newDisputeInput, withDisputeWorker } from './support/dispute-mocks';
import { newPayoutInput, payoutEvent, PayoutMocks, withPayoutWorker } from './support/payout-mocks';
import { MockActivities, prepareHarness, terminateStarted, withWorker } from './support/mock-activities';
import { ACTIVITY_DATA_REJECTED, STEP_ABANDONED } from '../../domain/failures';

/** As the activities' database layer raises it: retryable unless the workflow says otherwise. */
function dataRejected(): ApplicationFailure {
  return ApplicationFailure.create({
    type: ACTIVITY_DATA_REJECTED,
    message: 'the database refused the data (SQLSTATE 22021): invalid byte sequence for encoding "UTF8": 0x00',
    details: [{ sqlstate: '22021' }],
  });
}

/**
 * Serves raiseException beside a harness's own mocks (dispute and payout mocks have none),
 * noting each exception and resolving `first` at the first one.
 */
function servingExceptions<M extends { activities: object }>(mocks: M) {
  const raised: Array<{ kind: string; subject?: string; context: Record<string, unknown> }> = [];
  const first = deferred();
  const activities = {
    ...mocks.activities,
    raiseException: async (exception: (typeof raised)[number]) => {
      raised.push(exception);
      first.resolve();
      return `exc_${raised.length}`;
    },
  };
  return { mocks: Object.assign(mocks, { activities }), raised, first };
}

describe('a write no retry can fix waits for a person (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  before(prepareHarness);
  afterEach(terminateStarted);

  it('stops at the refused write, raises activity_failed once, answers queries, and runs the step again on retry', async () => {
    let refusing = true;
    const mocks = new MockActivities({
      recordPaymentTransition: async () => {
        if (refusing) throw dataRejected();
      },
    });
    const input = newPaymentInput();
    const workflowId = paymentWorkflowId(input.paymentId);

    const { whileWaiting, final } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await mocks.called('raiseException');
      const whileWaiting = await handle.query(paymentStateQuery);
      refusing = false; // the fix is deployed
      await handle.signal(activityFailedSignal, {
        subject: activityFailedSubject(workflowId, 'recordPaymentTransition:v1'),
        action: 'retry',
        by: 'key_finance',
      });
      return { whileWaiting, final: await handle.executeUpdate(awaitOutcomeUpdate) };
    });

    assert.equal(whileWaiting.id, input.paymentId, 'the workflow answers queries while it waits');
    const raised = mocks.inputsOf('raiseException');
    assert.equal(raised.length, 1, 'raised once, not once per retry');
    assert.equal(raised[0]!.kind, ACTIVITY_FAILED);
    assert.equal(raised[0]!.subject, `${workflowId}/recordPaymentTransition:v1`);
    assert.equal(raised[0]!.paymentId, input.paymentId);
    assert.equal(raised[0]!.merchantId, undefined, "not on the merchant's own list: it quotes the database");
    assert.deepEqual(
      { ...raised[0]!.context, runId: undefined },
      {
        workflowId,
        runId: undefined,
        workflowType: 'paymentWorkflow',
        activity: 'recordPaymentTransition',
        step: 'recordPaymentTransition:v1',
        error: { type: ACTIVITY_DATA_REJECTED, message: dataRejected().message, details: { sqlstate: '22021' } },
        merchantId: input.merchantId,
        timesRaised: 1,
        actions: ['retry', 'fail'],
        failAllowed: true,
      },
    );
    assert.equal(mocks.inputsOf('recordPaymentTransition')[0]!.state.version, 1);
    assert.equal(mocks.inputsOf('recordPaymentTransition')[1]!.state.version, 1, 'the retry runs the same step again');
    assert.equal(final.status, 'captured');
  });

  it('gives a step up on fail where no money moved: the workflow ends, no PSP was asked', async () => {
    const mocks = new MockActivities({
      recordPaymentTransition: async () => {
        throw dataRejected();
      },
    });
    const input = newPaymentInput();

    const failure = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await mocks.called('raiseException');
      const subject = activityFailedSubject(paymentWorkflowId(input.paymentId), 'recordPaymentTransition:v1');
      await handle.signal(activityFailedSignal, { subject, action: 'fail', by: 'key_finance' });
      return handle.result().then(
        () => assert.fail('expected the workflow to fail'),
        (error: unknown) => error,
      );
    });

    assert.ok(failure instanceof WorkflowFailedError);
    assert.equal((failure.cause as ApplicationFailure).type, STEP_ABANDONED);
    assert.equal(mocks.count('authorizePayment'), 0);
    assert.equal(mocks.count('recordPaymentTransition'), 1);
  });

  it('never drops a refund posting after the PSP refunded: fail is not taken, retry posts it once', async () => {
    let refusing = true;
    const mocks = new MockActivities({
      recordPaymentTransition: async ({ posting }) => {
        if (refusing && posting?.postingKey.startsWith('refund:')) throw dataRejected();
      },
    });
    const input = newPaymentInput({ amount: 1000 });
    // Created, authorized, captured, refund pending: the refund's success is the fifth version.
    const subject = activityFailedSubject(paymentWorkflowId(input.paymentId), 'recordPaymentTransition:v5');

    const { whileWaiting, refund } = await withWorker(mocks, async ({ start }) => {
      const handle = await start(input);
      await handle.executeUpdate(awaitOutcomeUpdate);
      const update = await handle.startUpdate(refundUpdate, { args: [{ refundId: 're_books', amount: 400 }], waitForStage: 'ACCEPTED' });
      await mocks.called('raiseException');
      await handle.signal(activityFailedSignal, { subject, action: 'fail', by: 'key_finance' });
      const whileWaiting = await handle.query(paymentStateQuery);
      refusing = false;
      await handle.signal(activityFailedSignal, { subject, action: 'retry', by: 'key_finance' });
      return { whileWaiting, refund: await update.result() };
    });

    const raised = mocks.inputsOf('raiseException');
    assert.equal(raised.length, 1);
    assert.equal(raised[0]!.context.failAllowed, false);
    assert.deepEqual(raised[0]!.context.actions, ['retry']);
    assert.equal(whileWaiting.refunds[0]?.status, 'pending', 'still waiting after the refused fail');
    assert.equal(refund.status, 'succeeded');
    const refundWrites = mocks.inputsOf('recordPaymentTransition').filter((t) => t.posting?.postingKey === 'refund:re_books');
    assert.equal(refundWrites.length, 2, 'refused once, posted on retry');
  });

  it('keeps a dispute hold waiting for a person: the PSP took the money, so the posting is only ever retried', async () => {
    let refusing = true;
    const { mocks, raised, first } = servingExceptions(
      new DisputeMocks({
        postLedgerTransaction: async (posting) => {
          if (refusing) throw dataRejected();
          return { transactionId: `ltx_${posting.postingKey}`, created: true };
        },
      }),
    );

    const { whileWaiting, final, input } = await withDisputeWorker(mocks, async ({ env, start }) => {
      const input = await newDisputeInput(env);
      const handle = await start(input);
      await first.promise;
      const subject = activityFailedSubject(disputeWorkflowId(input.disputeId), `postLedgerTransaction:dispute:${input.disputeId}:hold`);
      await handle.signal(activityFailedSignal, { subject, action: 'fail', by: 'key_finance' });
      const whileWaiting = await handle.query(disputeStateQuery);
      refusing = false;
      await handle.signal(activityFailedSignal, { subject, action: 'retry', by: 'key_finance' });
      await mocks.called('publishObjectEvent');
      await handle.signal(disputeEventSignal, disputeEvent(input, 'dispute_won'));
      return { whileWaiting, final: await handle.result(), input };
    });

    assert.equal(raised.length, 1);
    const context = raised[0]!.context;
    assert.equal(context.workflowId, disputeWorkflowId(input.disputeId));
    assert.deepEqual(context.actions, ['retry']);
    assert.equal(whileWaiting.status, 'needs_response');
    assert.equal(final.status, 'won');
    assert.deepEqual(
      mocks.postingKeys(),
      [`dispute:${input.disputeId}:hold`, `dispute:${input.disputeId}:hold`, `dispute:${input.disputeId}:won`],
      'refused once, then posted on retry; the fail was not taken',
    );
  });

  it('keeps a payout posting after the PSP paid waiting for a person, and posts it on retry', async () => {
    let refusing = true;
    const { mocks, raised, first } = servingExceptions(
      new PayoutMocks({
        postLedgerTransaction: async (posting) => {
          if (refusing && posting.postingKey.endsWith(':paid')) throw dataRejected();
          return { transactionId: `ltx_${posting.postingKey}`, created: true };
        },
      }),
    );
    const input = newPayoutInput({ amount: 2500 });
    const id = input.payoutId;

    const { whileWaiting, final } = await withPayoutWorker(mocks, async ({ startPayout }) => {
      const handle = await startPayout(input);
      await handle.executeUpdate(awaitReservationUpdate);
      await mocks.called('savePayout', 2);
      await handle.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${id}`, payoutId: id }));
      await first.promise;
      const subject = activityFailedSubject(payoutWorkflowId(id), `postLedgerTransaction:payout:${id}:paid`);
      await handle.signal(activityFailedSignal, { subject, action: 'fail', by: 'key_finance' });
      const whileWaiting = await handle.query(payoutStateQuery);
      refusing = false;
      await handle.signal(activityFailedSignal, { subject, action: 'retry', by: 'key_finance' });
      return { whileWaiting, final: await handle.result() };
    });

    assert.equal(raised.length, 1);
    assert.deepEqual(raised[0]!.context.actions, ['retry']);
    assert.equal(whileWaiting.status, 'in_transit');
    assert.equal(final?.status, 'paid');
    assert.deepEqual(mocks.postingKeys(), [`payout:${id}:reserve`, `payout:${id}:paid`, `payout:${id}:paid`]);
  });
});
