import assert from 'node:assert/strict';
import { currencyExponent, formatMoney, isSupportedCurrency, isValidAmount } from '../../domain/money';

describe('money', () => {
  it('uses ISO 4217 exponents: jpy has 0 decimals, usd 2, kwd 3', () => {
    assert.equal(currencyExponent('jpy'), 0);
    assert.equal(currencyExponent('usd'), 2);
    assert.equal(currencyExponent('kwd'), 3);
  });

  it('refuses an exponent for a currency it does not support', () => {
    assert.throws(() => currencyExponent('xyz'), /unsupported currency/);
    assert.equal(isSupportedCurrency('xyz'), false);
  });

  it('spells currencies in lower case, as Stripe does', () => {
    assert.equal(isSupportedCurrency('usd'), true);
    assert.equal(isSupportedCurrency('USD'), false);
  });

  it('accepts positive safe integers as amounts', () => {
    for (const amount of [1, 100, Number.MAX_SAFE_INTEGER]) assert.equal(isValidAmount(amount), true, String(amount));
  });

  it('rejects zero, negatives, fractions, unsafe integers, NaN, Infinity and non-numbers as amounts', () => {
    for (const amount of [0, -0, -1, 1.5, 2 ** 53, NaN, Infinity, '100', 100n, null, undefined]) {
      assert.equal(isValidAmount(amount), false, String(amount));
    }
  });

  it('formats minor units with the currency exponent, for messages only', () => {
    assert.equal(formatMoney(1234, 'usd'), '12.34 usd');
    assert.equal(formatMoney(5, 'usd'), '0.05 usd');
    assert.equal(formatMoney(-5, 'usd'), '-0.05 usd');
    assert.equal(formatMoney(1234, 'jpy'), '1234 jpy');
    assert.equal(formatMoney(1234, 'kwd'), '1.234 kwd');
  });
});
