// Which PSP endpoints the worker talks to: each PSP with configured credentials is the real
// one; otherwise, when the local simulator runs, its face for that PSP, which speaks the same
// API. A PSP with neither is left out, and routing never picks it.
import type { Config } from '../config/config';
import type { PspGateway } from '../activities/psp/gateway';
import { createAdyenGateway } from '../activities/psp/adyen/client';
import { createStripeGateway } from '../activities/psp/stripe/client';
import type { PspName } from '../domain/psp';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT, SIM_STRIPE_SECRET_KEY } from '../sim/credentials';

export interface SimulatorEndpoints {
  /** Control port: the risk service. */
  url: string;
  stripeUrl: string;
  adyenUrl: string;
}

export type PspGateways = Partial<Record<PspName, PspGateway>>;

export function buildPspGateways(config: Config, simulator?: SimulatorEndpoints): PspGateways {
  const gateways: PspGateways = {};
  const { secretKey, apiBase } = config.stripe;
  const timeoutMs = config.pspTimeoutMs;
  if (secretKey) gateways.stripe = createStripeGateway({ secretKey, baseUrl: apiBase, timeoutMs });
  else if (simulator) {
    gateways.stripe = createStripeGateway({ secretKey: SIM_STRIPE_SECRET_KEY, baseUrl: simulator.stripeUrl, timeoutMs });
  }
  const adyen = config.adyen;
  if (adyen.apiKey) {
    if (!adyen.merchantAccount) throw new Error('ADYEN_API_KEY is set but ADYEN_MERCHANT_ACCOUNT is not');
    gateways.adyen = createAdyenGateway({
      apiKey: adyen.apiKey,
      merchantAccount: adyen.merchantAccount,
      environment: adyen.environment,
      liveUrlPrefix: adyen.liveUrlPrefix,
      baseUrl: adyen.apiBase,
      timeoutMs,
    });
  } else if (simulator) {
    gateways.adyen = createAdyenGateway({
      apiKey: SIM_ADYEN_API_KEY,
      merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT,
      environment: 'TEST',
      baseUrl: simulator.adyenUrl,
      timeoutMs,
    });
  }
  if (Object.keys(gateways).length === 0) throw new Error('no PSP credentials configured and no PSP simulator running');
  return gateways;
}

/** The PSPs a worker built this way can reach: what the API reports as configured. */
export function reachablePsps(config: Config, simulator?: SimulatorEndpoints): PspName[] {
  return Object.keys(buildPspGateways(config, simulator)) as PspName[];
}
