// GET /v1/psps: every PSP holdfast knows, whether it is configured here, its health and its
// shared circuit breaker as all workers see it. PSP health is not per merchant: any key may
// read it, so it shows a status, never the PSP's error text (internal hosts, addresses).
import { Router } from 'express';
import { readPspCircuits, type PspCircuit } from '../../db/queries/psp-circuits';
import { circuitState, pspHealthStatus } from '../../domain/circuit-breaker';
import { PSP_NAMES, type PspName } from '../../domain/psp';
import type { ApiDeps } from '../deps';

const unixSeconds = (date: Date | null) => (date === null ? null : Math.floor(date.getTime() / 1000));

export function pspRoutes({ db, availablePsps }: ApiDeps): Router {
  const router = Router();

  router.get('/psps', async (_req, res) => {
    const { now, circuits } = await readPspCircuits(db);
    const data = PSP_NAMES.map((psp) =>
      pspView(
        psp,
        availablePsps.includes(psp),
        circuits.find((circuit) => circuit.psp === psp),
        now,
      ),
    );
    res.json({ object: 'list', data, has_more: false });
  });

  return router;
}

function pspView(psp: PspName, configured: boolean, circuit: PspCircuit | undefined, now: Date) {
  return {
    object: 'psp' as const,
    psp,
    configured,
    health: { status: pspHealthStatus(circuit, now), since: unixSeconds(circuit?.healthChangedAt ?? null) },
    breaker: {
      state: circuitState(circuit, now),
      consecutive_failures: circuit?.consecutiveFailures ?? 0,
      open_until: unixSeconds(circuit?.openUntil ?? null),
      last_failure_at: unixSeconds(circuit?.lastFailureAt ?? null),
      last_success_at: unixSeconds(circuit?.lastSuccessAt ?? null),
    },
  };
}
