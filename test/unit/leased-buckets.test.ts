// The per-instance side of the rate limits, against a stand-in for rate_limit_take that counts
// its calls: leases shared by concurrent requests, refusals remembered without asking again,
// idle buckets forgotten. The SQL side is tested on Postgres in test/integration/rate-limits.
import assert from 'node:assert/strict';
import { clientAddressBucket } from '../../api/rate-limit/client-address';
import { LeasedBuckets, type TakeLease } from '../../api/rate-limit/leased-buckets';

/** A bucket of `quota` tokens refilled at `perSecond`, answering as rate_limit_take does. */
function fakeRows(quota: number, perSecond: number) {
  const rows = new Map<string, { tokens: number; atMs: number }>();
  let calls = 0;
  const take: TakeLease = async (bucket, policy, nowMs) => {
    calls++;
    const row = rows.get(bucket) ?? { tokens: quota, atMs: nowMs };
    const level = Math.min(quota, row.tokens + (perSecond * Math.max(0, nowMs - row.atMs)) / 1000);
    const granted = Math.min(Math.max(1, Math.min(policy.maxLease, Math.floor(quota / 10))), Math.floor(level));
    rows.set(bucket, { tokens: level - granted, atMs: Math.max(row.atMs, nowMs) });
    await Promise.resolve();
    return { granted, remaining: level - granted, perSecond, quota };
  };
  return { take, calls: () => calls };
}

describe('leased rate-limit buckets', () => {
  const policy = { quota: 100, windowSeconds: 1, maxLease: 10 };

  it('spends a lease locally: one round trip per ten requests, shared by concurrent ones', async () => {
    const rows = fakeRows(100, 100);
    const buckets = new LeasedBuckets(rows.take, () => 1_000);
    const decisions = await Promise.all(Array.from({ length: 30 }, () => buckets.take('api:mer_a', policy)));
    assert.ok(decisions.every((d) => d.allowed));
    assert.equal(rows.calls(), 3);
    assert.deepEqual(
      decisions
        .map((d) => d.remaining)
        .sort((a, b) => b - a)
        .slice(0, 3),
      [99, 98, 97],
    );
  });

  it('remembers a refusal until the bucket can hold a token again, without asking', async () => {
    let now = 1_000;
    const rows = fakeRows(2, 2);
    const buckets = new LeasedBuckets(rows.take, () => now);
    const small = { quota: 2, windowSeconds: 1, maxLease: 10 };
    assert.ok((await buckets.take('k', small)).allowed);
    assert.ok((await buckets.take('k', small)).allowed);
    const refused = await buckets.take('k', small);
    assert.equal(refused.allowed, false);
    assert.equal(refused.resetSeconds, 1);
    const asked = rows.calls();
    for (let i = 0; i < 50; i++) assert.equal((await buckets.take('k', small)).allowed, false);
    assert.equal(rows.calls(), asked, 'a flood past the limit stays off the database');
    now += 500; // half a second at 2/s: one token
    assert.ok((await buckets.take('k', small)).allowed);
    assert.equal((await buckets.take('k', small)).allowed, false);
  });

  it('forgets idle buckets once it knows many, keeping those still refusing', async () => {
    const rows = fakeRows(1, 1 / 60);
    const buckets = new LeasedBuckets(rows.take, () => 1_000);
    const one = { quota: 1, windowSeconds: 60, maxLease: 1 };
    // 9,999 addresses spent their one attempt and were refused; one more spent it and left.
    for (let i = 0; i < 9_999; i++) {
      assert.ok((await buckets.take(`login:${i}`, one)).allowed);
      assert.equal((await buckets.take(`login:${i}`, one)).allowed, false);
    }
    assert.ok((await buckets.take('login:idle', one)).allowed);
    await buckets.take('login:new', one); // the 10,001st bucket: the sweep runs first
    const asked = rows.calls();
    assert.equal((await buckets.take('login:1', one)).allowed, false);
    assert.equal(rows.calls(), asked, 'a refusing bucket is kept: refused from memory');
    assert.equal((await buckets.take('login:idle', one)).allowed, false);
    assert.equal(rows.calls(), asked + 1, 'the idle one was forgotten: its row decides again');
  });
});

describe('client address buckets', () => {
  it('one IPv4 address, one IPv6 /64; IPv4-mapped IPv6 is the IPv4 address', () => {
    assert.equal(clientAddressBucket('203.0.113.7'), '203.0.113.7');
    assert.equal(clientAddressBucket('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientAddressBucket('2001:db8:7:1::1'), '2001:db8:7:1::/64');
    assert.equal(clientAddressBucket('2001:0DB8:0007:0001:ffff:0:0:2'), '2001:db8:7:1::/64');
    assert.equal(clientAddressBucket('2001:db8::7:1:2:3'), '2001:db8:0:0::/64');
    assert.equal(clientAddressBucket('1::2:3:4:5:6:7'), '1:0:2:3::/64');
    assert.equal(clientAddressBucket('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientAddressBucket('::1'), '0:0:0:0::/64');
  });

  it('anything else is one "unknown" bucket, never a key an attacker chooses', () => {
    for (const value of [undefined, '', 'localhost', '203.0.113.7\n', '١٢٣.0.0.1', 'x'.repeat(10_000)]) {
      assert.equal(clientAddressBucket(value), 'unknown', JSON.stringify(value)?.slice(0, 40));
    }
  });
});
