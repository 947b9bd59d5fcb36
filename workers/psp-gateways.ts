// Which PSP endpoints the worker talks to: the real Stripe with a configured key, otherwise
// the local simulator, which speaks the same API.
import type { Config } from '../config/config';
import type { PspGateway } from '../activities/psp/gateway';
import { createStripeGateway } from '../activities/psp/stripe/client';
import type { PspName } from '../domain/psp';

/** The simulator accepts any `sk_…` key, as Stripe's test mode does. */
export const SIMULATOR_KEY = 'sk_test_holdfast_simulator';

/** Below the PSP activities' 20 s start-to-close, so a slow call fails as itself and is retried. */
const PSP_TIMEOUT_MS = 15_000;

export function buildPspGateways(config: Config, simulatorUrl?: string): Record<PspName, PspGateway> {
  const { secretKey, apiBase } = config.stripe;
  if (secretKey) return { stripe: createStripeGateway({ secretKey, baseUrl: apiBase, timeoutMs: PSP_TIMEOUT_MS }) };
  if (!simulatorUrl) throw new Error('no STRIPE_SECRET_KEY configured and no PSP simulator running');
  return { stripe: createStripeGateway({ secretKey: SIMULATOR_KEY, baseUrl: simulatorUrl, timeoutMs: PSP_TIMEOUT_MS }) };
}
