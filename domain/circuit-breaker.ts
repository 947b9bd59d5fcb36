// A PSP's circuit breaker, shared by every worker through one Postgres row (psp_circuits).
// Pure and workflow-safe: this file reads a state from the row; the transitions are single
// SQL statements in db/queries/psp-circuits.ts, because many workers apply them at once and
// only the database can apply each one atomically:
//
//   closed ──(failures reach the threshold)──▶ open until T
//   open ──(a failure while open: the PSP is still failing)──▶ open until now + period
//   open ──(T passes)──▶ half-open: the first payment to claim the probe is routed there,
//                        and the claim itself re-opens the breaker for one period, so no other
//                        payment follows it; a probe that never calls expires the same way
//   any ──(a success, the probe's or any in-flight call's)──▶ closed, failures reset
//
// Only transport failures count (connection errors, timeouts, 5xx); a refused request is a
// healthy answer. Timestamps are the database's clock, the one clock all workers share.

export type CircuitState = 'closed' | 'open' | 'half_open';

/** The part of a breaker row its state depends on; no row = a PSP that never failed. */
export interface CircuitTimes {
  openUntil: Date | null;
}

export function circuitState(circuit: CircuitTimes | undefined, now: Date): CircuitState {
  if (!circuit?.openUntil) return 'closed';
  return circuit.openUntil.getTime() > now.getTime() ? 'open' : 'half_open';
}

/**
 * What merchants see of a PSP (GET /v1/psps): a status, never the PSP's error text, which can
 * carry internal hosts and addresses; that stays in the row for operators.
 */
export const PSP_HEALTH_STATUSES = ['healthy', 'degraded', 'down'] as const;
export type PspHealthStatus = (typeof PSP_HEALTH_STATUSES)[number];

export function pspHealthStatus(circuit: (CircuitTimes & { consecutiveFailures: number }) | undefined, now: Date): PspHealthStatus {
  if (circuitState(circuit, now) === 'open') return 'down';
  return (circuit?.consecutiveFailures ?? 0) > 0 ? 'degraded' : 'healthy';
}
