// Which PSPs holdfast talks to, with what credentials, and whose webhooks it believes: one
// object, built from the configuration alone in production (`holdfast api`, `holdfast
// worker`). Only the places that start the simulator (`holdfast dev`, the tests, the bench)
// build one with the simulator's published credentials, in sim/wiring.ts: a key in the
// repository must never sign anything a deployment believes.
import type { Config } from '../config/config';
import { PSP_NAMES, type PspName } from '../domain/psp';

export interface StripeWiring {
  secretKey: string;
  /** Unset = api.stripe.com. */
  baseUrl?: string;
  /** Signing secret of the webhook endpoint (whsec_…); unset = its webhooks are refused. */
  webhookSecret?: string;
}

export interface AdyenWiring {
  apiKey: string;
  merchantAccount: string;
  environment: 'TEST' | 'LIVE';
  liveUrlPrefix?: string;
  /** Unset = Adyen's own endpoints. */
  baseUrl?: string;
  /** Hex HMAC key of the notification webhook; unset = its notifications are refused. */
  hmacKey?: string;
}

export interface PspWiring {
  /** A PSP is configured when it is here; routing never picks one that is not. */
  stripe?: StripeWiring;
  adyen?: AdyenWiring;
  /** The risk service's endpoint; unset = payments are not risk-checked. */
  riskUrl?: string;
  /** Where settlement batches go; unset = settlement cannot submit. */
  acquirerUrl?: string;
}

/** What the configuration alone wires: each PSP with its API credentials, nothing else. */
export function pspWiringFromConfig(config: Config): PspWiring {
  const { stripe, adyen } = config;
  if (adyen.apiKey && !adyen.merchantAccount) throw new Error('ADYEN_API_KEY is set but ADYEN_MERCHANT_ACCOUNT is not');
  return {
    ...(stripe.secretKey ? { stripe: { secretKey: stripe.secretKey, baseUrl: stripe.apiBase, webhookSecret: stripe.webhookSecret } } : {}),
    ...(adyen.apiKey && adyen.merchantAccount
      ? {
          adyen: {
            apiKey: adyen.apiKey,
            merchantAccount: adyen.merchantAccount,
            environment: adyen.environment,
            liveUrlPrefix: adyen.liveUrlPrefix,
            baseUrl: adyen.apiBase,
            hmacKey: adyen.hmacKey,
          },
        }
      : {}),
    riskUrl: config.risk.url,
    acquirerUrl: config.settlement.acquirerUrl,
  };
}

/** The PSPs this wiring reaches, in holdfast's order: what GET /v1/psps reports as configured. */
export function configuredPsps(wiring: PspWiring): PspName[] {
  return PSP_NAMES.filter((psp) => wiring[psp] !== undefined);
}

/** The secret each configured PSP's webhooks are verified with; a PSP without one has no webhook endpoint. */
export function webhookSecrets(wiring: PspWiring): Partial<Record<PspName, string>> {
  return {
    ...(wiring.stripe?.webhookSecret ? { stripe: wiring.stripe.webhookSecret } : {}),
    ...(wiring.adyen?.hmacKey ? { adyen: wiring.adyen.hmacKey } : {}),
  };
}
