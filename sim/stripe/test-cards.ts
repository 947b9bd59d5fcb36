// Stripe's test PaymentMethods the simulator knows, and what confirming with each one does.
// https://docs.stripe.com/testing#declined-payments

export type CardBehaviour =
  | { outcome: 'approve' }
  | { outcome: 'decline'; declineCode: string; message: string };

/** Answers 500 to the first calls for a payment, then approves (see flaky-calls.ts). */
export const FLAKY_PAYMENT_METHOD = 'pm_sim_flaky';

const APPROVE: CardBehaviour = { outcome: 'approve' };

const TEST_PAYMENT_METHODS: ReadonlyMap<string, CardBehaviour> = new Map<string, CardBehaviour>([
  ['pm_card_visa', APPROVE],
  ['pm_card_mastercard', APPROVE],
  [FLAKY_PAYMENT_METHOD, APPROVE],
  ['pm_card_chargeDeclined', { outcome: 'decline', declineCode: 'generic_decline', message: 'Your card was declined.' }],
  [
    'pm_card_chargeDeclinedInsufficientFunds',
    { outcome: 'decline', declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' },
  ],
]);

export function cardBehaviour(paymentMethod: string): CardBehaviour | undefined {
  return TEST_PAYMENT_METHODS.get(paymentMethod);
}
