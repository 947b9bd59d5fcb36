import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { containsCardNumber, findCardNumber, maskCardNumbers } from '../../domain/card-number';

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

    it('finds a card number used as a key, and masks it in the path it names', () => {
      assert.equal(findCardNumber({ metadata: { [VISA]: 'x' } }), 'metadata[****************]');
      assert.equal(findCardNumber({ metadata: { [`pan ${VISA}`]: 'x' } }), 'metadata[pan ****************]');
    });

    it('finds a card number sent as a JSON number', () => {
      assert.equal(findCardNumber({ amount: 100, description: 4242424242424242 }), 'description');
    });

    it('judges a JSON number by the digits sent, which a double beyond 2^53 no longer holds', () => {
      const nineteen = withCheckDigit('424242424242424242');
      const sent = `{"amount": 100, "metadata": {"n": "x"}, "description": ${nineteen}}`;
      assert.notEqual(String(JSON.parse(sent).description), nineteen, 'the parsed number lost digits');
      assert.equal(findCardNumber(JSON.parse(sent), sent), 'description');
      const exponent = '{"amount": 4.242424242424242e15}';
      assert.equal(findCardNumber(JSON.parse(exponent), exponent), 'amount');
    });

    it('does not refuse a large JSON number that fails Luhn, though its rounded value would pass', () => {
      let sent = 4_000_000_000_000_000_000n;
      const luhn = (digits: string) => withCheckDigit(digits.slice(0, -1)) === digits;
      while (luhn(String(sent)) || !luhn(String(Number(sent)))) sent += 1n;
      const body = `{"amount": ${sent}}`;
      assert.equal(findCardNumber(JSON.parse(body), body), undefined);
      assert.equal(findCardNumber(JSON.parse(body)), 'amount', 'without the text, the rounded value would be refused');
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

describe('card numbers in any spelling', () => {
  const spellings: Record<string, string> = {
    'glued to letters': 'card4242424242424242',
    'glued to letters on both sides': 'x4242424242424242y',
    'after a colon': 'pan:4242424242424242',
    dots: '4242.4242.4242.4242',
    underscores: '4242_4242_4242_4242',
    slashes: '4242/4242/4242/4242',
    'double spaces': '4242  4242  4242  4242',
    'dot and space': '4242. 4242. 4242. 4242',
    tabs: '4242\t4242\t4242\t4242',
    newlines: '4242\n4242\r\n4242\n4242',
    'no-break spaces': '4242\u00a04242\u00a04242\u00a04242',
    'ideographic spaces': '4242\u30004242\u30004242\u30004242',
    'thin spaces': '4242\u20094242\u20094242\u20094242',
    'en dashes': '4242\u20134242\u20134242\u20134242',
    'zero-width spaces': '4242\u200b4242\u200b4242\u200b4242',
    'soft hyphens': '4242\u00ad4242\u00ad4242\u00ad4242',
    'full-width digits': '\uff14\uff12\uff14\uff12\uff14\uff12\uff14\uff12\uff14\uff12\uff14\uff12\uff14\uff12\uff14\uff12',
    'full-width digits and hyphens':
      '\uff14\uff12\uff14\uff12\uff0d\uff14\uff12\uff14\uff12\uff0d\uff14\uff12\uff14\uff12\uff0d\uff14\uff12\uff14\uff12',
    'Arabic-Indic digits': '\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662',
    'Extended Arabic-Indic digits': '\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2\u06f4\u06f2',
    'Devanagari digits': '\u096a\u0968\u096a\u0968\u096a\u0968\u096a\u0968\u096a\u0968\u096a\u0968\u096a\u0968\u096a\u0968',
    'Bengali digits with spaces': '\u09ea\u09e8\u09ea\u09e8 \u09ea\u09e8\u09ea\u09e8 \u09ea\u09e8\u09ea\u09e8 \u09ea\u09e8\u09ea\u09e8',
    'mathematical bold digits':
      '\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}\u{1d7d2}\u{1d7d0}',
    'mixed scripts': '42\u0664\u0662 \uff14\uff12\uff14\uff12 \u096a\u0968\u096a\u0968 4242',
    'a UUID-shaped run of digits inside text': 'ref 42424242-4242-4242-4242-424242424242',
    'next to a UUID': 'f47ac10b-58cc-4372-a567-0e02b2c3d479 4242424242424242',
    'a Stripe-style token around it': 'pm_card_4242424242424242',
  };
  for (const [how, text] of Object.entries(spellings)) {
    it(`finds one written with ${how}`, () => {
      assert.equal(containsCardNumber(text), true, JSON.stringify(text));
    });
  }

  it('lets the same spellings pass when the number fails the Luhn check', () => {
    for (const text of Object.values(spellings)) {
      const broken = text.replace(/2(?=\D*$)/u, '3').replace(/\u0662(?=\D*$)/u, '\u0663');
      if (broken.match(/\p{Nd}/gu)!.length === 16 && broken !== text)
        assert.equal(containsCardNumber(broken), false, JSON.stringify(broken));
    }
  });

  it('ends a run at three separators in a row, at a colon or at any other character', () => {
    assert.equal(containsCardNumber('4242   4242   4242   4242'), false);
    assert.equal(containsCardNumber('4242:4242:4242:4242'), false);
    assert.equal(containsCardNumber('4242,4242,4242,4242'), false);
  });

  it('masks every run that holds a card number, and nothing else', () => {
    assert.equal(maskCardNumbers('order 17 card4242.4242.4242.4242!'), 'order 17 card****.****.****.****!');
    assert.equal(maskCardNumbers('order 4242424242424241'), 'order 4242424242424241');
  });
});

describe('shapes that are never card numbers', () => {
  function randomTimestamp(): string {
    const at = new Date(Math.floor(Math.random() * 4102444800000)).toISOString();
    const fraction = ['', '.1', '.123', '.123456', '.123456789'][Math.floor(Math.random() * 5)]!.replace(/\d/g, () =>
      String(Math.floor(Math.random() * 10)),
    );
    const offsets = ['Z', '+00:00', '-05:00', '+0530', '-11', '+14:00'];
    const offset = offsets[Math.floor(Math.random() * offsets.length)]!;
    const separator = Math.random() < 0.5 ? 'T' : ' ';
    return `${at.slice(0, 10)}${separator}${at.slice(11, 19)}${fraction}${offset}`;
  }

  it('100,000 random UUIDv4s and 100,000 ISO-8601 timestamps (T and space forms) are all let through, fast', function () {
    this.timeout(20_000);
    const uuids = Array.from({ length: 100_000 }, () => randomUUID());
    const timestamps = Array.from({ length: 100_000 }, randomTimestamp);
    const texts = [...uuids, ...timestamps, ...uuids.slice(0, 10_000).map((uuid, i) => `at ${timestamps[i]} ref ${uuid}`)];
    // CPU time, not wall time: the guard's cost, whatever else the machine is running.
    const started = process.cpuUsage();
    const refused = texts.filter((text) => containsCardNumber(text));
    const { user, system } = process.cpuUsage(started);
    assert.deepEqual(refused.slice(0, 5), []);
    assert.ok(user + system < 2_000_000, `took ${(user + system) / 1000} ms of CPU`);
  });

  it('UUIDs in other spellings, and hex ids, are let through', () => {
    for (let i = 0; i < 10_000; i++) {
      const uuid = randomUUID();
      for (const text of [
        uuid.toUpperCase(),
        `order-${uuid}`,
        `${uuid}-retry-2`,
        uuid.replace(/-/g, ''),
        `req_${uuid.replace(/-/g, '')}`,
      ]) {
        assert.equal(containsCardNumber(text), false, text);
      }
    }
  });

  it("holdfast's own ids (a prefix and 24 hex digits) are let through, in a path too; other lengths are not ids", () => {
    const prefixes = ['pay', 're', 'po', 'sel', 'dsp', 'we', 'evt', 'exc', 'aud'];
    const refused: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const id = `${prefixes[i % prefixes.length]}_${randomBytes(12).toString('hex')}`;
      if (containsCardNumber(id) || containsCardNumber(`/v1/payouts/${id}/approve`)) refused.push(id);
    }
    // Before holdfast's id shape was known, about one in 800 was refused (po_dd18b7f60ff1762181266275).
    assert.deepEqual(refused.slice(0, 5), []);
    assert.equal(containsCardNumber('po_dd18b7f60ff1762181266275'), false);
    assert.equal(containsCardNumber(`pay_${withCheckDigit('424242424242424')}abcd`), true, 'not an id: 20 hex digits');
    assert.equal(containsCardNumber(`pay_${withCheckDigit('424242424242424')}`), true);
  });

  it('circled and superscript digits (NFKC makes them digits), and card numbers shaped like a date, are found', () => {
    for (const text of ['④②④②④②④②④②④②④②④②', '⁴²⁴²⁴²⁴²⁴²⁴²⁴²⁴²', '4242-12-24-4242-4240', '4242-12-24 42424240']) {
      assert.equal(containsCardNumber(text), true, text);
    }
    for (const text of ['2026-12-05/2026-12-06', '2026-12-05 - 2026-12-06', 'from 2026-12-05T10:00:00Z to 2026-12-06T10:00:00Z']) {
      assert.equal(containsCardNumber(text), false, text);
    }
  });

  it('a JSON number in exponent form is judged by the integer it denotes', () => {
    const source = '{"amount":42424242424242420e-1}';
    assert.equal(findCardNumber(JSON.parse(source), source), 'amount');
    const plain = '{"amount":1000,"fee":12.5e2}';
    assert.equal(findCardNumber(JSON.parse(plain), plain), undefined);
  });

  it('timestamps in the basic form, with nanoseconds and offsets, are let through', () => {
    for (const text of ['20261205T063018.123456789-0500', '2026-12-05 06:30:18.123456789-05:00', '1999-12-31T23:59:60Z']) {
      assert.equal(containsCardNumber(text), false, text);
    }
  });

  it('payment method tokens and ids are let through', () => {
    const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    for (const text of ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclinedInsufficientFunds', 'pm_1MqLiJLkdIwHu7ixUEgbFdYF']) {
      assert.equal(containsCardNumber(text), false, text);
    }
    for (let i = 0; i < 10_000; i++) {
      let token = 'pm_';
      for (let c = 0; c < 24; c++) token += base62[Math.floor(Math.random() * base62.length)];
      assert.equal(containsCardNumber(token), false, token);
    }
  });

  it('12-digit order numbers are let through, alone or several together', () => {
    for (let i = 0; i < 10_000; i++) {
      const order = () => String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999));
      for (const text of [order(), `orders ${order()} ${order()}`, `${order()}/${order()}`]) {
        assert.equal(containsCardNumber(text), false, text);
      }
    }
  });
});

describe('identifiers that merely contain digits', () => {
  it('a UUID whose digit groups would pass Luhn is not a card number, within text too', () => {
    // With its first group's digits counted, this would be 4242 4242 4242 4242.
    assert.equal(containsCardNumber('0000f424-2424-4242-8242-42424242aaaa'), false);
    assert.equal(containsCardNumber('id 0000f424-2424-4242-8242-42424242aaaa'), false);
    assert.equal(containsCardNumber('4242-4242-4242-4242'), true);
  });

  it('a value that is exactly a UUID is exempt, even when its digits pass Luhn', () => {
    assert.equal(containsCardNumber('12345678-1234-4234-8234-123456789012'), false);
    assert.equal(containsCardNumber('42424242-4242-4242-8000-000000000000'), false);
    assert.equal(containsCardNumber('key 4242 4242 4242 4242'), true);
  });
});
