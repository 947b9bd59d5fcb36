import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { PspNotReachedError, PspRequestError } from '../../domain/psp-gateway';
import { StripeAmountNotSupportedError, UnmappableStripeAmountError } from '../../psp/stripe/errors';
import {
  authorizeResultFromPaymentIntent,
  cancelResultFromPaymentIntent,
  captureResultFromPaymentIntent,
  declineFromCardError,
  gatewayErrorFromStripeError,
  lookupResultFromSearch,
  paymentIntentCaptureParams,
  paymentIntentCreateParams,
  paymentIntentSearchQuery,
  payoutCreateParams,
  refundCreateParams,
  refundResultFromRefund,
  snapshotFromPaymentIntent,
  UnmappableStripeResponseError,
} from '../../psp/stripe/mappers';

/** The fields the mappers read, on an otherwise unremarkable manual-capture PaymentIntent. */
function paymentIntent(fields: Partial<Stripe.PaymentIntent>): Stripe.PaymentIntent {
  return {
    id: 'pi_test',
    object: 'payment_intent',
    amount: 1099,
    amount_capturable: 0,
    amount_received: 0,
    capture_method: 'manual',
    currency: 'usd',
    last_payment_error: null,
    latest_charge: null,
    metadata: {},
    status: 'requires_payment_method',
    ...fields,
  } as Stripe.PaymentIntent;
}

function refund(fields: Partial<Stripe.Refund>): Stripe.Refund {
  return { id: 're_test', object: 'refund', amount: 500, currency: 'usd', status: 'succeeded', ...fields } as Stripe.Refund;
}

function stripeError(statusCode: number, raw: { type: string; code?: string; message?: string }): Stripe.errors.StripeError {
  return Stripe.errors.StripeError.generate({ statusCode, message: 'refused', ...raw } as Parameters<
    typeof Stripe.errors.StripeError.generate
  >[0]);
}

function nodeError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code });
}

/** What the SDK throws when the transport fails: the Node error is kept in `detail`. */
function connectionError(cause: string | AggregateError): Stripe.errors.StripeConnectionError {
  const detail = typeof cause === 'string' ? nodeError(cause) : cause;
  return new Stripe.errors.StripeConnectionError({ message: 'An error occurred with our connection to Stripe.', detail });
}

