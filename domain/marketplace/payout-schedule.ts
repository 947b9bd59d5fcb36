// When a seller's payout schedule runs next. Pure (Intl only, through the business-date
// helpers), so the payout schedule workflow computes its timers here.
import { businessDateOf, dayBounds } from '../settlement/business-date';
import { WEEKDAYS, type PayoutSchedule, type Weekday } from './types';

/**
 * The first local midnight in `timeZone` strictly after `after` that the schedule runs at:
 * every midnight for `daily`, the midnight that begins `weeklyAnchor` for `weekly`. Midnights
 * come from the zone's own calendar, so a 23- or 25-hour DST day moves the instant, not the
 * wall-clock time. `manual` never runs: asking is a bug.
 */
export function nextPayoutRun(after: Date, schedule: PayoutSchedule, timeZone: string): Date {
  if (schedule.interval === 'manual') throw new Error('a manual payout schedule has no next run');
  // The end of `after`'s local day is the first midnight after it, even when `after` is one.
  let date = businessDateOf(after, timeZone);
  for (let day = 0; day < 7; day++) {
    const { end } = dayBounds(date, timeZone);
    date = businessDateOf(end, timeZone);
    if (schedule.interval === 'daily' || weekdayOf(date) === schedule.weeklyAnchor) return end;
  }
  throw new Error(`no ${schedule.weeklyAnchor} within a week of ${after.toISOString()}`);
}

/** The weekday of a YYYY-MM-DD calendar date (the same everywhere: no zone involved). */
function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7]!;
}
