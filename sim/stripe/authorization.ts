// Confirming a PaymentIntent: the test card decides between an authorization, a decline and
// a 3-D Secure challenge, as Stripe's test mode does. Every outcome is committed before the
// caller is answered.
import { type LastPaymentError, nowInSeconds, type SimPaymentIntent, type StripeNextAction } from '../store';
import { invalidParam, StripeApiError, unexpectedState } from './errors';
import { stripeId } from './ids';
import { paymentIntentObject } from './objects';
import { type CardBehaviour, cardBehaviour } from '../test-cards';

const CONFIRMABLE_STATUSES = ['requires_payment_method', 'requires_confirmation'];

export interface Confirmation {
  paymentMethod: string;
  behaviour: CardBehaviour;
  /** The confirming request's return_url, if it sent one. */
  returnUrl: string | null;
  /** The simulator's challenge page for this PaymentIntent (shopper-pages.ts). */
  challengePageUrl: string;
}

/** Unknown payment methods are refused before anything is created or changed. */
export function knownCardBehaviour(paymentMethod: string): CardBehaviour {
  const behaviour = cardBehaviour(paymentMethod);
  if (!behaviour) {
    throw new StripeApiError(
      400,
      {
        type: 'invalid_request_error',
        code: 'resource_missing',
        param: 'payment_method',
        message: `No such PaymentMethod: '${paymentMethod}'`,
      },
      true,
    );
  }
  return behaviour;
}

export function assertConfirmable(intent: SimPaymentIntent): void {
  if (!CONFIRMABLE_STATUSES.includes(intent.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be confirmed: ${CONFIRMABLE_STATUSES.join(', ')}.`,
    );
  }
}

export function missingPaymentMethod(): StripeApiError {
  return invalidParam(
    "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent, provide a payment_method.",
    'payment_method',
    'payment_intent_unexpected_state',
  );
}

/**
 * Applies the confirmation to the stored PaymentIntent. Returns the card error to answer
 * with when the card declines (Stripe answers 402 with the PaymentIntent inside the error).
 * An ambiguous card authorizes like an approved one: losing the answer is the route's part.
 */
export function confirmWithCard(intent: SimPaymentIntent, confirmation: Confirmation): StripeApiError | undefined {
  const { paymentMethod, behaviour } = confirmation;
  switch (behaviour.outcome) {
    case 'decline': {
      const charge = stripeId('ch');
      intent.latestCharge = charge;
      fail(intent, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: behaviour.declineCode,
        message: behaviour.message,
        charge,
        payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
      });
      return new StripeApiError(402, {
        type: 'card_error',
        code: 'card_declined',
        decline_code: behaviour.declineCode,
        message: behaviour.message,
        charge,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_intent: paymentIntentObject(intent),
      });
    }
    case 'challenge':
      // Nothing is held on the card until the shopper passes the challenge.
      intent.paymentMethod = paymentMethod;
      intent.lastPaymentError = null;
      intent.status = 'requires_action';
      intent.nextAction = challengeAction(confirmation);
      return undefined;
    case 'approve':
    case 'ambiguous':
      intent.paymentMethod = paymentMethod;
      authorize(intent);
      return undefined;
  }
}

/** The shopper's verdict on the challenge page. */
export function completeChallenge(intent: SimPaymentIntent, passed: boolean): void {
  intent.nextAction = null;
  if (passed) {
    authorize(intent);
    return;
  }
  fail(intent, {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message:
      'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
    payment_method: { id: intent.paymentMethod ?? '', object: 'payment_method', type: 'card' },
  });
}

function challengeAction({ returnUrl, challengePageUrl }: Confirmation): StripeNextAction {
  // As at Stripe: a redirect needs somewhere to send the shopper back to.
  if (returnUrl === null) {
    return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: challengePageUrl } };
  }
  return { type: 'redirect_to_url', redirect_to_url: { url: challengePageUrl, return_url: returnUrl } };
}

function authorize(intent: SimPaymentIntent): void {
  intent.latestCharge = stripeId('ch');
  intent.lastPaymentError = null;
  intent.authorizations += 1;
  if (intent.captureMethod === 'manual') {
    intent.status = 'requires_capture';
    intent.amountCapturable = intent.amount;
  } else {
    intent.status = 'succeeded';
    intent.amountReceived = intent.amount;
    intent.capturedAt = nowInSeconds();
  }
}

function fail(intent: SimPaymentIntent, error: LastPaymentError): void {
  intent.status = 'requires_payment_method';
  // Stripe detaches a failed payment method from the PaymentIntent.
  intent.paymentMethod = null;
  intent.lastPaymentError = error;
}
