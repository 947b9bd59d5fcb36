// The simulator stands in for what the configuration leaves out: each PSP without credentials
// (its published keys, below, sign its webhooks), the risk service and the acquirer. Only
// the places that start a simulator use this — `holdfast dev`, the tests, the bench — so
// `holdfast api` and `holdfast worker` never believe a key published in this repository
// (test/unit/production-imports.test.ts keeps it that way).
import { pspWiringFromConfig, type PspWiring } from '../psp/wiring';
import type { Config } from '../config/config';
import { PSP_NAMES, type PspName } from '../domain/psp';
import {
  SIM_ADYEN_API_KEY,
  SIM_ADYEN_HMAC_KEY,
  SIM_ADYEN_MERCHANT_ACCOUNT,
  SIM_STRIPE_SECRET_KEY,
  SIM_STRIPE_WEBHOOK_SECRET,
} from './credentials';
import { RISK_ASSESSMENTS_PATH } from './risk';

/** Where a running simulator listens: its control port (risk service, acquirer) and each PSP face. */
export interface SimulatorEndpoints {
  url: string;
  stripeUrl: string;
  adyenUrl: string;
}

/**
 * The configuration's wiring, with the simulator standing in for each PSP in `psps` (all by
 * default) that has no credentials, and for a risk service or acquirer not configured.
 */
export function simulatorWiring(config: Config, simulator: SimulatorEndpoints, psps: readonly PspName[] = PSP_NAMES): PspWiring {
  const wiring = pspWiringFromConfig(config);
  return {
    ...wiring,
    ...(!wiring.stripe && psps.includes('stripe')
      ? { stripe: { secretKey: SIM_STRIPE_SECRET_KEY, baseUrl: simulator.stripeUrl, webhookSecret: SIM_STRIPE_WEBHOOK_SECRET } }
      : {}),
    ...(!wiring.adyen && psps.includes('adyen')
      ? {
          adyen: {
            apiKey: SIM_ADYEN_API_KEY,
            merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT,
            environment: 'TEST' as const,
            baseUrl: simulator.adyenUrl,
            hmacKey: SIM_ADYEN_HMAC_KEY,
          },
        }
      : {}),
    riskUrl: wiring.riskUrl ?? `${simulator.url}${RISK_ASSESSMENTS_PATH}`,
    acquirerUrl: wiring.acquirerUrl ?? `${simulator.url}/acquirer`,
  };
}
