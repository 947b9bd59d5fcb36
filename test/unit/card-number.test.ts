import assert from 'node:assert/strict';
import { containsCardNumber, findCardNumber, isCardNumber } from '../../domain/card-number';

/** Appends the Luhn check digit, so tests can build valid numbers of any length. */
function withCheckDigit(body: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = body + check;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** Stripe's published test card numbers (all Luhn-valid). */
const VISA = '4242424242424242';
const VISA_DEBIT = '4000056655665556';
const MASTERCARD = '5555555555554444';
const MASTERCARD_2_SERIES = '2223003122003222';
const AMEX = '378282246310005';

describe('card number (PAN) detection', () => {
  it('builds Luhn-valid numbers the same way card networks do (check of the test helper)', () => {
    assert.equal(withCheckDigit(VISA.slice(0, -1)), VISA);
    assert.equal(withCheckDigit(AMEX.slice(0, -1)), AMEX);
  });

  it('finds Visa, Mastercard and Amex test numbers written without separators', () => {
    for (const pan of [VISA, VISA_DEBIT, MASTERCARD, MASTERCARD_2_SERIES, AMEX]) {
      assert.equal(containsCardNumber(pan), true, pan);
    }
  });

  it('finds card numbers grouped by spaces, as printed on the card', () => {
    assert.equal(containsCardNumber('4242 4242 4242 4242'), true);
    assert.equal(containsCardNumber('5555 5555 5555 4444'), true);
    assert.equal(containsCardNumber('3782 822463 10005'), true);
  });

  it('finds card numbers grouped by dashes, or by a mix of dashes and spaces', () => {
    assert.equal(containsCardNumber('4242-4242-4242-4242'), true);
    assert.equal(containsCardNumber('3782-822463-10005'), true);
    assert.equal(containsCardNumber('4242 4242-4242 4242'), true);
  });

  it('finds a card number inside surrounding text', () => {
    assert.equal(containsCardNumber('card: 4242424242424242, exp 12/34'), true);
    assert.equal(containsCardNumber('please charge 5555-5555-5555-4444 thanks'), true);
  });

  it('lets a number that fails the Luhn check pass', () => {
    assert.equal(containsCardNumber('4242424242424241'), false);
    assert.equal(containsCardNumber('4242 4242 4242 4241'), false);
    assert.equal(containsCardNumber('5555555555554445'), false);
  });

  it('flags Luhn-valid runs of 13 to 19 digits and lets 12-digit ones pass', () => {
    const twelve = withCheckDigit('12345678901');
    assert.equal(twelve.length, 12);
    assert.equal(containsCardNumber(twelve), false);
    for (const length of [13, 16, 19]) {
      const pan = withCheckDigit('4'.padEnd(length - 1, '1'));
      assert.equal(containsCardNumber(pan), true, `${length} digits`);
    }
  });

  it('lets a 20-digit or longer reference pass, even when it is Luhn-valid or starts with a card number', () => {
    const twenty = withCheckDigit('4111111111111111111');
    assert.equal(twenty.length, 20);
    assert.equal(containsCardNumber(twenty), false);
    assert.equal(containsCardNumber(`${VISA}0000`), false);
    assert.equal(containsCardNumber(`${VISA}00000000`), false);
  });

  it('finds a card number hidden among other digit groups', () => {
    assert.equal(containsCardNumber('ref 4242 4242 4242 4242 1230'), true);
    assert.equal(containsCardNumber('order 17 4242 4242 4242 4242'), true);
    assert.equal(containsCardNumber('12-4242-4242-4242-4242-99'), true);
  });

  it('lets ordinary numbers pass: amounts, dates, phone numbers, order ids', () => {
    for (const text of ['1099', '2030-01-08', '+1 415-555-0100', 'order 123456', 'pm_card_visa', '', 'no digits here']) {
      assert.equal(containsCardNumber(text), false, text);
    }
  });

  describe('findCardNumber', () => {
    it('names a metadata value holding a card number as metadata[key]', () => {
      assert.equal(findCardNumber({ amount: 100, metadata: { order: 'A1', pan: VISA } }), 'metadata[pan]');
    });

    it('names a nested field holding a spaced card number', () => {
      assert.equal(findCardNumber({ customer: { email: 'a@example.com', name: '4242 4242 4242 4242' } }), 'customer[name]');
    });

    it('names array elements by index', () => {
      assert.equal(findCardNumber({ items: ['ok', `pay with ${AMEX}`] }), 'items[1]');
      assert.equal(findCardNumber({ a: [{ b: 'x' }, { c: MASTERCARD }] }), 'a[1][c]');
    });

    it('finds a card number used as a key', () => {
      assert.equal(findCardNumber({ metadata: { [VISA]: 'x' } }), `metadata[${VISA}]`);
    });

    it('finds a card number sent as a JSON number', () => {
      assert.equal(findCardNumber({ amount: 100, description: 4242424242424242 }), 'description');
    });

    it('names the body itself when the whole body is a card number', () => {
      assert.equal(findCardNumber(VISA), '(body)');
    });

    it('returns undefined for a body without card numbers', () => {
      assert.equal(
        findCardNumber({
          amount: 4242,
          currency: 'usd',
          payment_method: 'pm_card_visa',
          metadata: { order: '4242424242424241', phone: '+1 415-555-0100' },
          customer: { name: 'Ada', email: 'ada@example.com' },
          list: [1, null, true, { nested: [] }],
        }),
        undefined,
      );
      assert.equal(findCardNumber(null), undefined);
    });
  });
});

describe('identifiers that merely contain digits', () => {
  it('are not card numbers when the digits are glued to letters, as in a UUID', () => {
    // With its first group's digits counted, this would be 4242 4242 4242 4242.
    assert.equal(containsCardNumber('f4242-4242-4242-4242-0aa0'), false);
    assert.equal(containsCardNumber('4242-4242-4242-4242'), true);
  });

  it('an Idempotency-Key is refused only when the whole key is a card number', () => {
    assert.equal(isCardNumber('4242 4242 4242 4242'), true);
    assert.equal(isCardNumber('4242-4242-4242-4242'), true);
    assert.equal(isCardNumber('key 4242 4242 4242 4242'), false);
    assert.equal(isCardNumber('12345678-1234-4234-8234-123456789012'), false);
  });
});
