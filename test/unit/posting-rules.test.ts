import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  accounts,
  assertValidPosting,
  authorizationHold,
  capture,
  describeAccount,
  holdRelease,
  platformFee,
  refund,
  type Posting,
} from '../../domain/ledger';

const payment = { paymentId: 'pay_1', merchantId: 'mer_1', psp: 'stripe', currency: 'usd' };

/** Signed sum per currency, split into balance-sheet and memo entries as Postgres checks it. */
function sums(posting: Posting): Record<string, number> {
  const result: Record<string, number> = {};
  for (const e of posting.entries) {
    const bucket = `${e.currency}/${describeAccount(e.account).type === 'memo' ? 'memo' : 'real'}`;
    result[bucket] = (result[bucket] ?? 0) + e.amount;
  }
  return result;
}

function assertBalanced(posting: Posting): void {
  for (const [bucket, sum] of Object.entries(sums(posting))) assert.equal(sum, 0, `${bucket} sums to ${sum}`);
  assert.ok(posting.entries.length >= 2);
}

/** Entries as account → amount, for readable expectations. */
function byAccount(posting: Posting): Record<string, number> {
  return Object.fromEntries(posting.entries.map((e) => [e.account, e.amount]));
}

describe('ledger account codes', () => {
  it('name the account and its owner', () => {
    assert.equal(accounts.pspReceivable('stripe'), 'psp:stripe:receivable');
    assert.equal(accounts.merchantPending('mer_1'), 'merchant:mer_1:pending');
    assert.equal(accounts.merchantAvailable('mer_1'), 'merchant:mer_1:available');
    assert.equal(accounts.platformFees(), 'platform:fees');
    assert.equal(accounts.memoHolds('stripe'), 'memo:holds:stripe');
    assert.equal(accounts.memoHoldsOffset('mer_1'), 'memo:holds_offset:mer_1');
  });

  it('carry the account type and merchant, so accounts can be created on first use', () => {
    assert.deepEqual(describeAccount(accounts.pspReceivable('stripe')), { type: 'asset', merchantId: null, sellerId: null });
    assert.deepEqual(describeAccount(accounts.merchantPending('mer_1')), { type: 'liability', merchantId: 'mer_1', sellerId: null });
    assert.deepEqual(describeAccount(accounts.merchantAvailable('mer_1')), { type: 'liability', merchantId: 'mer_1', sellerId: null });
    assert.deepEqual(describeAccount(accounts.platformFees()), { type: 'revenue', merchantId: null, sellerId: null });
    assert.deepEqual(describeAccount(accounts.memoHolds('stripe')), { type: 'memo', merchantId: null, sellerId: null });
    assert.deepEqual(describeAccount(accounts.memoHoldsOffset('mer_1')), { type: 'memo', merchantId: 'mer_1', sellerId: null });
  });

  it('reject ids that would make a code ambiguous, and codes no rule produces', () => {
    assert.throws(() => accounts.merchantPending('mer:1'), /invalid merchant id/);
    assert.throws(() => accounts.pspReceivable(''), /invalid psp/);
    assert.throws(() => describeAccount('merchant:mer_1:savings'), /unknown ledger account code/);
    assert.throws(() => describeAccount('platform:fees:extra'), /unknown ledger account code/);
  });
});

