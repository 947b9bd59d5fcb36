// The payout schedule workflow on the time-skipping test server, with its activities mocked
// (the payouts it starts are real payout workflows on the same mocks, left in transit and
// ended with the test: the test server cannot complete a child whose parent already continued
// as new). Runs fall at local midnight in Europe/Berlin, checked against the test server's
// skipped clock.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { nextPayoutRun } from '../../domain/marketplace/payout-schedule';
import type { PayoutSchedule } from '../../domain/marketplace/types';
import { businessDateOf } from '../../domain/settlement/business-date';
import { nextPayoutRunQuery, scheduleChangedSignal, type PayoutScheduleInput } from '../../contracts/payout-schedule.contract';
import { payoutEventSignal, payoutWorkflowId } from '../../contracts/payout.contract';
import {
  newPayoutInput,
  payoutEvent,
  PayoutMocks,
  prepareHarness,
  withPayoutWorker,
  type PayoutRun,
  type ScheduleHandle,
} from './support/payout-mocks';

const TIME_ZONE = 'Europe/Berlin';
const MANUAL: PayoutSchedule = { interval: 'manual', weeklyAnchor: 'monday', minimumAmount: 0 };
const daily = (minimumAmount = 0): PayoutSchedule => ({ interval: 'daily', weeklyAnchor: 'monday', minimumAmount });

function scheduleInput(schedule: PayoutSchedule): PayoutScheduleInput {
  return {
    sellerId: `sel_${randomUUID().replaceAll('-', '').slice(0, 12)}`,
    merchantId: 'mer_test',
    schedule,
    psp: 'stripe',
    timeZone: TIME_ZONE,
    approvalThreshold: 1_000_000,
  };
}

/** Payout mocks whose balances answer `payable`, calling `onRun` first with the run's number. */
function scheduleMocks(payable: Array<{ currency: string; amount: number }>, onRun: (run: number) => Promise<void>) {
  let runs = 0;
  return new PayoutMocks({
    payableBalances: async () => {
      await onRun(++runs);
      return payable;
    },
  });
}

/**
 * Starts the schedule and waits until it ended (a run's `onRun` switches it to manual) and
 * each of the `payouts` payouts it started is in transit.
 */
async function runSchedule(
  mocks: PayoutMocks,
  run: PayoutRun,
  input: PayoutScheduleInput,
  ref: { handle?: ScheduleHandle },
  payouts: number,
  afterStart: (handle: ScheduleHandle) => Promise<void> = async () => undefined,
) {
  const savedBefore = mocks.count('savePayout');
  ref.handle = await run.startSchedule(input);
  await afterStart(ref.handle);
  await ref.handle.result();
  await mocks.called('savePayout', savedBefore + 2 * payouts);
  for (const id of new Set(mocks.inputsOf('savePayout').map((s) => s.id))) run.adopt(payoutWorkflowId(id));
}

/** The payout each run started (its first read-model write), by id. */
function startedPayouts(mocks: PayoutMocks) {
  return mocks.inputsOf('savePayout').filter((s) => s.version === 1);
}

const weekdayIn = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone }).format(new Date(instant)).toLowerCase();
const compactDate = (instant: number) => businessDateOf(new Date(instant), TIME_ZONE).replaceAll('-', '');

/** Asserts `actual` (workflow time) fell at `expected`, give or take the time a workflow task takes. */
function assertAt(actual: number, expected: Date, what: string): void {
  assert.ok(
    actual >= expected.getTime() && actual - expected.getTime() < 60_000,
    `${what} at ${new Date(actual).toISOString()}, expected ${expected.toISOString()}`,
  );
}

