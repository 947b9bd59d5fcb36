// Which PSP endpoints the worker talks to: the real Stripe with a configured key, otherwise
// the local simulator, which speaks the same API.
import type { Config } from '../config/config';
import type { PspGateway } from '../activities/psp/gateway';
import { createStripeGateway } from '../activities/psp/stripe/client';
import type { PspName } from '../domain/psp';

/** The simulator accepts any `sk_…` key, as Stripe's test mode does. */
export const SIMULATOR_KEY = 'sk_test_holdfast_simulator';

export function buildPspGateways(config: Config, simulatorUrl?: string): Record<PspName, PspGateway> {
  const { secretKey, apiBase } = config.stripe;
  if (secretKey) return { stripe: createStripeGateway({ secretKey, baseUrl: apiBase }) };
  if (!simulatorUrl) throw new Error('no STRIPE_SECRET_KEY configured and no PSP simulator running');
  return { stripe: createStripeGateway({ secretKey: SIMULATOR_KEY, baseUrl: simulatorUrl }) };
}
