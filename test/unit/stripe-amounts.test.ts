import assert from 'node:assert/strict';
import { pspCanCarry } from '../../psp/amount-support';
import { PspRequestError } from '../../domain/psp-gateway';
import { fromStripeAmount, stripeAmountStep, toStripeAmount } from '../../psp/stripe/amounts';
import { StripeAmountNotSupportedError, UnmappableStripeAmountError, UnmappableStripeResponseError } from '../../psp/stripe/errors';
import { currencyExponent, supportedCurrencies } from '../../domain/money';

const THREE_DECIMAL = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function refusal(run: () => unknown): StripeAmountNotSupportedError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof StripeAmountNotSupportedError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('Stripe amounts (toStripeAmount / fromStripeAmount)', () => {
  describe("ISK: effectively zero-decimal, still hundredths in Stripe's API", () => {
    it('500 ISK goes to Stripe as 50000, for payments and payouts alike, and comes back as 500', () => {
      assert.equal(toStripeAmount(500, 'isk', { use: 'payment' }), 50_000);
      assert.equal(toStripeAmount(1_234, 'isk', { use: 'payout' }), 123_400);
      assert.equal(fromStripeAmount(50_000, 'isk', 'amount'), 500);
    });

    it('an amount from Stripe that is not whole krónur is refused, naming the field', () => {
      assert.throws(
        () => fromStripeAmount(50_050, 'isk', 'amount_received'),
        (error: unknown) =>
          error instanceof UnmappableStripeAmountError &&
          error instanceof UnmappableStripeResponseError &&
          error.code === 'amount_not_supported' &&
          error.param === 'amount_received' &&
          /amount_received/.test(error.message),
      );
    });
  });

  describe('three-decimal currencies: thousandths ending in 0', () => {
    for (const currency of THREE_DECIMAL) {
      it(`${currency.toUpperCase()}: 1.230 goes as 1230 both ways; 1.005 is refused as amount_not_supported on amount`, () => {
        assert.equal(currencyExponent(currency), 3);
        assert.equal(toStripeAmount(1_230, currency, { use: 'payment' }), 1_230);
        assert.equal(toStripeAmount(1_230, currency, { use: 'payout' }), 1_230);
        assert.equal(fromStripeAmount(1_230, currency, 'amount'), 1_230);
        // Stripe's own answers are whole thousandths: any of them is holdfast's amount.
        assert.equal(fromStripeAmount(1_005, currency, 'amount'), 1_005);
        for (const use of ['payment', 'payout'] as const) {
          const error = refusal(() => toStripeAmount(1_005, currency, { use }));
          assert.ok(error instanceof PspRequestError, 'final, like a refusal by Stripe');
          assert.equal(error.code, 'amount_not_supported');
          assert.equal(error.param, 'amount');
          assert.match(error.message, new RegExp(`1\\.005 ${currency}`));
        }
      });
    }

    it("a capture names Stripe's amount_to_capture in the message and the request's field in param", () => {
      const error = refusal(() => toStripeAmount(2_001, 'kwd', { use: 'payment', stripeField: 'amount_to_capture' }));
      assert.equal(error.param, 'amount');
      assert.match(error.message, /amount_to_capture must be a multiple of 0\.010 kwd/);
    });
  });

  describe('HUF and TWD: two-decimal charges, whole-unit payouts', () => {
    for (const currency of ['huf', 'twd']) {
      it(`${currency.toUpperCase()}: 123.45 can be charged and refunded but not paid out; 123.00 can`, () => {
        assert.equal(toStripeAmount(12_345, currency, { use: 'payment' }), 12_345);
        assert.equal(toStripeAmount(12_300, currency, { use: 'payout' }), 12_300);
        const error = refusal(() => toStripeAmount(12_345, currency, { use: 'payout' }));
        assert.equal(error.code, 'amount_not_supported');
        assert.equal(error.param, 'amount');
        assert.match(error.message, /pay out 123\.45/);
        assert.equal(fromStripeAmount(12_345, currency, 'amount'), 12_345);
      });
    }
  });

  it('every other currency holdfast supports passes unchanged', () => {
    const special = new Set(['isk', 'huf', 'twd', ...THREE_DECIMAL]);
    for (const currency of supportedCurrencies().filter((c) => !special.has(c))) {
      for (const use of ['payment', 'payout'] as const) {
        assert.equal(toStripeAmount(1_001, currency, { use }), 1_001, currency);
        assert.equal(stripeAmountStep(currency, use), 1, currency);
      }
      assert.equal(fromStripeAmount(1_001, currency, 'amount'), 1_001, currency);
    }
  });

  it('refuses what is not an amount, or a currency holdfast does not know, either way', () => {
    for (const amount of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      assert.throws(() => toStripeAmount(amount, 'usd', { use: 'payment' }), RangeError, String(amount));
    }
    // Scaled past what a double holds exactly: refused, never rounded.
    assert.equal(refusal(() => toStripeAmount(Number.MAX_SAFE_INTEGER, 'isk', { use: 'payment' })).code, 'amount_not_supported');
    assert.equal(refusal(() => toStripeAmount(100, 'xxx', { use: 'payment' })).param, 'currency');
    for (const amount of [-100, 1.5, Number.NaN]) {
      assert.throws(() => fromStripeAmount(amount, 'usd', 'amount'), UnmappableStripeAmountError, String(amount));
    }
    assert.throws(() => fromStripeAmount(100, 'xxx', 'amount'), UnmappableStripeAmountError);
  });

  it('round trip: every amount Stripe accepts comes back unchanged, and every refusal is one Stripe would make', () => {
    const next = random(11);
    for (const currency of supportedCurrencies()) {
      for (let i = 0; i < 2_000; i += 1) {
        // Mostly small amounts, some up to the largest safe integer.
        const amount = 1 + Math.floor(next() * (i % 10 === 0 ? Number.MAX_SAFE_INTEGER / 1_000 : 100_000));
        for (const use of ['payment', 'payout'] as const) {
          let sent: number;
          try {
            sent = toStripeAmount(amount, currency, { use });
          } catch (error) {
            assert.ok(error instanceof StripeAmountNotSupportedError, `${amount} ${currency}: ${String(error)}`);
            // Refused only for a reason: the scaled amount is off Stripe's step.
            const scale = currency === 'isk' ? 100 : 1;
            assert.notEqual((amount * scale) % stripeAmountStep(currency, use), 0, `${amount} ${currency} ${use}`);
            continue;
          }
          assert.equal(sent % stripeAmountStep(currency, use), 0, `${amount} ${currency} ${use}`);
          assert.equal(fromStripeAmount(sent, currency, 'amount'), amount, `${amount} ${currency} ${use}`);
        }
      }
    }
  });

  it('routing asks the same conversions: KWD 1.005 fits Adyen, not Stripe; whole ISK fits both', () => {
    assert.equal(pspCanCarry('stripe', { amount: 1_005, currency: 'kwd' }), false);
    assert.equal(pspCanCarry('adyen', { amount: 1_005, currency: 'kwd' }), true);
    assert.equal(pspCanCarry('stripe', { amount: 1_010, currency: 'kwd' }), true);
    assert.equal(pspCanCarry('stripe', { amount: 1_234, currency: 'isk' }), true);
    assert.equal(pspCanCarry('adyen', { amount: 1_234, currency: 'isk' }), true);
    // Adyen counts IDR in whole rupiah: IDR 1,500.50 fits Stripe only.
    assert.equal(pspCanCarry('adyen', { amount: 150_050, currency: 'idr' }), false);
    assert.equal(pspCanCarry('stripe', { amount: 150_050, currency: 'idr' }), true);
    // HUF payouts are not payments: a HUF charge with fillér fits Stripe.
    assert.equal(pspCanCarry('stripe', { amount: 12_345, currency: 'huf' }), true);
  });
});
