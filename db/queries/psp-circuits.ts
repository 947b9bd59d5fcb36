// The shared circuit breakers (see domain/circuit-breaker.ts). Each event is one statement,
// so many workers recording at once serialize on the PSP's row and never lose a count, and
// every timestamp is the database's now(), the clock all workers share.
import { sql } from 'drizzle-orm';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { pspCircuits } from '../schema';

export type PspCircuit = Omit<typeof pspCircuits.$inferSelect, 'updatedAt'>;

/**
 * Every breaker row, and the database's clock to judge them by. A PSP without a row has
 * never failed; when there are no rows at all no state depends on the clock, so the local
 * one stands in.
 */
export async function readPspCircuits(db: Database): Promise<{ now: Date; circuits: PspCircuit[] }> {
  const rows = await db
    .select({
      psp: pspCircuits.psp,
      consecutiveFailures: pspCircuits.consecutiveFailures,
      openUntil: pspCircuits.openUntil,
      lastFailure: pspCircuits.lastFailure,
      lastFailureAt: pspCircuits.lastFailureAt,
      lastSuccessAt: pspCircuits.lastSuccessAt,
      healthChangedAt: pspCircuits.healthChangedAt,
      now: sql<Date>`now()`.mapWith(pspCircuits.updatedAt),
    })
    .from(pspCircuits);
  return { now: rows[0]?.now ?? new Date(), circuits: rows.map(({ now: _now, ...circuit }) => circuit) };
}

/**
 * Counts a transport failure; the one that reaches the threshold opens the breaker, and any
 * later one while it is open keeps it open for another period (the PSP is still failing).
 */
export async function recordPspFailure(
  db: Database,
  event: { psp: PspName; failure: string; threshold: number; openSeconds: number },
): Promise<void> {
  const openUntil = sql`now() + make_interval(secs => ${event.openSeconds})`;
  await db
    .insert(pspCircuits)
    .values({
      psp: event.psp,
      consecutiveFailures: 1,
      openUntil: event.threshold <= 1 ? openUntil : null,
      lastFailure: event.failure,
      lastFailureAt: sql`now()`,
      healthChangedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: pspCircuits.psp,
      set: {
        consecutiveFailures: sql`${pspCircuits.consecutiveFailures} + 1`,
        openUntil: sql`case when ${pspCircuits.consecutiveFailures} + 1 >= ${event.threshold} then ${openUntil} else ${pspCircuits.openUntil} end`,
        lastFailure: sql`excluded.last_failure`,
        lastFailureAt: sql`now()`,
        // The first failure of a run: the PSP has been failing since now.
        healthChangedAt: sql`case when ${pspCircuits.consecutiveFailures} = 0 then now() else ${pspCircuits.healthChangedAt} end`,
        updatedAt: sql`now()`,
      },
    });
}

/**
 * Closes the breaker and resets the count. It runs after every PSP call, so it writes only
 * when something changes, or when `last_success_at` is older than `refreshSeconds`: a healthy
 * PSP costs one index lookup per call and a write per period, not a write (and a lock on the
 * one row every worker shares) per call.
 */
export async function recordPspSuccess(db: Database, psp: PspName, refreshSeconds: number): Promise<void> {
  await db.execute(sql`
    with changed as (
      update ${pspCircuits}
      set consecutive_failures = 0, open_until = null, last_success_at = now(), updated_at = now(),
          -- The success that ends a run of failures: healthy again since now.
          health_changed_at = case when consecutive_failures > 0 then now() else health_changed_at end
      where psp = ${psp}
        and (consecutive_failures > 0 or open_until is not null or last_success_at is null
             or last_success_at < now() - make_interval(secs => ${refreshSeconds}))
      returning psp
    )
    insert into ${pspCircuits} (psp, last_success_at, updated_at)
    select ${psp}, now(), now()
    where not exists (select 1 from ${pspCircuits} where psp = ${psp})
    on conflict (psp) do nothing`);
}

/**
 * Claims a half-open breaker's one probe. The claim moves `open_until` a period ahead, so of
 * many concurrent claimers exactly one matches: the others wait on the row, then re-check it
 * and find it open again. True when this caller holds the probe.
 */
export async function claimPspProbe(db: Database, psp: PspName, leaseSeconds: number): Promise<boolean> {
  const claimed = await db
    .update(pspCircuits)
    .set({ openUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, updatedAt: sql`now()` })
    .where(sql`${pspCircuits.psp} = ${psp} and ${pspCircuits.openUntil} <= now()`)
    .returning({ psp: pspCircuits.psp });
  return claimed.length > 0;
}
