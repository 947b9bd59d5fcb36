import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { UnmappableStripeAmountError } from '../../psp/stripe/errors';
import { disputeEventFromStripeEvent, pspEventFromStripeEvent, verifyStripeWebhook } from '../../psp/stripe/webhooks';
import { STRIPE_EVENT_FIELDS, stripeEvent } from '../support/stripe-events';

const SECRET = 'whsec_unit_test';

function paymentIntent(fields: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent {
  return {
    id: 'pi_test',
    object: 'payment_intent',
    amount: 1099,
    amount_capturable: 0,
    amount_received: 0,
    capture_method: 'manual',
    currency: 'eur',
    last_payment_error: null,
    metadata: { holdfast_payment_id: 'pay_1', holdfast_merchant_id: 'mer_1' },
    status: 'requires_payment_method',
    ...fields,
  } as Stripe.PaymentIntent;
}

function refund(fields: Partial<Stripe.Refund>): Stripe.Refund {
  return {
    id: 're_test',
    object: 'refund',
    amount: 400,
    currency: 'eur',
    payment_intent: 'pi_test',
    metadata: { holdfast_refund_id: 'ref_1' },
    status: 'succeeded',
    ...fields,
  } as Stripe.Refund;
}

describe('Stripe webhooks', () => {
  describe('verifyStripeWebhook', () => {
    const body = JSON.stringify(stripeEvent('payment_intent.canceled', paymentIntent({ status: 'canceled' })));
    const signed = (payload: string, timestamp = Math.floor(Date.now() / 1000), secret = SECRET) =>
      Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });

    it('a body signed with the secret is the Event it contains, from a Buffer or a string', () => {
      const header = signed(body);
      assert.equal(verifyStripeWebhook(Buffer.from(body), header, SECRET).id, 'evt_test');
      assert.equal(verifyStripeWebhook(body, header, SECRET).type, 'payment_intent.canceled');
    });

    it('a signature made with another secret is refused', () => {
      assert.throws(
        () => verifyStripeWebhook(body, signed(body, undefined, 'whsec_other'), SECRET),
        Stripe.errors.StripeSignatureVerificationError,
      );
    });

    it('a body changed after signing is refused', () => {
      const header = signed(body);
      assert.throws(
        () => verifyStripeWebhook(body.replace('1099', '9999'), header, SECRET),
        Stripe.errors.StripeSignatureVerificationError,
      );
    });

    it('a missing or empty signature header is refused', () => {
      assert.throws(() => verifyStripeWebhook(body, undefined, SECRET), Stripe.errors.StripeSignatureVerificationError);
      assert.throws(() => verifyStripeWebhook(body, '', SECRET), Stripe.errors.StripeSignatureVerificationError);
    });

    it('a signature older than 300 seconds is refused as a replay; one just inside is accepted', () => {
      const now = Math.floor(Date.now() / 1000);
      assert.throws(
        () => verifyStripeWebhook(body, signed(body, now - 301), SECRET),
        (error: unknown) => error instanceof Stripe.errors.StripeSignatureVerificationError && /tolerance/.test(error.message),
      );
      assert.equal(verifyStripeWebhook(body, signed(body, now - 290), SECRET).id, 'evt_test');
    });

    it('a tolerance of zero, which would switch the timestamp check off, is refused', () => {
      assert.throws(() => verifyStripeWebhook(body, signed(body), SECRET, 0), RangeError);
    });
  });

  describe('pspEventFromStripeEvent', () => {
    it('amount_capturable_updated on a requires_capture PaymentIntent is an authorization of the capturable amount', () => {
      const intent = paymentIntent({ status: 'requires_capture', amount_capturable: 1099 });
      assert.deepEqual(pspEventFromStripeEvent(stripeEvent('payment_intent.amount_capturable_updated', intent)), {
        ...STRIPE_EVENT_FIELDS,
        kind: 'authorized',
        pspReference: 'pi_test',
        paymentId: 'pay_1',
        currency: 'eur',
        amount: 1099,
      });
    });

    it('amount_capturable_updated on a PaymentIntent that no longer awaits capture is no authorization', () => {
      const intent = paymentIntent({ status: 'canceled' });
      assert.equal(pspEventFromStripeEvent(stripeEvent('payment_intent.amount_capturable_updated', intent)), undefined);
    });

    it('succeeded is a capture of the amount received', () => {
      const intent = paymentIntent({ status: 'succeeded', amount_received: 700 });
      assert.deepEqual(pspEventFromStripeEvent(stripeEvent('payment_intent.succeeded', intent)), {
        ...STRIPE_EVENT_FIELDS,
        kind: 'captured',
        pspReference: 'pi_test',
        paymentId: 'pay_1',
        currency: 'eur',
        amount: 700,
      });
    });

    it('payment_failed is a failed authorization with the last payment error', () => {
      const intent = paymentIntent({
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'No funds.' },
      });
      assert.deepEqual(pspEventFromStripeEvent(stripeEvent('payment_intent.payment_failed', intent)), {
        ...STRIPE_EVENT_FIELDS,
        kind: 'authorization_failed',
        pspReference: 'pi_test',
        paymentId: 'pay_1',
        currency: 'eur',
        amount: 1099,
        failureCode: 'insufficient_funds',
        failureMessage: 'No funds.',
      });
    });

    it('a failed 3-D Secure challenge keeps Stripe error code', () => {
      const intent = paymentIntent({
        last_payment_error: {
          type: 'invalid_request_error',
          code: 'payment_intent_authentication_failure',
          message: 'Failed authentication.',
        },
      });
      const mapped = pspEventFromStripeEvent(stripeEvent('payment_intent.payment_failed', intent));
      assert.equal(mapped?.failureCode, 'payment_intent_authentication_failure');
    });

    it('canceled is a cancellation', () => {
      const mapped = pspEventFromStripeEvent(stripeEvent('payment_intent.canceled', paymentIntent({ status: 'canceled' })));
      assert.equal(mapped?.kind, 'canceled');
      assert.equal(mapped?.paymentId, 'pay_1');
    });

    it('a PaymentIntent without holdfast metadata still maps, without a payment id', () => {
      const mapped = pspEventFromStripeEvent(stripeEvent('payment_intent.canceled', paymentIntent({ status: 'canceled', metadata: {} })));
      assert.equal(mapped?.pspReference, 'pi_test');
      assert.equal(mapped && 'paymentId' in mapped, false);
    });

    for (const type of ['refund.created', 'refund.updated']) {
      it(`${type} with a succeeded refund is a refund of its amount, naming holdfast refund and the PaymentIntent`, () => {
        assert.deepEqual(pspEventFromStripeEvent(stripeEvent(type, refund({ status: 'succeeded' }))), {
          ...STRIPE_EVENT_FIELDS,
          kind: 'refunded',
          pspReference: 'pi_test',
          pspRefundReference: 're_test',
          refundId: 'ref_1',
          amount: 400,
          currency: 'eur',
        });
      });

      it(`${type} with a failed refund is a failed refund with its reason`, () => {
        const mapped = pspEventFromStripeEvent(stripeEvent(type, refund({ status: 'failed', failure_reason: 'lost_or_stolen_card' })));
        assert.equal(mapped?.kind, 'refund_failed');
        assert.equal(mapped?.failureCode, 'lost_or_stolen_card');
      });
    }

    it('refund.failed is a failed refund; an expanded PaymentIntent still gives its id', () => {
      const failed = refund({
        status: 'failed',
        failure_reason: 'expired_or_canceled_card',
        payment_intent: paymentIntent({ id: 'pi_expanded' }),
      });
      const mapped = pspEventFromStripeEvent(stripeEvent('refund.failed', failed));
      assert.equal(mapped?.kind, 'refund_failed');
      assert.equal(mapped?.pspReference, 'pi_expanded');
      assert.equal(mapped?.refundId, 'ref_1');
    });

    it('a refund that is not final yet is no event; the final one follows', () => {
      assert.equal(pspEventFromStripeEvent(stripeEvent('refund.created', refund({ status: 'pending' }))), undefined);
    });

    it('a refund of a bare charge is not holdfast and is no event', () => {
      assert.equal(pspEventFromStripeEvent(stripeEvent('refund.created', refund({ payment_intent: null }))), undefined);
    });

    it("ISK events carry krónur: Stripe's hundredths are converted on the way in, for payments, refunds and disputes", () => {
      const captured = paymentIntent({ currency: 'isk', status: 'succeeded', amount: 123_400, amount_received: 120_000 });
      assert.equal(pspEventFromStripeEvent(stripeEvent('payment_intent.succeeded', captured))?.amount, 1_200);
      const authorized = paymentIntent({ currency: 'isk', status: 'requires_capture', amount: 123_400, amount_capturable: 123_400 });
      assert.equal(pspEventFromStripeEvent(stripeEvent('payment_intent.amount_capturable_updated', authorized))?.amount, 1_234);
      assert.equal(pspEventFromStripeEvent(stripeEvent('refund.created', refund({ currency: 'isk', amount: 3_400 })))?.amount, 34);
      const dispute = {
        id: 'dp_1',
        object: 'dispute',
        amount: 50_000,
        currency: 'isk',
        payment_intent: 'pi_test',
        reason: 'fraudulent',
        status: 'needs_response',
        evidence_details: { due_by: 1_795_258_800 },
      } as unknown as Stripe.Dispute;
      assert.equal(disputeEventFromStripeEvent(stripeEvent('charge.dispute.created', dispute))?.amount, 500);
    });

    it('an ISK event whose amount is not whole krónur is refused, naming the field, never rounded', () => {
      const captured = paymentIntent({ currency: 'isk', status: 'succeeded', amount: 123_400, amount_received: 120_050 });
      assert.throws(
        () => pspEventFromStripeEvent(stripeEvent('payment_intent.succeeded', captured)),
        (error: unknown) => error instanceof UnmappableStripeAmountError && error.param === 'amount_received',
      );
    });

    it('events holdfast does not act on map to nothing', () => {
      for (const type of ['payment_intent.created', 'payment_intent.requires_action', 'charge.refunded', 'customer.created']) {
        assert.equal(pspEventFromStripeEvent(stripeEvent(type, paymentIntent({}))), undefined, type);
      }
    });
  });
});
