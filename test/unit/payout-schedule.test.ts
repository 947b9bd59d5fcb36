import assert from 'node:assert/strict';
import { payableOf } from '../../activities/payouts/payable-balances';
import { nextPayoutRun } from '../../domain/marketplace/payout-schedule';
import type { PayoutSchedule } from '../../domain/marketplace/types';

const daily: PayoutSchedule = { interval: 'daily', weeklyAnchor: 'monday', minimumAmount: 0 };
const weeklyOn = (weeklyAnchor: PayoutSchedule['weeklyAnchor']): PayoutSchedule => ({ interval: 'weekly', weeklyAnchor, minimumAmount: 0 });
const next = (after: string, schedule: PayoutSchedule, timeZone: string) =>
  nextPayoutRun(new Date(after), schedule, timeZone).toISOString();

describe('nextPayoutRun', () => {
  it('runs daily at the next local midnight, not the next UTC midnight', () => {
    assert.equal(next('2026-11-21T10:00:00Z', daily, 'UTC'), '2026-11-22T00:00:00.000Z');
    assert.equal(next('2026-11-21T10:00:00Z', daily, 'Europe/Berlin'), '2026-11-21T23:00:00.000Z');
    assert.equal(next('2026-11-21T10:00:00Z', daily, 'America/New_York'), '2026-11-22T05:00:00.000Z');
  });

  it('a run exactly at midnight schedules the following midnight', () => {
    assert.equal(next('2026-11-21T23:00:00Z', daily, 'Europe/Berlin'), '2026-11-22T23:00:00.000Z');
    assert.equal(next('2026-11-21T22:59:59.999Z', daily, 'Europe/Berlin'), '2026-11-21T23:00:00.000Z');
  });

  it('keeps local midnight across the DST changes in Europe/Berlin', () => {
    // Spring forward on 2026-03-29: midnight before it is 23:00Z, the one after 22:00Z.
    assert.equal(next('2026-03-28T12:00:00Z', daily, 'Europe/Berlin'), '2026-03-28T23:00:00.000Z');
    assert.equal(next('2026-03-29T12:00:00Z', daily, 'Europe/Berlin'), '2026-03-29T22:00:00.000Z');
    // Fall back on 2026-10-25: the 25-hour day ends at 23:00Z.
    assert.equal(next('2026-10-24T23:30:00Z', daily, 'Europe/Berlin'), '2026-10-25T23:00:00.000Z');
    // Weekly across the change: Monday 2026-03-30 begins at 22:00Z on the Sunday.
    assert.equal(next('2026-03-27T12:00:00Z', weeklyOn('monday'), 'Europe/Berlin'), '2026-03-29T22:00:00.000Z');
  });

  it('runs weekly only at the midnight that begins the anchor day', () => {
    // 2026-11-21 is a Saturday.
    assert.equal(next('2026-11-21T10:00:00Z', weeklyOn('monday'), 'UTC'), '2026-11-23T00:00:00.000Z');
    assert.equal(next('2026-11-21T10:00:00Z', weeklyOn('sunday'), 'UTC'), '2026-11-22T00:00:00.000Z');
    assert.equal(next('2026-11-21T10:00:00Z', weeklyOn('saturday'), 'UTC'), '2026-11-28T00:00:00.000Z');
    // At the anchor's own midnight, the next run is a week later.
    assert.equal(next('2026-11-23T00:00:00Z', weeklyOn('monday'), 'UTC'), '2026-11-30T00:00:00.000Z');
  });

  it('refuses a manual schedule, which has no runs', () => {
    assert.throws(() => nextPayoutRun(new Date(), { ...daily, interval: 'manual' }, 'UTC'), /manual/);
  });
});

describe('payableOf', () => {
  const balance = (currency: string, available: number) => ({
    currency,
    available,
    pending: 0,
    reserved: 0,
  });

  it('pays out each currency’s whole available balance once it reaches the minimum', () => {
    const balances = [balance('eur', 2500), balance('gbp', 2499), balance('usd', 10_000)];
    assert.deepEqual(payableOf(balances, 2500), [
      { currency: 'eur', amount: 2500 },
      { currency: 'usd', amount: 10_000 },
    ]);
  });

  it('never pays out a zero or negative balance, even with no minimum', () => {
    assert.deepEqual(payableOf([balance('eur', 0), balance('usd', -300), balance('jpy', 1)], 0), [{ currency: 'jpy', amount: 1 }]);
  });
});
