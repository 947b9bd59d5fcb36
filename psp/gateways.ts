// The gateways the worker talks to: one per PSP the wiring configures (psp/wiring.ts).
// A PSP it leaves out has no gateway, and routing never picks it.
import type { PspGateway } from '../domain/psp-gateway';
import { createAdyenGateway } from './adyen/client';
import { createStripeGateway } from './stripe/client';
import type { PspWiring } from './wiring';
import type { PspName } from '../domain/psp';

export type PspGateways = Partial<Record<PspName, PspGateway>>;

export function buildPspGateways(wiring: PspWiring, timeoutMs: number): PspGateways {
  const gateways: PspGateways = {};
  const { stripe, adyen } = wiring;
  if (stripe) gateways.stripe = createStripeGateway({ secretKey: stripe.secretKey, baseUrl: stripe.baseUrl, timeoutMs });
  if (adyen) {
    gateways.adyen = createAdyenGateway({
      apiKey: adyen.apiKey,
      merchantAccount: adyen.merchantAccount,
      environment: adyen.environment,
      liveUrlPrefix: adyen.liveUrlPrefix,
      baseUrl: adyen.baseUrl,
      timeoutMs,
    });
  }
  if (Object.keys(gateways).length === 0) throw new Error('no PSP credentials configured (STRIPE_SECRET_KEY, ADYEN_API_KEY)');
  return gateways;
}
