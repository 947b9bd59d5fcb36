// Token buckets shared by every API instance through Postgres, spent locally. An instance
// takes a lease of tokens from a bucket's row in one round trip (rate_limit_take) and spends
// them one per request without asking again, so a merchant at 100 requests/s costs one round
// trip per 10 requests per instance, not one per request. Concurrent requests of one bucket
// share the lease in flight instead of each sending their own.
//
// Why the limit still holds: a token is spent once, by the instance that leased it, and the
// row grants no more than the bucket holds. What leasing adds is that tokens leased a while
// ago may be spent now, while the row has refilled meanwhile: over any interval, admitted ≤
// quota + rate × interval + (instances × lease), since an instance asks for a lease only
// once it holds none. A refusal is remembered until the bucket can hold a token again (no
// instance ever puts one back), so a flood past the limit does not reach Postgres either.
import type { BucketPolicy, Lease } from '../../db/queries/rate-limits';

/** One round trip to a bucket's row: takeTokens, bound to a database. */
export type TakeLease = (bucket: string, policy: BucketPolicy, nowMs: number) => Promise<Lease>;

export interface Decision {
  allowed: boolean;
  /** The policy in force: `quota` requests per `windowSeconds`. */
  quota: number;
  windowSeconds: number;
  /** Requests left, as far as this instance knows (others may have spent some since). */
  remaining: number;
  /** Seconds until the bucket holds one more token; undefined when it is full. */
  resetSeconds?: number;
}

interface Bucket {
  /** Leased tokens this instance has not spent. */
  held: number;
  /** The row's tokens and the policy as of the last lease, and when (clock ms). */
  last?: Lease & { atMs: number };
  /** Clock ms before which the row cannot hold a whole token: refuse without asking. */
  emptyUntilMs: number;
  leasing?: Promise<void>;
}

export class LeasedBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly takeLease: TakeLease,
    /** Milliseconds since the epoch; tests freeze and advance it. */
    private readonly clock: () => number = Date.now,
  ) {}

  /** Spends one token of `key`, leasing more from Postgres when this instance holds none. */
  async take(key: string, policy: BucketPolicy): Promise<Decision> {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep();
      bucket = { held: 0, emptyUntilMs: 0 };
      this.buckets.set(key, bucket);
    }
    for (;;) {
      const now = this.clock();
      if (bucket.held > 0) {
        bucket.held -= 1;
        return decision(bucket, policy.windowSeconds, now, true);
      }
      if (bucket.last && now < bucket.emptyUntilMs) return decision(bucket, policy.windowSeconds, now, false);
      if (bucket.leasing) {
        await bucket.leasing;
        continue;
      }
      let leased: Lease | undefined;
      bucket.leasing = this.takeLease(key, policy, now).then((lease) => {
        leased = lease;
      });
      try {
        await bucket.leasing;
      } finally {
        bucket.leasing = undefined;
      }
      const lease = leased!;
      bucket.last = { ...lease, atMs: now };
      bucket.held += lease.granted;
      bucket.emptyUntilMs = lease.granted > 0 ? 0 : now + untilNextTokenMs(lease);
      if (lease.granted === 0) return decision(bucket, policy.windowSeconds, now, false);
      // Granted: loop to spend one (or let a request that shared this lease take it first).
    }
  }

  /** The refusal this instance remembers for `key`, while it lasts: answered without a round trip. */
  refusal(key: string, windowSeconds: number): Decision | undefined {
    const bucket = this.buckets.get(key);
    const now = this.clock();
    if (!bucket?.last || bucket.held > 0 || now >= bucket.emptyUntilMs) return undefined;
    return decision(bucket, windowSeconds, now, false);
  }

  /**
   * Forgets buckets that hold nothing worth keeping (no tokens, no refusal still running):
   * the next request of one leases afresh, as it would have. Keeps a flood of /ops logins
   * from ever-new addresses from growing the map without end.
   */
  private sweep(): void {
    const now = this.clock();
    for (const [key, bucket] of this.buckets) {
      if (bucket.held === 0 && !bucket.leasing && bucket.emptyUntilMs <= now) this.buckets.delete(key);
    }
  }
}

/** Buckets an instance remembers before it forgets the idle ones. */
const SWEEP_AT = 10_000;

/** Rounded down: a local refusal never outlasts the row's, whose next lease decides. */
function untilNextTokenMs(lease: Lease): number {
  return Math.max(0, Math.floor(((1 - lease.remaining) / lease.perSecond) * 1000));
}

function decision(bucket: Bucket, windowSeconds: number, now: number, allowed: boolean): Decision {
  const last = bucket.last!;
  const refilled = Math.min(last.quota, last.remaining + (last.perSecond * Math.max(0, now - last.atMs)) / 1000);
  const estimate = Math.min(last.quota, bucket.held + refilled);
  const remaining = allowed ? Math.floor(estimate) : 0;
  // -10's `t`: seconds until more quota is made available — the next whole token.
  const resetSeconds = allowed
    ? estimate >= last.quota
      ? undefined
      : Math.ceil((1 - (refilled % 1)) / last.perSecond)
    : Math.max(1, Math.ceil((bucket.emptyUntilMs - now) / 1000));
  return { allowed, quota: Math.round(last.quota), windowSeconds, remaining, resetSeconds };
}
