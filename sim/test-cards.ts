// The PSP-agnostic test payment methods both simulated PSPs know, and what authorizing with
// each one does. Named after Stripe's test PaymentMethods; the Adyen face honours the same
// tokens, so a payment behaves the same whichever PSP it is routed to.
// https://docs.stripe.com/testing#declined-payments

export type CardBehaviour =
  | { outcome: 'approve' }
  | { outcome: 'decline'; declineCode: string; message: string }
  /** The PSP commits the authorization, but the response never arrives (see AMBIGUOUS_PAYMENT_METHOD). */
  | { outcome: 'ambiguous' }
  /** 3-D Secure: the shopper must complete a challenge before the PSP authorizes. */
  | { outcome: 'challenge' };

/** Answers 500 to the first calls for a payment, then approves (see stripe/flaky-calls.ts). */
export const FLAKY_PAYMENT_METHOD = 'pm_sim_flaky';
/**
 * Authorizes, then holds the connection without answering until the client gives up; a
 * lookup (or an idempotent replay) afterwards finds the authorization.
 */
export const AMBIGUOUS_PAYMENT_METHOD = 'pm_sim_ambiguous';
export const THREE_D_SECURE_PAYMENT_METHOD = 'pm_card_threeDSecure2Required';

const APPROVE: CardBehaviour = { outcome: 'approve' };

const TEST_PAYMENT_METHODS: ReadonlyMap<string, CardBehaviour> = new Map<string, CardBehaviour>([
  ['pm_card_visa', APPROVE],
  ['pm_card_mastercard', APPROVE],
  [FLAKY_PAYMENT_METHOD, APPROVE],
  [AMBIGUOUS_PAYMENT_METHOD, { outcome: 'ambiguous' }],
  [THREE_D_SECURE_PAYMENT_METHOD, { outcome: 'challenge' }],
  ['pm_card_chargeDeclined', { outcome: 'decline', declineCode: 'generic_decline', message: 'Your card was declined.' }],
  [
    'pm_card_chargeDeclinedInsufficientFunds',
    { outcome: 'decline', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  ],
]);

export function cardBehaviour(paymentMethod: string): CardBehaviour | undefined {
  return TEST_PAYMENT_METHODS.get(paymentMethod);
}
