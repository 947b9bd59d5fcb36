// Chooses the PSPs a new payment may go to, in the order the workflow tries them. Runs once
// per payment, before authorization; its answer is recorded in the workflow's history, so a
// replay never asks again.
import { ApplicationFailure } from '@temporalio/common';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { claimPspProbe, readPspCircuits } from '../db/queries/psp-circuits';
import { merchantRouting } from '../db/queries/routing-rules';
import { circuitState } from '../domain/circuit-breaker';
import { PSP_NOT_AVAILABLE } from '../domain/failures';
import type { PspName } from '../domain/psp';
import { orderCandidates, routingTargets } from '../domain/routing';
import { pspCanCarry } from '../psp/amount-support';

export interface ChoosePspsInput {
  paymentId: string;
  merchantId: string;
  currency: string;
  amount: number;
  /** The merchant's explicit choice: only that PSP, whatever its breaker says. */
  requestedPsp?: PspName;
}

export function createRoutingActivities({
  db,
  config,
  availablePsps,
}: {
  db: Database;
  config: Config;
  /** The PSPs this worker has a gateway for; routing never picks another. */
  availablePsps: readonly PspName[];
}) {
  const notAvailable = (reason: string) =>
    ApplicationFailure.nonRetryable(`${reason} (PSPs configured: ${availablePsps.join(', ')})`, PSP_NOT_AVAILABLE);

  return {
    /**
     * The candidates, never empty: the merchant's first matching rule (else the default PSPs
     * of its settings, else the configured default) without PSPs lacking a gateway or, while
     * another can, unable to carry the amount exactly, ordered by domain/routing's orderCandidates.
     * Fails with the non-retryable `PspNotAvailable` when no candidate is left.
     */
    async choosePsps({ paymentId, merchantId, currency, amount, requestedPsp }: ChoosePspsInput): Promise<PspName[]> {
      if (requestedPsp !== undefined) {
        if (!availablePsps.includes(requestedPsp)) throw notAvailable(`${requestedPsp} is not configured`);
        return [requestedPsp];
      }
      const { rules, defaultPsps } = await merchantRouting(db, merchantId);
      const targets = routingTargets(rules, { currency, amount }, defaultPsps ?? config.routing.defaultPsps).filter((target) =>
        availablePsps.includes(target.psp),
      );
      if (targets.length === 0) throw notAvailable('none of the PSPs this payment is routed to is configured');
      // A PSP whose API cannot carry this amount exactly is left out while another can. If none
      // can, the first refuses it with amount_not_supported, which says more than "no PSP".
      const carriers = targets.filter(({ psp }) => pspCanCarry(psp, { amount, currency }));
      const candidates = carriers.length > 0 ? carriers : targets;

      const { now, circuits } = await readPspCircuits(db);
      const up = new Set<PspName>();
      for (const { psp } of candidates) {
        const state = circuitState(
          circuits.find((circuit) => circuit.psp === psp),
          now,
        );
        // A half-open PSP is up for the one payment that wins its probe, and open for the rest.
        const probe = state === 'half_open' && (await claimPspProbe(db, psp, config.routing.circuitOpenSeconds));
        if (state === 'closed' || probe) up.add(psp);
      }
      return orderCandidates(candidates, paymentId, (psp) => up.has(psp));
    },
  };
}