describe('payout schedule workflow (time-skipping, mocked activities)', function () {
  this.timeout(60_000);
  before(prepareHarness);

  it('pays each payable currency at every local midnight, under ids naming seller, date and currency', async () => {
    const ref: { handle?: ScheduleHandle } = {};
    const mocks = scheduleMocks(
      [
        { currency: 'eur', amount: 7000 },
        { currency: 'usd', amount: 5000 },
      ],
      async (n) => {
        if (n === 2) await ref.handle!.signal(scheduleChangedSignal, MANUAL);
      },
    );
    const input = scheduleInput(daily(100));

    const { startedAt, firstNextRun } = await withPayoutWorker(mocks, async (run) => {
      const startedAt = await run.env.currentTimeMs();
      let firstNextRun: string | null = null;
      await runSchedule(mocks, run, input, ref, 4, async (handle) => {
        firstNextRun = await handle.query(nextPayoutRunQuery);
      });
      return { startedAt, firstNextRun };
    });

    const first = nextPayoutRun(new Date(startedAt), input.schedule, TIME_ZONE);
    const second = nextPayoutRun(first, input.schedule, TIME_ZONE);
    assert.equal(firstNextRun, first.toISOString());
    const [atFirst, atSecond] = mocks.timesOf('payableBalances');
    assertAt(atFirst!, first, 'first run');
    assertAt(atSecond!, second, 'second run');
    assert.deepEqual(mocks.inputsOf('payableBalances'), [
      { sellerId: input.sellerId, minimumAmount: 100 },
      { sellerId: input.sellerId, minimumAmount: 100 },
    ]);

    const payouts = startedPayouts(mocks);
    assert.deepEqual(
      payouts.map((p) => `${p.id} ${p.amount} ${p.currency} ${p.method}`).sort(),
      [first, second]
        .flatMap((at) => [
          `po_auto_${input.sellerId}_${compactDate(at.getTime())}_eur 7000 eur automatic`,
          `po_auto_${input.sellerId}_${compactDate(at.getTime())}_usd 5000 usd automatic`,
        ])
        .sort(),
    );
    for (const payout of payouts) {
      assert.match(payout.id, /^[A-Za-z0-9_-]+$/);
      const runAt = payout.id.includes(compactDate(first.getTime())) ? first : second;
      assertAt(Date.parse(payout.createdAt), runAt, `payout ${payout.id} created`);
    }
  });

  it('weekly runs only at the midnight that begins the anchor day', async () => {
    const ref: { handle?: ScheduleHandle } = {};
    const mocks = scheduleMocks([{ currency: 'usd', amount: 5000 }], async (n) => {
      if (n === 2) await ref.handle!.signal(scheduleChangedSignal, MANUAL);
    });

    const { input } = await withPayoutWorker(mocks, async (run) => {
      const now = await run.env.currentTimeMs();
      // Two days after today, so the first run is not the next midnight.
      const anchor = weekdayIn(now + 2 * 86_400_000, TIME_ZONE) as PayoutSchedule['weeklyAnchor'];
      const input = scheduleInput({ interval: 'weekly', weeklyAnchor: anchor, minimumAmount: 0 });
      await runSchedule(mocks, run, input, ref, 2);
      return { input };
    });

    const times = mocks.timesOf('payableBalances');
    assert.equal(times.length, 2);
    for (const at of times) {
      // A moment after midnight, the day that began is the anchor.
      assert.equal(weekdayIn(at, TIME_ZONE), input.schedule.weeklyAnchor);
      assert.equal(businessDateOf(new Date(at - 60_000), TIME_ZONE) !== businessDateOf(new Date(at), TIME_ZONE), true, 'runs at midnight');
    }
    const days = (times[1]! - times[0]!) / 86_400_000;
    assert.ok(days > 6.9 && days < 7.1, `runs ${days} days apart`);
  });

  it('a changed schedule applies from the next run, and manual ends the workflow', async () => {
    const ref: { handle?: ScheduleHandle } = {};
    const mocks = scheduleMocks([], async () => {
      await ref.handle!.signal(scheduleChangedSignal, MANUAL);
    });

    await withPayoutWorker(mocks, async (run) => {
      const input = scheduleInput(daily(0));
      ref.handle = await run.startSchedule(input);
      await ref.handle.signal(scheduleChangedSignal, daily(2500));
      await ref.handle.result();
      assert.equal(await ref.handle.query(nextPayoutRunQuery), null);
    });

    assert.deepEqual(
      mocks.inputsOf('payableBalances').map((q) => q.minimumAmount),
      [2500],
    );

    const ended = new PayoutMocks();
    const status = await withPayoutWorker(ended, async (run) => {
      const handle = await run.startSchedule(scheduleInput(daily(0)));
      await handle.signal(scheduleChangedSignal, MANUAL);
      await handle.result();
      return (await handle.describe()).status.name;
    });
    assert.equal(status, 'COMPLETED');
    assert.equal(ended.count('payableBalances'), 0);
  });

  it('does not pay a balance twice when a run’s payout was already made', async () => {
    const ref: { handle?: ScheduleHandle } = {};
    const mocks = scheduleMocks(
      [
        { currency: 'eur', amount: 7000 },
        { currency: 'usd', amount: 5000 },
      ],
      async () => {
        await ref.handle!.signal(scheduleChangedSignal, MANUAL);
      },
    );
    const input = scheduleInput(daily(0));

    const earlierId = await withPayoutWorker(mocks, async (run) => {
      const runAt = nextPayoutRun(new Date(await run.env.currentTimeMs()), input.schedule, TIME_ZONE);
      // The usd payout of the coming run already happened (an earlier run of this schedule), and ended.
      const earlierId = `po_auto_${input.sellerId}_${compactDate(runAt.getTime())}_usd`;
      const earlier = await run.startPayout(newPayoutInput({ payoutId: earlierId, sellerId: input.sellerId, method: 'automatic' }));
      await mocks.called('savePayout', 2);
      await earlier.signal(payoutEventSignal, payoutEvent({ kind: 'payout_paid', pspPayoutReference: `psp_${earlierId}` }));
      // Awaiting its result would let the test server skip time, past the coming run: poll instead.
      await mocks.called('publishObjectEvent');
      while ((await earlier.describe()).status.name === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 20));
      await runSchedule(mocks, run, input, ref, 1);
      return earlierId;
    });

    const reservations = mocks.postingKeys().filter((k) => k.endsWith(':reserve'));
    assert.deepEqual(reservations.sort(), [`payout:${earlierId}:reserve`, `payout:${earlierId.replace(/_usd$/, '_eur')}:reserve`].sort());
    assert.equal(mocks.count('sendPayout'), 2, 'the earlier usd payout and the new eur one');
  });
});
