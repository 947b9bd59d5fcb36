import assert from 'node:assert/strict';
import { ApiError } from '../../api/errors';
import { derivePaymentId, deriveRefundId, deriveRequestId } from '../../views/ids';
import { capturePaymentBody, createPaymentBody, createRefundBody } from '../../api/schemas/payments';
import { parseOrThrow } from '../../api/validate';

const valid = { amount: 1099, currency: 'usd', payment_method: 'pm_card_visa' };

/** The API error parseOrThrow raises for this input, as {status, type, code, param}. */
function refusal(schema: Parameters<typeof parseOrThrow>[0], input: unknown) {
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    assert.ok(error instanceof ApiError, `expected an ApiError, got ${String(error)}`);
    return { status: error.status, type: error.type, code: error.code, param: error.param, message: error.message };
  }
  assert.fail(`expected ${JSON.stringify(input)} to be refused`);
}

function metadataWith(keys: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: keys }, (_, i) => [`key${i}`, 'v']));
}

describe('request validation', () => {
  describe('create payment body', () => {
    it('accepts a minimal payment and fills in automatic capture and empty metadata', () => {
      assert.deepEqual(parseOrThrow(createPaymentBody, valid), {
        ...valid,
        capture_method: 'automatic',
        metadata: {},
      });
    });

    it('answers every refusal as a 400 invalid_request_error', () => {
      const { status, type } = refusal(createPaymentBody, { ...valid, amount: 0 });
      assert.equal(status, 400);
      assert.equal(type, 'invalid_request_error');
    });

    it('refuses an unknown top-level field as parameter_unknown, naming it', () => {
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, status: 'captured' })), { code: 'parameter_unknown', param: 'status' });
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, amount_captured: 1099 })), {
        code: 'parameter_unknown',
        param: 'amount_captured',
      });
    });

    it('refuses an unknown nested field with its bracketed path', () => {
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, customer: { name: 'Ada', phone: '1' } })), {
        code: 'parameter_unknown',
        param: 'customer[phone]',
      });
    });

    it('refuses a missing required field as parameter_missing', () => {
      const { amount: _amount, ...withoutAmount } = valid;
      assert.deepEqual(pick(refusal(createPaymentBody, withoutAmount)), { code: 'parameter_missing', param: 'amount' });
      const { currency: _currency, ...withoutCurrency } = valid;
      assert.deepEqual(pick(refusal(createPaymentBody, withoutCurrency)), { code: 'parameter_missing', param: 'currency' });
      const { payment_method: _pm, ...withoutMethod } = valid;
      assert.deepEqual(pick(refusal(createPaymentBody, withoutMethod)), { code: 'parameter_missing', param: 'payment_method' });
    });

    it('treats an absent body as an empty object and reports the first missing field', () => {
      assert.deepEqual(pick(refusal(createPaymentBody, undefined)), { code: 'parameter_missing', param: 'amount' });
    });

    it('refuses a fractional, string or null amount as parameter_invalid_integer', () => {
      for (const amount of [10.5, '1099', null]) {
        assert.deepEqual(
          pick(refusal(createPaymentBody, { ...valid, amount })),
          { code: 'parameter_invalid_integer', param: 'amount' },
          JSON.stringify(amount),
        );
      }
    });

    it('refuses a zero or negative amount as amount_too_small', () => {
      for (const amount of [0, -1]) {
        assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, amount })), { code: 'amount_too_small', param: 'amount' });
      }
    });

    it('refuses an amount beyond the safe integers as amount_too_large, and accepts the largest safe one', () => {
      for (const amount of [2 ** 53, 1e20]) {
        assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, amount })), { code: 'amount_too_large', param: 'amount' });
      }
      assert.equal(parseOrThrow(createPaymentBody, { ...valid, amount: Number.MAX_SAFE_INTEGER }).amount, Number.MAX_SAFE_INTEGER);
    });

    it('refuses an unknown or non-string currency as currency_invalid', () => {
      for (const currency of ['xyz', 'us', 'dollars', 840]) {
        assert.deepEqual(
          pick(refusal(createPaymentBody, { ...valid, currency })),
          { code: 'currency_invalid', param: 'currency' },
          JSON.stringify(currency),
        );
      }
    });

    it('accepts an upper-case currency and normalises it to lower case', () => {
      assert.equal(parseOrThrow(createPaymentBody, { ...valid, currency: 'USD' }).currency, 'usd');
      assert.equal(parseOrThrow(createPaymentBody, { ...valid, currency: 'JpY' }).currency, 'jpy');
    });

    it('accepts up to 50 metadata keys and refuses the 51st, naming metadata', () => {
      assert.equal(Object.keys(parseOrThrow(createPaymentBody, { ...valid, metadata: metadataWith(50) }).metadata).length, 50);
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, metadata: metadataWith(51) })), {
        code: 'parameter_invalid',
        param: 'metadata',
      });
    });

    it('accepts metadata keys up to 40 characters and refuses longer or empty ones, naming the key', () => {
      const key40 = 'k'.repeat(40);
      const key41 = 'k'.repeat(41);
      assert.deepEqual(parseOrThrow(createPaymentBody, { ...valid, metadata: { [key40]: 'v' } }).metadata, { [key40]: 'v' });
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, metadata: { [key41]: 'v' } })), {
        code: 'parameter_invalid',
        param: `metadata[${key41}]`,
      });
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, metadata: { '': 'v' } })), {
        code: 'parameter_invalid',
        param: 'metadata[]',
      });
    });

    it('refuses a key named __proto__ (as JSON.parse makes it, an own key), which zod would drop in silence', () => {
      const body = JSON.parse(`{"amount":1099,"currency":"usd","payment_method":"pm_card_visa","metadata":{"__proto__":"x","order":"1"}}`);
      assert.deepEqual(pick(refusal(createPaymentBody, body)), { code: 'parameter_invalid', param: 'metadata[__proto__]' });
      assert.deepEqual(pick(refusal(createPaymentBody, JSON.parse(`{"__proto__":{"amount":1}}`))), {
        code: 'parameter_invalid',
        param: '__proto__',
      });
      assert.deepEqual(parseOrThrow(createPaymentBody, { ...valid, metadata: { constructor: 'x', prototype: 'y' } }).metadata, {
        constructor: 'x',
        prototype: 'y',
      });
    });

    it('accepts metadata values up to 500 characters and refuses longer or non-string ones', () => {
      assert.equal(parseOrThrow(createPaymentBody, { ...valid, metadata: { order: 'v'.repeat(500) } }).metadata.order?.length, 500);
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, metadata: { order: 'v'.repeat(501) } })), {
        code: 'parameter_invalid',
        param: 'metadata[order]',
      });
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, metadata: { order: 5 } })), {
        code: 'parameter_invalid',
        param: 'metadata[order]',
      });
    });

    it('refuses a payment method that is not a token, and an unknown capture method', () => {
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, payment_method: '4242 4242 4242 4242' })), {
        code: 'parameter_invalid',
        param: 'payment_method',
      });
      assert.deepEqual(pick(refusal(createPaymentBody, { ...valid, capture_method: 'later' })), {
        code: 'parameter_invalid',
        param: 'capture_method',
      });
    });
  });

  describe('capture and refund bodies', () => {
    it('accepts an empty capture (capture everything) and refuses a zero amount', () => {
      assert.deepEqual(parseOrThrow(capturePaymentBody, {}), {});
      assert.deepEqual(parseOrThrow(capturePaymentBody, undefined), {});
      assert.deepEqual(pick(refusal(capturePaymentBody, { amount: 0 })), { code: 'amount_too_small', param: 'amount' });
    });

    it('refuses a currency on a capture as an unknown parameter', () => {
      assert.deepEqual(pick(refusal(capturePaymentBody, { amount: 5, currency: 'usd' })), {
        code: 'parameter_unknown',
        param: 'currency',
      });
    });

    it('accepts the three refund reasons and refuses any other', () => {
      for (const reason of ['duplicate', 'fraudulent', 'requested_by_customer'] as const) {
        assert.deepEqual(parseOrThrow(createRefundBody, { reason }), { reason });
      }
      assert.deepEqual(pick(refusal(createRefundBody, { reason: 'because' })), { code: 'parameter_invalid', param: 'reason' });
    });

    it('refuses a fractional refund amount as parameter_invalid_integer', () => {
      assert.deepEqual(pick(refusal(createRefundBody, { amount: 1.5 })), { code: 'parameter_invalid_integer', param: 'amount' });
    });
  });

  describe('derived ids', () => {
    it('derives the same payment id from the same merchant and idempotency key', () => {
      assert.equal(derivePaymentId('mer_1', 'order-42'), derivePaymentId('mer_1', 'order-42'));
      assert.match(derivePaymentId('mer_1', 'order-42'), /^pay_[0-9a-f]{24}$/);
    });

    it('derives different payment ids for the same key under different merchants', () => {
      assert.notEqual(derivePaymentId('mer_1', 'order-42'), derivePaymentId('mer_2', 'order-42'));
    });

    it('derives different payment ids for different keys of one merchant', () => {
      assert.notEqual(derivePaymentId('mer_1', 'order-42'), derivePaymentId('mer_1', 'order-43'));
    });

    it('keeps merchant and key apart, so moving characters between them changes the id', () => {
      assert.notEqual(derivePaymentId('mer_1', 'abc'), derivePaymentId('mer_1a', 'bc'));
    });

    it('derives refund and request ids in their own namespaces', () => {
      const refundId = deriveRefundId('mer_1', 'pay_1', 'k');
      assert.match(refundId, /^re_[0-9a-f]{24}$/);
      assert.equal(refundId, deriveRefundId('mer_1', 'pay_1', 'k'));
      assert.notEqual(refundId, deriveRefundId('mer_1', 'pay_2', 'k'), 'a refund id names its payment');
      assert.notEqual(refundId.slice(3), derivePaymentId('mer_1', 'k').slice(4));
      assert.notEqual(deriveRequestId('mer_1', 'k'), derivePaymentId('mer_1', 'k').slice(4));
      assert.equal(deriveRequestId('mer_1', 'k'), deriveRequestId('mer_1', 'k'));
      assert.notEqual(deriveRequestId('mer_1', 'k'), deriveRequestId('mer_2', 'k'));
    });
  });
});

function pick({ code, param }: { code: string; param?: string }) {
  return { code, param };
}
