// Authorising a payment: the test token decides between an authorisation, a refusal and a
// 3-D Secure challenge, as Adyen's test cards do; and a payment rendered as Adyen's
// PaymentResponse. The outcome is committed to the store before anyone is answered.
import type { SimContext } from '../context';
import type { CardBehaviour } from '../test-cards';
import { booked, type SimAdyenPayment } from './state';

/** Where the shopper-pages router serves the 3-D Secure page (control port). */
export const ADYEN_CHALLENGE_PATH = '/_sim/3ds/adyen';

/** Adyen's refusal reasons (and codes) for the test cards' decline codes; the rest are plain refusals. */
const REFUSALS: Readonly<Record<string, { reason: string; code: string }>> = {
  insufficient_funds: { reason: 'Not enough balance', code: '12' },
};
const REFUSED = { reason: 'Refused', code: '2' };
const NOT_AUTHENTICATED = { reason: '3D Not Authenticated', code: '11' };

export function applyCardBehaviour(payment: SimAdyenPayment, behaviour: CardBehaviour): void {
  switch (behaviour.outcome) {
    case 'approve':
    case 'ambiguous':
      authorise(payment);
      return;
    case 'decline':
      refuse(payment, REFUSALS[behaviour.declineCode] ?? REFUSED);
      return;
    case 'challenge':
      payment.status = 'RedirectShopper';
      return;
  }
}

/** The shopper's answer to the challenge. */
export function completeChallenge(payment: SimAdyenPayment, passed: boolean): void {
  if (passed) authorise(payment);
  else refuse(payment, NOT_AUTHENTICATED);
}

function authorise(payment: SimAdyenPayment): void {
  payment.authorizations += 1;
  // Without additionalData.manualCapture the simulated merchant account captures at once,
  // the default of a new Adyen account: an adapter that forgets the flag shows up as captured.
  if (payment.manualCapture) {
    payment.status = 'Authorised';
  } else {
    payment.status = 'Captured';
    payment.amountCaptured = payment.amount.value;
    // No capture request, so no modification of its own: Adyen books it under the payment.
    payment.capture = booked({ pspReference: payment.pspReference, amount: payment.amount });
  }
}

function refuse(payment: SimAdyenPayment, refusal: { reason: string; code: string }): void {
  payment.status = 'Refused';
  payment.refusalReason = refusal.reason;
  payment.refusalReasonCode = refusal.code;
}

/** The PaymentResponse (and PaymentDetailsResponse) for where the payment's authorisation stands. */
export function paymentResponse(context: SimContext, payment: SimAdyenPayment) {
  const common = { pspReference: payment.pspReference, merchantReference: payment.reference };
  if (payment.status === 'RedirectShopper') {
    return {
      ...common,
      resultCode: 'RedirectShopper',
      action: {
        type: 'redirect',
        method: 'GET',
        url: `${context.publicUrl()}${ADYEN_CHALLENGE_PATH}/${payment.pspReference}`,
        paymentMethodType: 'scheme',
      },
    };
  }
  if (payment.status === 'Refused') {
    return {
      ...common,
      resultCode: 'Refused',
      refusalReason: payment.refusalReason ?? REFUSED.reason,
      refusalReasonCode: payment.refusalReasonCode ?? REFUSED.code,
    };
  }
  // Captured, cancelled or not since: the authorisation itself succeeded.
  return { ...common, resultCode: 'Authorised', amount: payment.amount };
}