describe('Stripe mappers', () => {
  describe('requests', () => {
    it('an authorization creates and confirms a manual-capture card PaymentIntent carrying holdfast references', () => {
      const params = paymentIntentCreateParams({
        paymentId: 'pay_1',
        merchantId: 'mer_1',
        amount: 1250,
        currency: 'eur',
        paymentMethod: 'pm_card_visa',
        description: 'order 42',
        idempotencyKey: 'pay_1:authorize',
        returnUrl: 'https://shop.example/return',
      });
      assert.deepEqual(params, {
        amount: 1250,
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: true,
        capture_method: 'manual',
        return_url: 'https://shop.example/return',
        allowed_payment_method_types: ['card'],
        description: 'order 42',
        metadata: { holdfast_payment_id: 'pay_1', holdfast_merchant_id: 'mer_1' },
      });
    });

    it("the merchant's statement descriptor goes as statement_descriptor_suffix (Stripe refuses statement_descriptor on cards), and nothing without one", () => {
      const request = {
        paymentId: 'pay_1',
        merchantId: 'mer_1',
        amount: 1250,
        currency: 'eur',
        paymentMethod: 'pm_card_visa',
        idempotencyKey: 'pay_1:authorize',
        returnUrl: 'https://shop.example/return',
      };
      const params = paymentIntentCreateParams({ ...request, statementDescriptor: 'ACME SHOP' });
      assert.equal(params.statement_descriptor_suffix, 'ACME SHOP');
      assert.ok(!('statement_descriptor' in params));
      assert.ok(!('statement_descriptor_suffix' in paymentIntentCreateParams(request)));
    });

    it('a sale (captureNow) asks for automatic capture; without it the capture stays manual', () => {
      const request = {
        paymentId: 'pay_1',
        merchantId: 'mer_1',
        amount: 1250,
        currency: 'eur',
        paymentMethod: 'pm_card_visa',
        idempotencyKey: 'pay_1:authorize',
        returnUrl: 'https://shop.example/return',
      };
      assert.equal(paymentIntentCreateParams({ ...request, captureNow: true }).capture_method, 'automatic');
      assert.equal(paymentIntentCreateParams({ ...request, captureNow: false }).capture_method, 'manual');
    });

    it('amounts that are not positive whole minor units never reach Stripe', () => {
      for (const amount of [0, -5, 10.5, Number.MAX_SAFE_INTEGER + 1]) {
        assert.throws(() => paymentIntentCaptureParams({ pspReference: 'pi_1', amount, currency: 'usd', idempotencyKey: 'k' }), RangeError);
      }
    });

    it('a refund names the PaymentIntent, the amount and holdfast refund id', () => {
      assert.deepEqual(
        refundCreateParams({
          pspReference: 'pi_1',
          amount: 300,
          currency: 'usd',
          reason: 'requested_by_customer',
          refundId: 'ref_1',
          idempotencyKey: 'ref_1:refund',
        }),
        { payment_intent: 'pi_1', amount: 300, reason: 'requested_by_customer', metadata: { holdfast_refund_id: 'ref_1' } },
      );
    });

    describe("Stripe's currency special cases", () => {
      const authorization = (amount: number, currency: string) => ({
        paymentId: 'pay_1',
        merchantId: 'mer_1',
        amount,
        currency,
        paymentMethod: 'pm_card_visa',
        idempotencyKey: 'pay_1:authorize',
        returnUrl: 'https://shop.example/return',
      });
      const isAmountRefusal = (error: unknown) =>
        error instanceof StripeAmountNotSupportedError && error.code === 'amount_not_supported' && error.param === 'amount';

      it('ISK krónur go to Stripe in hundredths: authorization, capture, refund and payout', () => {
        assert.equal(paymentIntentCreateParams(authorization(1_234, 'isk')).amount, 123_400);
        assert.deepEqual(paymentIntentCaptureParams({ pspReference: 'pi_1', amount: 1_200, currency: 'isk', idempotencyKey: 'k' }), {
          amount_to_capture: 120_000,
        });
        assert.equal(
          refundCreateParams({ pspReference: 'pi_1', amount: 34, currency: 'isk', refundId: 'r', idempotencyKey: 'k' }).amount,
          3_400,
        );
        const payout = { payoutId: 'po_1', sellerId: 'sel_1', amount: 700, currency: 'isk', idempotencyKey: 'k' };
        assert.equal(payoutCreateParams(payout).amount, 70_000);
      });

      it('KWD 1.005 is refused before anything is sent: authorization, capture, refund and payout', () => {
        assert.throws(() => paymentIntentCreateParams(authorization(1_005, 'kwd')), isAmountRefusal);
        assert.throws(
          () => paymentIntentCaptureParams({ pspReference: 'pi_1', amount: 1_005, currency: 'kwd', idempotencyKey: 'k' }),
          isAmountRefusal,
        );
        assert.throws(
          () => refundCreateParams({ pspReference: 'pi_1', amount: 1_005, currency: 'kwd', refundId: 'r', idempotencyKey: 'k' }),
          isAmountRefusal,
        );
        assert.throws(
          () => payoutCreateParams({ payoutId: 'po_1', sellerId: 's', amount: 1_005, currency: 'kwd', idempotencyKey: 'k' }),
          isAmountRefusal,
        );
        assert.equal(paymentIntentCreateParams(authorization(1_010, 'kwd')).amount, 1_010);
      });

      it('HUF 123.45 can be charged but not paid out; HUF 123.00 can be paid out', () => {
        assert.equal(paymentIntentCreateParams(authorization(12_345, 'huf')).amount, 12_345);
        const payout = (amount: number) => ({ payoutId: 'po_1', sellerId: 's', amount, currency: 'huf', idempotencyKey: 'k' });
        assert.throws(() => payoutCreateParams(payout(12_345)), isAmountRefusal);
        assert.equal(payoutCreateParams(payout(12_300)).amount, 12_300);
      });

      it("Stripe's ISK answers come back in krónur, and one that is not whole krónur is refused naming its field", () => {
        const intent = paymentIntent({ currency: 'isk', status: 'requires_capture', amount: 123_400, amount_capturable: 123_400 });
        assert.deepEqual(authorizeResultFromPaymentIntent(intent), {
          outcome: 'authorized',
          pspReference: 'pi_test',
          amountCapturable: 1_234,
        });
        const captured = paymentIntent({ currency: 'isk', status: 'succeeded', amount: 123_400, amount_received: 120_000 });
        assert.deepEqual(captureResultFromPaymentIntent(captured), { outcome: 'captured', amountCaptured: 1_200 });
        assert.equal(snapshotFromPaymentIntent(captured).amount, 1_234);
        assert.throws(
          () => snapshotFromPaymentIntent(paymentIntent({ currency: 'isk', amount: 123_450 })),
          (error: unknown) => error instanceof UnmappableStripeAmountError && error.param === 'amount',
        );
      });
    });

    it('a lookup searches the metadata holding holdfast payment id', () => {
      assert.equal(paymentIntentSearchQuery('pay_1'), "metadata['holdfast_payment_id']:'pay_1'");
    });

    it('quotes and backslashes in a payment id are escaped, so it cannot change the search', () => {
      assert.equal(paymentIntentSearchQuery("pay_'x\\"), "metadata['holdfast_payment_id']:'pay_\\'x\\\\'");
    });
  });

  describe('PaymentIntent statuses', () => {
    const snapshotStatuses: Array<[Stripe.PaymentIntent.Status, string]> = [
      ['requires_payment_method', 'failed'],
      ['requires_confirmation', 'requires_action'],
      ['requires_action', 'requires_action'],
      ['processing', 'processing'],
      ['requires_capture', 'authorized'],
      ['canceled', 'canceled'],
      ['succeeded', 'captured'],
    ];
    for (const [stripeStatus, holdfastStatus] of snapshotStatuses) {
      it(`a PaymentIntent in ${stripeStatus} is ${holdfastStatus} in a snapshot`, () => {
        assert.equal(snapshotFromPaymentIntent(paymentIntent({ status: stripeStatus })).status, holdfastStatus);
      });
    }

    it('a snapshot carries amounts and currency unchanged', () => {
      assert.deepEqual(
        snapshotFromPaymentIntent(paymentIntent({ status: 'succeeded', amount: 1000, amount_received: 600, currency: 'jpy' })),
        { pspReference: 'pi_test', status: 'captured', amount: 1000, amountCapturable: 0, amountCaptured: 600, currency: 'jpy' },
      );
    });

    it('an unknown PaymentIntent status is an error, not a default', () => {
      const intent = paymentIntent({ status: 'requires_reauthorization' });
      assert.throws(() => snapshotFromPaymentIntent(intent), UnmappableStripeResponseError);
      assert.throws(() => authorizeResultFromPaymentIntent(intent), UnmappableStripeResponseError);
    });

    it('an authorization answered requires_capture is authorized for the capturable amount', () => {
      assert.deepEqual(authorizeResultFromPaymentIntent(paymentIntent({ status: 'requires_capture', amount_capturable: 1099 })), {
        outcome: 'authorized',
        pspReference: 'pi_test',
        amountCapturable: 1099,
      });
    });

    it('an authorization answered requires_payment_method is declined with the last payment error', () => {
      const intent = paymentIntent({
        status: 'requires_payment_method',
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'No funds.' },
      });
      assert.deepEqual(authorizeResultFromPaymentIntent(intent), {
        outcome: 'declined',
        pspReference: 'pi_test',
        failureCode: 'insufficient_funds',
        failureMessage: 'No funds.',
      });
    });

    it('a 3-D Secure redirect requires action, with the URL to send the shopper to', () => {
      const intent = paymentIntent({
        status: 'requires_action',
        next_action: {
          type: 'redirect_to_url',
          redirect_to_url: { url: 'https://hooks.stripe.com/3d_secure/pi_test', return_url: 'https://shop.example/return' },
        },
      });
      assert.deepEqual(authorizeResultFromPaymentIntent(intent), {
        outcome: 'requires_action',
        pspReference: 'pi_test',
        redirectUrl: 'https://hooks.stripe.com/3d_secure/pi_test',
      });
    });

    it('an action holdfast cannot hand to a shopper (use_stripe_sdk) is declined as authentication_required', () => {
      const intent = paymentIntent({ status: 'requires_action', next_action: { type: 'use_stripe_sdk', use_stripe_sdk: {} } });
      const result = authorizeResultFromPaymentIntent(intent);
      assert.equal(result.outcome, 'declined');
      assert.equal(result.outcome === 'declined' && result.failureCode, 'authentication_required');
      assert.match(result.outcome === 'declined' ? result.failureMessage : '', /use_stripe_sdk/);
    });

    it('a canceled PaymentIntent is declined as canceled, naming the reason', () => {
      const result = authorizeResultFromPaymentIntent(paymentIntent({ status: 'canceled', cancellation_reason: 'abandoned' }));
      assert.equal(result.outcome, 'declined');
      assert.equal(result.outcome === 'declined' && result.failureCode, 'canceled');
      assert.match(result.outcome === 'declined' ? result.failureMessage : '', /abandoned/);
    });

    for (const status of ['requires_confirmation', 'processing', 'succeeded'] as const) {
      it(`a manual-capture authorization answered ${status} cannot be expressed and throws`, () => {
        assert.throws(() => authorizeResultFromPaymentIntent(paymentIntent({ status })), UnmappableStripeResponseError);
      });
    }

    for (const captureMethod of ['automatic', 'automatic_async'] as const) {
      it(`a sale (${captureMethod}) answered succeeded is authorized and captured for the amount received`, () => {
        const result = authorizeResultFromPaymentIntent(
          paymentIntent({ status: 'succeeded', capture_method: captureMethod, amount_received: 1099 }),
        );
        assert.deepEqual(result, { outcome: 'authorized', pspReference: 'pi_test', amountCapturable: 1099, amountCaptured: 1099 });
      });
    }

    it('a sale still processing cannot be expressed and throws, to be asked again', () => {
      assert.throws(
        () => authorizeResultFromPaymentIntent(paymentIntent({ status: 'processing', capture_method: 'automatic' })),
        UnmappableStripeResponseError,
      );
    });

    it('a capture reports the amount Stripe received', () => {
      assert.deepEqual(captureResultFromPaymentIntent(paymentIntent({ status: 'succeeded', amount_received: 700 })), {
        outcome: 'captured',
        amountCaptured: 700,
      });
    });

    it('a capture answered with a PaymentIntent that is not captured throws', () => {
      assert.throws(() => captureResultFromPaymentIntent(paymentIntent({ status: 'requires_capture' })), UnmappableStripeResponseError);
    });

    it('a cancel answered canceled is canceled; any other status throws', () => {
      assert.deepEqual(cancelResultFromPaymentIntent(paymentIntent({ status: 'canceled' })), { outcome: 'canceled' });
      assert.throws(() => cancelResultFromPaymentIntent(paymentIntent({ status: 'requires_capture' })), UnmappableStripeResponseError);
    });
  });

  describe('lookups', () => {
    it('a search that finds nothing is not_found', () => {
      assert.deepEqual(lookupResultFromSearch([]), { outcome: 'not_found' });
    });

    it('a found PaymentIntent is mapped like an authorization answer', () => {
      assert.deepEqual(lookupResultFromSearch([paymentIntent({ status: 'requires_capture', amount_capturable: 1099 })]), {
        outcome: 'authorized',
        pspReference: 'pi_test',
        amountCapturable: 1099,
      });
      const failed = lookupResultFromSearch([
        paymentIntent({
          status: 'requires_payment_method',
          last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Declined.' },
        }),
      ]);
      assert.equal(failed.outcome === 'declined' && failed.failureCode, 'card_declined');
    });

    it('among several PaymentIntents for one payment, the authorized one wins over a newer decline', () => {
      const result = lookupResultFromSearch([
        paymentIntent({ id: 'pi_new', created: 200, status: 'requires_payment_method' }),
        paymentIntent({ id: 'pi_held', created: 100, status: 'requires_capture', amount_capturable: 1099 }),
      ]);
      assert.equal(result.outcome, 'authorized');
      assert.equal(result.outcome === 'authorized' && result.pspReference, 'pi_held');
    });

    it("a sale's captured PaymentIntent wins over a newer decline: it took the money", () => {
      const result = lookupResultFromSearch([
        paymentIntent({ id: 'pi_new', created: 200, status: 'requires_payment_method', capture_method: 'automatic' }),
        paymentIntent({ id: 'pi_sold', created: 100, status: 'succeeded', capture_method: 'automatic', amount_received: 1099 }),
      ]);
      assert.equal(result.outcome === 'authorized' && result.pspReference, 'pi_sold');
      assert.equal(result.outcome === 'authorized' && result.amountCaptured, 1099);
    });

    it('among several PaymentIntents none of which is authorized, the newest is the answer', () => {
      const result = lookupResultFromSearch([
        paymentIntent({ id: 'pi_old', created: 100, status: 'canceled' }),
        paymentIntent({ id: 'pi_new', created: 200, status: 'requires_payment_method' }),
      ]);
      assert.equal(result.outcome === 'declined' && result.pspReference, 'pi_new');
    });
  });

  describe('refund statuses', () => {
    it('succeeded, pending and requires_action refunds map to succeeded, pending, pending', () => {
      assert.deepEqual(refundResultFromRefund(refund({ status: 'succeeded' })), { outcome: 'succeeded', pspRefundReference: 're_test' });
      assert.deepEqual(refundResultFromRefund(refund({ status: 'pending' })), { outcome: 'pending', pspRefundReference: 're_test' });
      assert.deepEqual(refundResultFromRefund(refund({ status: 'requires_action' })), {
        outcome: 'pending',
        pspRefundReference: 're_test',
      });
    });

    it('failed and canceled refunds fail with a code', () => {
      assert.deepEqual(refundResultFromRefund(refund({ status: 'failed', failure_reason: 'expired_or_canceled_card' })), {
        outcome: 'failed',
        pspRefundReference: 're_test',
        failureCode: 'expired_or_canceled_card',
      });
      assert.deepEqual(refundResultFromRefund(refund({ status: 'canceled' })), {
        outcome: 'failed',
        pspRefundReference: 're_test',
        failureCode: 'canceled',
      });
    });

    it('an unknown or missing refund status throws', () => {
      assert.throws(() => refundResultFromRefund(refund({ status: 'reversed' })), UnmappableStripeResponseError);
      assert.throws(() => refundResultFromRefund(refund({ status: null })), UnmappableStripeResponseError);
    });
  });

  describe('declines', () => {
    const cardError = (declineCode: string) =>
      new Stripe.errors.StripeCardError({
        type: 'card_error',
        statusCode: 402,
        code: 'card_declined',
        decline_code: declineCode,
        message: 'Your card was declined.',
        payment_intent: paymentIntent({ id: 'pi_declined' }),
      });

    it('a decline holdfast knows keeps its decline code', () => {
      assert.deepEqual(declineFromCardError(cardError('insufficient_funds')), {
        outcome: 'declined',
        pspReference: 'pi_declined',
        failureCode: 'insufficient_funds',
        failureMessage: 'Your card was declined.',
      });
    });

    it('any other decline is reported by its error code', () => {
      const result = declineFromCardError(cardError('generic_decline'));
      assert.equal(result.outcome === 'declined' && result.failureCode, 'card_declined');
    });
  });

  describe('errors', () => {
    it('a request Stripe refused for good becomes a PspRequestError with Stripe code and cause', () => {
      const refused = stripeError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state' });
      const mapped = gatewayErrorFromStripeError(refused);
      assert.ok(mapped instanceof PspRequestError);
      assert.equal(mapped.code, 'payment_intent_unexpected_state');
      assert.equal(mapped.cause, refused);
    });

    it('a reused idempotency key with other parameters is a PspRequestError', () => {
      const mapped = gatewayErrorFromStripeError(stripeError(400, { type: 'idempotency_error' }));
      assert.ok(mapped instanceof PspRequestError);
      assert.equal(mapped.code, 'idempotency_error');
    });

    it('a wrong API key is a PspRequestError', () => {
      const mapped = gatewayErrorFromStripeError(stripeError(401, { type: 'invalid_request_error' }));
      assert.ok(mapped instanceof PspRequestError);
      assert.equal(mapped.code, 'authentication_error');
    });

    it('server errors, conflicts, rate limits, timeouts and dropped connections stay ambiguous', () => {
      const transient = [
        stripeError(500, { type: 'api_error' }),
        stripeError(503, { type: 'api_error' }),
        stripeError(409, { type: 'idempotency_error', code: 'idempotency_key_in_use' }),
        stripeError(429, { type: 'invalid_request_error', code: 'rate_limit' }),
        stripeError(400, { type: 'invalid_request_error', code: 'rate_limit' }),
        new Stripe.errors.StripeConnectionError({ message: 'socket hang up' }),
        connectionError('ETIMEDOUT'),
        connectionError('ECONNRESET'),
        new TypeError('fetch failed'),
      ];
      for (const error of transient) assert.equal(gatewayErrorFromStripeError(error), error);
    });

    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH']) {
      it(`a connection that failed with ${code} never left: PspNotReachedError, keeping the cause`, () => {
        const error = connectionError(code);
        const mapped = gatewayErrorFromStripeError(error);
        assert.ok(mapped instanceof PspNotReachedError, String(mapped));
        assert.equal(mapped.cause, error);
      });
    }

    it('a host whose every address refused never got the request; one that timed out may have', () => {
      const refusedEverywhere = connectionError(new AggregateError([nodeError('ECONNREFUSED'), nodeError('ENETUNREACH')]));
      assert.ok(gatewayErrorFromStripeError(refusedEverywhere) instanceof PspNotReachedError);
      const partlyTimedOut = connectionError(new AggregateError([nodeError('ECONNREFUSED'), nodeError('ETIMEDOUT')]));
      assert.equal(gatewayErrorFromStripeError(partlyTimedOut), partlyTimedOut);
    });
  });
});