describe('posting rules', () => {
  it('an authorization hold moves memo accounts only, keyed by payment', () => {
    const posting = authorizationHold({ ...payment, amount: 5000 });
    assert.equal(posting.postingKey, 'payment:pay_1:hold');
    assert.equal(posting.kind, 'authorization_hold');
    assert.deepEqual(byAccount(posting), { 'memo:holds:stripe': 5000, 'memo:holds_offset:mer_1': -5000 });
    assertBalanced(posting);
  });

  it('a hold release reverses the hold, whatever the reason', () => {
    for (const reason of ['canceled', 'expired'] as const) {
      const posting = holdRelease({ ...payment, amount: 5000, reason });
      assert.equal(posting.postingKey, 'payment:pay_1:release');
      assert.equal(posting.kind, 'hold_release');
      assert.deepEqual(byAccount(posting), { 'memo:holds:stripe': -5000, 'memo:holds_offset:mer_1': 5000 });
      assertBalanced(posting);
    }
  });

  it('a hold release refuses an unknown reason', () => {
    assert.throws(() => holdRelease({ ...payment, amount: 5000, reason: 'forgotten' as 'expired' }), /reason/);
  });

  it('a full capture releases the hold and splits the amount between merchant pending and platform fees', () => {
    const posting = capture({ ...payment, authorizedAmount: 10_000, amount: 10_000, feeBps: 290 });
    assert.equal(posting.postingKey, 'payment:pay_1:capture');
    assert.equal(posting.kind, 'capture');
    assert.deepEqual(byAccount(posting), {
      'memo:holds:stripe': -10_000,
      'memo:holds_offset:mer_1': 10_000,
      'psp:stripe:receivable': 10_000,
      'merchant:mer_1:pending': -9_710,
      'platform:fees': -290,
    });
    assertBalanced(posting);
  });

  it('a partial capture releases the whole hold in the same posting', () => {
    const posting = capture({ ...payment, authorizedAmount: 10_000, amount: 4_000, feeBps: 0 });
    assert.deepEqual(byAccount(posting), {
      'memo:holds:stripe': -10_000,
      'memo:holds_offset:mer_1': 10_000,
      'psp:stripe:receivable': 4_000,
      'merchant:mer_1:pending': -4_000,
    });
    assertBalanced(posting);
  });

  it('a capture without a fee writes no zero platform-fee entry', () => {
    const posting = capture({ ...payment, authorizedAmount: 100, amount: 100, feeBps: 0 });
    assert.ok(posting.entries.every((e) => e.amount !== 0));
    assert.equal(
      posting.entries.some((e) => e.account === 'platform:fees'),
      false,
    );
  });

  it('a capture whose fee is the whole amount writes no zero merchant entry', () => {
    const posting = capture({ ...payment, authorizedAmount: 100, amount: 100, feeBps: 10_000 });
    assert.equal(
      posting.entries.some((e) => e.account === 'merchant:mer_1:pending'),
      false,
    );
    assertBalanced(posting);
  });

  it('a capture of more than was authorized throws', () => {
    assert.throws(() => capture({ ...payment, authorizedAmount: 1_000, amount: 1_001, feeBps: 0 }), /cannot capture 1001 of a 1000 usd/);
  });

  it('a refund debits merchant pending and credits PSP receivable, keyed by refund', () => {
    const posting = refund({ ...payment, refundId: 're_1', amount: 2_500 });
    assert.equal(posting.postingKey, 'refund:re_1');
    assert.equal(posting.kind, 'refund');
    assert.equal(posting.refundId, 're_1');
    assert.deepEqual(byAccount(posting), { 'merchant:mer_1:pending': 2_500, 'psp:stripe:receivable': -2_500 });
    assertBalanced(posting);
  });

  it('every rule refuses an amount that is not a positive safe integer', () => {
    for (const bad of [0, -1, 1.5, 2 ** 53, NaN, '100' as unknown as number]) {
      assert.throws(() => authorizationHold({ ...payment, amount: bad }), /positive safe integer/, `hold ${bad}`);
      assert.throws(() => holdRelease({ ...payment, amount: bad, reason: 'canceled' }), /positive safe integer/, `release ${bad}`);
      assert.throws(
        () => capture({ ...payment, authorizedAmount: 100, amount: bad, feeBps: 0 }),
        /positive safe integer/,
        `capture ${bad}`,
      );
      assert.throws(
        () => capture({ ...payment, authorizedAmount: bad, amount: 1, feeBps: 0 }),
        /positive safe integer/,
        `authorized ${bad}`,
      );
      assert.throws(() => refund({ ...payment, refundId: 're_1', amount: bad }), /positive safe integer/, `refund ${bad}`);
    }
  });

  it('every rule refuses an unsupported currency and ids that would break keys', () => {
    assert.throws(() => authorizationHold({ ...payment, currency: 'USD', amount: 1 }), /unsupported currency/);
    assert.throws(() => authorizationHold({ ...payment, paymentId: 'pay:1', amount: 1 }), /invalid payment id/);
    assert.throws(() => refund({ ...payment, refundId: '', amount: 1 }), /invalid refund id/);
  });

  it('postings in a zero-decimal and a three-decimal currency balance too', () => {
    for (const currency of ['jpy', 'kwd']) {
      assertBalanced(capture({ ...payment, currency, authorizedAmount: 12_345, amount: 12_345, feeBps: 333 }));
    }
  });
});

