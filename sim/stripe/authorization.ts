// Confirming a PaymentIntent: the test card decides between an authorization and a decline,
// as Stripe's test mode does. Both outcomes are committed before the caller is answered.
import type { SimPaymentIntent } from '../store';
import { invalidParam, StripeApiError, unexpectedState } from './errors';
import { stripeId } from './ids';
import { paymentIntentObject } from './objects';
import { type CardBehaviour, cardBehaviour } from '../test-cards';

const CONFIRMABLE_STATUSES = ['requires_payment_method', 'requires_confirmation'];

/** Unknown payment methods are refused before anything is created or changed. */
export function knownCardBehaviour(paymentMethod: string): CardBehaviour {
  const behaviour = cardBehaviour(paymentMethod);
  if (!behaviour) {
    throw new StripeApiError(
      400,
      { type: 'invalid_request_error', code: 'resource_missing', param: 'payment_method', message: `No such PaymentMethod: '${paymentMethod}'` },
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
 */
export function confirmWithCard(
  intent: SimPaymentIntent,
  paymentMethod: string,
  behaviour: CardBehaviour,
): StripeApiError | undefined {
  const charge = stripeId('ch');
  intent.latestCharge = charge;
  if (behaviour.outcome === 'decline') {
    intent.status = 'requires_payment_method';
    // Stripe detaches a declined payment method from the PaymentIntent.
    intent.paymentMethod = null;
    intent.lastPaymentError = {
      type: 'card_error',
      code: 'card_declined',
      decline_code: behaviour.declineCode,
      message: behaviour.message,
      charge,
      payment_method: { id: paymentMethod, object: 'payment_method', type: 'card' },
    };
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
  intent.paymentMethod = paymentMethod;
  intent.lastPaymentError = null;
  intent.authorizations += 1;
  if (intent.captureMethod === 'manual') {
    intent.status = 'requires_capture';
    intent.amountCapturable = intent.amount;
  } else {
    intent.status = 'succeeded';
    intent.amountReceived = intent.amount;
  }
  return undefined;
}
