// The simulator's test credentials. It accepts any key of the right shape, as the PSPs' test
// modes do; these are the ones holdfast uses when it runs against the simulator.

/** Any `sk_…` key is accepted. */
export const SIM_STRIPE_SECRET_KEY = 'sk_test_holdfast_simulator';
/** Signs the Stripe face's webhooks (Stripe-Signature). */
export const SIM_STRIPE_WEBHOOK_SECRET = 'whsec_holdfast_simulator';
/** Any non-empty X-API-Key is accepted. */
export const SIM_ADYEN_API_KEY = 'AQE_holdfast_simulator';
export const SIM_ADYEN_MERCHANT_ACCOUNT = 'HoldfastSimulatorECOM';
/** Hex HMAC key that signs the Adyen face's notifications. */
export const SIM_ADYEN_HMAC_KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