describe('platform fee', () => {
  it("rounds down, in the merchant's favour, and fee plus merchant share is exactly the amount", () => {
    assert.equal(platformFee(1_999, 290), 57); // 57.971
    assert.equal(platformFee(1, 9_999), 0); // 0.9999
    assert.equal(platformFee(10_000, 290), 290);
    for (const amount of [1, 7, 99, 1_999, 123_457]) {
      const posting = capture({ ...payment, authorizedAmount: amount, amount, feeBps: 175 });
      const fee = -(byAccount(posting)['platform:fees'] ?? 0);
      const merchant = -(byAccount(posting)['merchant:mer_1:pending'] ?? 0);
      assert.equal(fee + merchant, amount);
    }
  });

  it('stays exact where amount × bps passes 2^53', () => {
    const amount = Number.MAX_SAFE_INTEGER;
    assert.equal(platformFee(amount, 9_999), Number((BigInt(amount) * 9_999n) / 10_000n));
  });

  it('refuses basis points outside 0..10000 or fractional', () => {
    assert.throws(() => platformFee(100, 10_001), /basis points/);
    assert.throws(() => platformFee(100, -1), /basis points/);
    assert.throws(() => platformFee(100, 1.5), /basis points/);
  });
});

describe('posting validation', () => {
  const valid = (): Posting => authorizationHold({ ...payment, amount: 100 });

  it('accepts what the rules produce', () => {
    assert.doesNotThrow(() => assertValidPosting(valid()));
  });

  it('refuses entries that do not sum to zero per currency', () => {
    const posting = refund({ ...payment, refundId: 're_1', amount: 100 });
    posting.entries[1]!.currency = 'eur';
    assert.throws(() => assertValidPosting(posting), /does not balance/);
  });

  it('refuses a memo entry balancing a balance-sheet entry', () => {
    const posting: Posting = {
      ...valid(),
      entries: [
        { account: accounts.memoHolds('stripe'), amount: 100, currency: 'usd' },
        { account: accounts.merchantPending('mer_1'), amount: -100, currency: 'usd' },
      ],
    };
    assert.throws(() => assertValidPosting(posting), /does not balance/);
  });

  it('refuses fewer than two entries, zero amounts and unknown accounts', () => {
    assert.throws(() => assertValidPosting({ ...valid(), entries: valid().entries.slice(0, 1) }), /at least two entries/);
    const zero = valid();
    zero.entries[0]!.amount = 0;
    assert.throws(() => assertValidPosting(zero), /non-zero safe integer/);
    const unknown = valid();
    unknown.entries[0]!.account = 'cash:drawer';
    assert.throws(() => assertValidPosting(unknown), /unknown ledger account code/);
  });

  it("refuses a posting that touches another merchant's accounts", () => {
    const posting = { ...refund({ ...payment, refundId: 're_1', amount: 100 }), merchantId: 'mer_2' };
    assert.throws(() => assertValidPosting(posting), /touches merchant:mer_1:pending/);
  });
});

describe('the ledger domain module', () => {
  it('imports only other domain modules, so workflow code can bundle it', () => {
    const dir = path.join(__dirname, '../../domain/ledger');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
        assert.match(specifier!, /^\.\/[\w-]+$|^\.\.\/money$|^\.\.\/marketplace\/(types|allocate)$/, `${file} imports ${specifier}`);
      }
    }
  });
});
