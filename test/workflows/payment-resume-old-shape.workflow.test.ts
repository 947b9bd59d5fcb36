// A payment started before the hot path (its history in test/replay) that continues as new
// carries its state into a run of today's code, which takes the hot path: routing and risk
// are behind it, and its refunds are written as one local-activity transition each. The state
// handed over is the very one the old code wrote, taken from the recorded history.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PaymentState } from '../../domain/payment/types';
import { paymentStateQuery, refundUpdate, type PaymentInput } from '../../contracts/payment.contract';
import { MockActivities, prepareHarness, terminateStarted, withWorker } from './support/mock-activities';

const YEAR_S = 365 * 24 * 3600;

interface RecordedEvent {
  workflowExecutionStartedEventAttributes?: { input: { payloads: Array<{ data: string }> } };
  activityTaskScheduledEventAttributes?: { activityType: { name: string }; input: { payloads: Array<{ data: string }> } };
}

function decode<T>(payload: { data: string }): T {
  return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as T;
}

/** The old run's input, and the last state it saved before its first refund. */
function oldShapeRun(): { input: PaymentInput; captured: PaymentState } {
  const file = path.join(__dirname, '../replay/histories/automatic-capture-then-refunds.json');
  const events = (JSON.parse(readFileSync(file, 'utf8')) as { events: RecordedEvent[] }).events;
  const input = decode<PaymentInput>(events[0]!.workflowExecutionStartedEventAttributes!.input.payloads[0]!);
  const saved = events.flatMap((e) => {
    const scheduled = e.activityTaskScheduledEventAttributes;
    return scheduled?.activityType.name === 'savePayment' ? [decode<PaymentState>(scheduled.input.payloads[0]!)] : [];
  });
  return { input, captured: saved.find((s) => s.status === 'captured' && s.refunds.length === 0)! };
}

describe('payment workflow: a run continued from an old-shape run (time-skipping, mocked activities)', function () {
  this.timeout(60_000);

  before(prepareHarness);
  afterEach(terminateStarted);

  it('accepts the old resumeFrom state and takes the hot path for what follows', async () => {
    const { input, captured } = oldShapeRun();
    assert.equal(captured.status, 'captured', 'the recorded history has a captured state');
    const mocks = new MockActivities();

    const { refund, state } = await withWorker(mocks, async ({ start }) => {
      // As continueAsNew hands it over; the window is stretched so it is still open today.
      const handle = await start({ ...input, resumeFrom: captured, refundWindowSeconds: 10 * YEAR_S });
      const refund = await handle.executeUpdate(refundUpdate, { args: [{ refundId: 're_after_upgrade', amount: 1500 }] });
      return { refund, state: await handle.query(paymentStateQuery) };
    });

    assert.equal(refund.status, 'succeeded');
    assert.equal(state.amountRefunded, 1500);
    assert.deepEqual(mocks.steps(), ['refundPayment', 'postLedgerTransaction'], 'no routing, risk or authorization again');
    assert.equal(mocks.count('savePayment') + mocks.count('publishPaymentEvent') + mocks.count('postLedgerTransaction'), 0);
    const writes = mocks.inputsOf('recordPaymentTransition');
    assert.deepEqual(
      [...new Set(writes.map((w) => w.state.version))],
      [captured.version + 1, captured.version + 2],
      'versions go on from the old run',
    );
    assert.deepEqual(mocks.postingKeys(), ['refund:re_after_upgrade']);
    assert.deepEqual(mocks.eventTypes(), ['refund.succeeded']);
  });
});
