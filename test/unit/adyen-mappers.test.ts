import assert from 'node:assert/strict';
import { HttpClientException, Types } from '@adyen/api-library';
import {
  AdyenAuthorizationPendingError,
  type AdyenPaymentOutcome,
  authorizeResultFromPaymentResponse,
  cancelRequest,
  cancelResultFromResponse,
  captureRequest,
  captureResultFromResponse,
  fromAdyenAmount,
  gatewayErrorFromAdyenError,
  paymentDetailsRequest,
  paymentRequest,
  refundRequest,
  refundResultFromResponse,
  toAdyenAmount,
  UnmappableAdyenResponseError,
} from '../../psp/adyen/mappers';
import { type AuthorizeRequest, PspNotReachedError, PspRequestError } from '../../domain/psp-gateway';

const ResultCode = Types.checkout.PaymentResponse.ResultCodeEnum;

const authorization: AuthorizeRequest = {
  paymentId: 'pay_123',
  merchantId: 'mer_abc',
  amount: 2500,
  currency: 'eur',
  paymentMethod: 'pm_card_visa',
  idempotencyKey: 'pay_123:authorize',
  returnUrl: 'https://holdfast.example/return/pay_123',
};

function outcome(fields: AdyenPaymentOutcome): AdyenPaymentOutcome {
  return { pspReference: 'PSP0000000000001', ...fields };
}

function serviceError(status: number, errorCode?: string): HttpClientException {
  return new HttpClientException({
    message: `HTTP Exception: ${status}`,
    statusCode: status,
    errorCode,
    apiError: { status, errorCode, message: 'refused', errorType: 'validation' },
  });
}

