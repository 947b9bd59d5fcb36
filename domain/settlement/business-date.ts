// Business dates: calendar days in the platform's time zone. Pure (Intl only), so workflows
// use it to name the day a schedule fires for.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isBusinessDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The calendar date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function businessDateOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The date before `date`. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The instant a wall-clock time in `timeZone` happens (the first, if DST repeats it). */
function zonedInstant(date: string, hours: number, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hours, minutes);
  // The zone's offset at a guess, then at the corrected guess: right across a DST change.
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

function offsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** [start, end) of a business date, as instants. */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: zonedInstant(date, 0, 0, timeZone), end: zonedInstant(next, 0, 0, timeZone) };
}

/**
 * The business date a daily run at `cutoff` (HH:MM) settles. A cut-off before noon closes
 * the date before (a run at 00:30 on the 22nd settles the 21st); one from noon on closes the
 * same date (a run at 22:00 on the 22nd settles the 22nd; later postings wait for the 23rd).
 */
export function dateClosedAt(runAt: Date, cutoff: string, timeZone: string): string {
  const today = businessDateOf(runAt, timeZone);
  const hours = Number(cutoff.slice(0, 2));
  return hours >= 12 ? today : previousDate(today);
}
