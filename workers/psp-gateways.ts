// Which PSP endpoints the worker talks to: each PSP with configured credentials is the real
// one; otherwise, when the local simulator runs, its face for that PSP, which speaks the same
// API. A PSP with neither is left out, and routing never picks it.
import type { Config } from '../config/config';
import type { PspGateway } from '../activities/psp/gateway';
import { createStripeGateway } from '../activities/psp/stripe/client';
import type { PspName } from '../domain/psp';
import { SIM_STRIPE_SECRET_KEY } from '../sim/credentials';

export interface SimulatorEndpoints {
  stripeUrl: string;
  adyenUrl: string;
}

export type PspGateways = Partial<Record<PspName, PspGateway>>;

export function buildPspGateways(config: Config, simulator?: SimulatorEndpoints): PspGateways {
  const gateways: PspGateways = {};
  const { secretKey, apiBase } = config.stripe;
  if (secretKey) gateways.stripe = createStripeGateway({ secretKey, baseUrl: apiBase });
  else if (simulator) gateways.stripe = createStripeGateway({ secretKey: SIM_STRIPE_SECRET_KEY, baseUrl: simulator.stripeUrl });
  if (Object.keys(gateways).length === 0) throw new Error('no PSP credentials configured and no PSP simulator running');
  return gateways;
}
