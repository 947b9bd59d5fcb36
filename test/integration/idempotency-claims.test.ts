// The Idempotency-Key claim queries against Postgres: a stale claim is judged by the
// database's clock, microseconds and all, and exactly one of several retries takes it over.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { claimIdempotencyKey, findIdempotencyRecord, refreshIdempotencyClaim, takeOverStaleKey } from '../../db/queries/idempotency';
import { freshDatabase } from '../support/postgres';

describe('Idempotency-Key claims (Postgres)', () => {
  let db: Database;
  let close: () => Promise<void>;
  before(async () => {
    ({ db, close } = await freshDatabase());
  });
  after(() => close());

  async function claimed(lockedAgo: string): Promise<{ merchantId: string; key: string }> {
    const claim = { merchantId: 'mer_claims', key: randomUUID(), method: 'POST', path: '/v1/payments', requestHash: 'h', ttlSeconds: 3600 };
    assert.equal(await claimIdempotencyKey(db, claim), null);
    // A timestamp with microseconds, as now() writes them, which a JavaScript Date cannot hold.
    await db.execute(sql`
      update idempotency_keys set locked_at = date_trunc('second', now()) - ${lockedAgo}::interval + interval '123456 microseconds'
      where merchant_id = ${claim.merchantId} and key = ${claim.key}`);
    const record = await findIdempotencyRecord(db, claim.merchantId, claim.key);
    assert.notEqual(record?.lockedAt.getTime() ?? 0, 0);
    return claim;
  }

  it('takes over a claim older than the timeout whose locked_at has microseconds, once', async () => {
    const { merchantId, key } = await claimed('10 seconds');
    const attempts = await Promise.all(Array.from({ length: 5 }, () => takeOverStaleKey(db, merchantId, key, 2)));
    assert.deepEqual(attempts.filter(Boolean).length, 1, 'exactly one retry owns the claim');
    assert.equal(await takeOverStaleKey(db, merchantId, key, 2), false, 'the new owner’s claim is fresh');
  });

  it('leaves a claim alone while it is younger than the timeout, and a refreshed one too', async () => {
    const young = await claimed('1 second');
    assert.equal(await takeOverStaleKey(db, young.merchantId, young.key, 5), false);
    const old = await claimed('10 seconds');
    await refreshIdempotencyClaim(db, old.merchantId, old.key);
    assert.equal(await takeOverStaleKey(db, old.merchantId, old.key, 2), false);
  });

  it('never takes over a completed key', async () => {
    const { merchantId, key } = await claimed('10 seconds');
    await db.execute(sql`update idempotency_keys set state = 'completed' where merchant_id = ${merchantId} and key = ${key}`);
    assert.equal(await takeOverStaleKey(db, merchantId, key, 2), false);
  });
});