describe('Adyen mappers', () => {
  describe('amounts', () => {
    it('sends minor units as they are where Adyen counts like ISO 4217 (EUR, JPY, KWD), in upper case', () => {
      assert.deepEqual(toAdyenAmount(2500, 'eur'), { value: 2500, currency: 'EUR' });
      assert.deepEqual(toAdyenAmount(500, 'jpy'), { value: 500, currency: 'JPY' });
      assert.deepEqual(toAdyenAmount(1234, 'kwd'), { value: 1234, currency: 'KWD' });
    });

    it('reads them back in lower case', () => {
      assert.deepEqual(fromAdyenAmount({ value: 500, currency: 'JPY' }), { amount: 500, currency: 'jpy' });
      assert.deepEqual(fromAdyenAmount({ value: 1234, currency: 'KWD' }), { amount: 1234, currency: 'kwd' });
    });

    it("rescales the currencies where Adyen's decimals differ from ISO's (ISK, CLP two; IDR none)", () => {
      assert.deepEqual(toAdyenAmount(1000, 'isk'), { value: 100_000, currency: 'ISK' });
      assert.deepEqual(toAdyenAmount(1000, 'clp'), { value: 100_000, currency: 'CLP' });
      assert.deepEqual(toAdyenAmount(150_000, 'idr'), { value: 1500, currency: 'IDR' });
      assert.deepEqual(fromAdyenAmount({ value: 100_000, currency: 'ISK' }), { amount: 1000, currency: 'isk' });
      assert.deepEqual(fromAdyenAmount({ value: 1500, currency: 'IDR' }), { amount: 150_000, currency: 'idr' });
    });

    it('refuses an amount that cannot be expressed on the other side instead of rounding it', () => {
      assert.throws(
        () => toAdyenAmount(150_050, 'idr'),
        (error: unknown) => error instanceof PspRequestError && error.code === 'amount_not_supported',
      );
      assert.throws(() => fromAdyenAmount({ value: 100_050, currency: 'ISK' }), UnmappableAdyenResponseError);
    });

    it('refuses non-integer, non-positive and unknown amounts', () => {
      assert.throws(() => toAdyenAmount(12.5, 'eur'), RangeError);
      assert.throws(() => toAdyenAmount(0, 'eur'), RangeError);
      assert.throws(() => toAdyenAmount(100, 'xyz'), /unsupported currency/);
      assert.throws(() => fromAdyenAmount({ value: 1.5, currency: 'EUR' }), UnmappableAdyenResponseError);
      assert.throws(() => fromAdyenAmount({ value: 100, currency: 'XYZ' }), UnmappableAdyenResponseError);
    });
  });

  describe('requests', () => {
    it('authorizes the token as a stored card, shopper present, with manual capture and our payment id as reference', () => {
      assert.deepEqual(paymentRequest(authorization, 'HoldfastECOM'), {
        merchantAccount: 'HoldfastECOM',
        reference: 'pay_123',
        amount: { value: 2500, currency: 'EUR' },
        paymentMethod: { type: 'scheme', storedPaymentMethodId: 'pm_card_visa' },
        shopperReference: 'mer_abc',
        shopperInteraction: 'Ecommerce',
        recurringProcessingModel: 'CardOnFile',
        returnUrl: 'https://holdfast.example/return/pay_123',
        additionalData: { manualCapture: 'true' },
      });
    });

    it("sends the merchant's statement descriptor as shopperStatement, and none without one", () => {
      assert.equal(paymentRequest({ ...authorization, statementDescriptor: 'ACME SHOP' }, 'M').shopperStatement, 'ACME SHOP');
      assert.ok(!('shopperStatement' in paymentRequest(authorization, 'M')));
    });

    it('is the same body for the same request, so a replay under the same key is accepted', () => {
      assert.deepEqual(paymentRequest(authorization, 'M'), paymentRequest({ ...authorization }, 'M'));
    });

    it('sends the redirectResult as payment details', () => {
      assert.deepEqual(paymentDetailsRequest('abc=='), { details: { redirectResult: 'abc==' } });
    });

    it('captures and cancels by pspReference, converting the amount', () => {
      assert.deepEqual(captureRequest({ pspReference: 'P', amount: 1000, currency: 'isk', idempotencyKey: 'k' }, 'M'), {
        merchantAccount: 'M',
        amount: { value: 100_000, currency: 'ISK' },
      });
      assert.deepEqual(cancelRequest('M'), { merchantAccount: 'M' });
    });

    it("refunds with our refund id as reference and Adyen's reason", () => {
      const refund = { pspReference: 'P', amount: 500, currency: 'usd', refundId: 're_1', idempotencyKey: 'k' };
      assert.deepEqual(refundRequest({ ...refund, reason: 'requested_by_customer' }, 'M'), {
        merchantAccount: 'M',
        amount: { value: 500, currency: 'USD' },
        reference: 're_1',
        merchantRefundReason: 'CUSTOMER REQUEST',
      });
      assert.equal(refundRequest({ ...refund, reason: 'fraudulent' }, 'M').merchantRefundReason, 'FRAUD');
      assert.equal(refundRequest({ ...refund, reason: 'duplicate' }, 'M').merchantRefundReason, 'DUPLICATE');
      assert.equal('merchantRefundReason' in refundRequest(refund, 'M'), false);
    });
  });

  describe('authorization results', () => {
    const map = (fields: AdyenPaymentOutcome) => authorizeResultFromPaymentResponse(outcome(fields), authorization);

    it('Authorised is an authorization (manual capture holds, it does not take), of the amount Adyen held', () => {
      assert.deepEqual(map({ resultCode: ResultCode.Authorised, amount: { value: 2500, currency: 'EUR' } }), {
        outcome: 'authorized',
        pspReference: 'PSP0000000000001',
        amountCapturable: 2500,
      });
    });

    it('Authorised without an amount holds what was asked', () => {
      const result = map({ resultCode: ResultCode.Authorised });
      assert.equal(result.outcome === 'authorized' && result.amountCapturable, 2500);
    });

    it('Authorised in another currency is not something to guess about', () => {
      assert.throws(
        () => map({ resultCode: ResultCode.Authorised, amount: { value: 2500, currency: 'USD' } }),
        UnmappableAdyenResponseError,
      );
    });

    it('Refused for lack of funds is insufficient_funds', () => {
      assert.deepEqual(map({ resultCode: ResultCode.Refused, refusalReason: 'Not enough balance', refusalReasonCode: '12' }), {
        outcome: 'declined',
        pspReference: 'PSP0000000000001',
        failureCode: 'insufficient_funds',
        failureMessage: 'Not enough balance',
      });
    });

    it('any other refusal is card_declined, with Adyen reason as the message', () => {
      const result = map({ resultCode: ResultCode.Refused, refusalReason: 'Expired Card', refusalReasonCode: '6' });
      assert.deepEqual(result, {
        outcome: 'declined',
        pspReference: 'PSP0000000000001',
        failureCode: 'card_declined',
        failureMessage: 'Expired Card',
      });
    });

    it('Error and Cancelled are final failures with nothing held', () => {
      const error = map({ resultCode: ResultCode.Error, refusalReason: 'Acquirer Error' });
      assert.equal(error.outcome === 'declined' && error.failureCode, 'processing_error');
      const cancelled = map({ resultCode: ResultCode.Cancelled });
      assert.equal(cancelled.outcome === 'declined' && cancelled.failureCode, 'payment_canceled');
    });

    for (const resultCode of [ResultCode.RedirectShopper, ResultCode.IdentifyShopper, ResultCode.ChallengeShopper]) {
      it(`${resultCode} requires the shopper at the action's URL`, () => {
        const result = map({ resultCode, action: { type: 'redirect', method: 'GET', url: 'https://3ds.example/challenge' } });
        assert.deepEqual(result, {
          outcome: 'requires_action',
          pspReference: 'PSP0000000000001',
          redirectUrl: 'https://3ds.example/challenge',
        });
      });
    }

    it('a shopper action that is not a GET redirect cannot be handed on', () => {
      assert.throws(() => map({ resultCode: ResultCode.ChallengeShopper, action: { type: 'threeDS2' } }), UnmappableAdyenResponseError);
      assert.throws(
        () => map({ resultCode: ResultCode.RedirectShopper, action: { type: 'redirect', method: 'POST', url: 'https://x' } }),
        UnmappableAdyenResponseError,
      );
    });

    for (const resultCode of [ResultCode.Received, ResultCode.Pending]) {
      it(`${resultCode} is an unknown outcome (retried, or settled by the notification), never a decline`, () => {
        assert.throws(
          () => map({ resultCode }),
          (error: unknown) => {
            assert.ok(error instanceof AdyenAuthorizationPendingError);
            assert.equal(error.pspReference, 'PSP0000000000001');
            assert.ok(!(error instanceof PspRequestError));
            return true;
          },
        );
      });
    }

    for (const resultCode of [
      ResultCode.PartiallyAuthorised,
      ResultCode.PresentToShopper,
      ResultCode.AuthenticationFinished,
      ResultCode.AuthenticationNotRequired,
      ResultCode.Success,
    ]) {
      it(`${resultCode} answers a request holdfast never makes, so it throws`, () => {
        assert.throws(() => map({ resultCode }), UnmappableAdyenResponseError);
      });
    }

    it('an unknown resultCode throws instead of defaulting', () => {
      assert.throws(() => map({ resultCode: 'SomethingNew' }), /unknown resultCode: SomethingNew/);
      assert.throws(() => map({}), UnmappableAdyenResponseError);
    });
  });

  describe('modification results', () => {
    it('a received capture is pending, for the amount asked', () => {
      const response = {
        merchantAccount: 'M',
        paymentPspReference: 'P',
        pspReference: 'C',
        status: Types.checkout.PaymentCaptureResponse.StatusEnum.Received,
        amount: { value: 100_000, currency: 'ISK' },
      };
      assert.deepEqual(captureResultFromResponse(response), { outcome: 'pending', amountCaptured: 1000 });
    });

    it('a received cancel is pending', () => {
      const response = {
        merchantAccount: 'M',
        paymentPspReference: 'P',
        pspReference: 'X',
        status: Types.checkout.PaymentCancelResponse.StatusEnum.Received,
      };
      assert.deepEqual(cancelResultFromResponse(response), { outcome: 'pending' });
    });

    it("a received refund is pending under the refund's own pspReference", () => {
      const response = {
        merchantAccount: 'M',
        paymentPspReference: 'P',
        pspReference: 'R',
        status: Types.checkout.PaymentRefundResponse.StatusEnum.Received,
        amount: { value: 500, currency: 'USD' },
      };
      assert.deepEqual(refundResultFromResponse(response), { outcome: 'pending', pspRefundReference: 'R' });
    });

    it('any other status is not understood', () => {
      const response = { merchantAccount: 'M', paymentPspReference: 'P', pspReference: 'X', status: 'done' } as never;
      assert.throws(() => cancelResultFromResponse(response), UnmappableAdyenResponseError);
    });
  });

  describe('errors', () => {
    it('a 4xx refusal is a PspRequestError with Adyen errorCode, keeping the cause', () => {
      const cause = serviceError(422, '800');
      const error = gatewayErrorFromAdyenError(cause);
      assert.ok(error instanceof PspRequestError);
      assert.equal(error.code, '800');
      assert.equal(error.cause, cause);
    });

    it('401 and 403 are refusals too', () => {
      assert.ok(gatewayErrorFromAdyenError(serviceError(401, '000')) instanceof PspRequestError);
      assert.ok(gatewayErrorFromAdyenError(serviceError(403, '901')) instanceof PspRequestError);
    });

    it('429, 5xx and 704 (key in use) are ambiguous: returned as they are', () => {
      for (const cause of [serviceError(429), serviceError(500, '000'), serviceError(503, '000'), serviceError(422, '704')]) {
        assert.equal(gatewayErrorFromAdyenError(cause), cause);
      }
    });

    it('a refused connection or unknown host never sent anything: PspNotReachedError', () => {
      const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
      const unknownHost = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) });
      const everyAddress = new TypeError('fetch failed', {
        cause: Object.assign(
          new AggregateError([
            Object.assign(new Error('::1'), { code: 'ECONNREFUSED' }),
            Object.assign(new Error('127.0.0.1'), { code: 'ECONNREFUSED' }),
          ]),
          { code: 'ECONNREFUSED' },
        ),
      });
      for (const cause of [refused, unknownHost, everyAddress]) {
        const error = gatewayErrorFromAdyenError(cause);
        assert.ok(error instanceof PspNotReachedError, String(error));
        assert.equal(error.cause, cause);
      }
    });

    it('a connection dropped after sending is ambiguous', () => {
      const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      assert.equal(gatewayErrorFromAdyenError(reset), reset);
    });
  });
});
