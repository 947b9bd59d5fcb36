-- Hand-written: rate limits (README, "Rate limits"). One token bucket per row: a merchant's
-- API requests (shared by all its keys), a finance key's, a merchant's webhook redeliveries,
-- an address's /ops logins. Every API instance takes tokens from the row through
-- rate_limit_take, in leases of a few at a time (api/rate-limit/leased-buckets.ts), so the
-- limit holds across instances with one round trip per lease, not per request; each bucket is
-- its own row, so one merchant's burst waits on no other merchant's lock.

-- A merchant's own requests per second; null = RATE_LIMIT_PER_SECOND
-- (`holdfast merchants set-rate-limit`).
ALTER TABLE merchants ADD COLUMN rate_limit_per_second integer
  CONSTRAINT merchants_rate_limit_positive CHECK (rate_limit_per_second > 0);
--> statement-breakpoint

-- `tokens` as of `refilled_at`: refilled lazily, by the time elapsed, when tokens are taken.
-- A row untouched for longer than its window is a full bucket, the same as no row, and the
-- API's purge deletes it (api/server.ts).
CREATE TABLE rate_limit_buckets (
  bucket text PRIMARY KEY,
  tokens double precision NOT NULL,
  refilled_at timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX rate_limit_buckets_refilled_idx ON rate_limit_buckets (refilled_at);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_buckets TO holdfast_app;
--> statement-breakpoint

-- Takes up to a lease of tokens from `p_bucket`, whose policy is `p_quota` requests per
-- `p_window_seconds` (a bucket of p_quota tokens refilled at p_quota / p_window_seconds a
-- second) — or, when `p_merchant_id` names a merchant with its own rate_limit_per_second,
-- that many per second over the same window. A lease is a tenth of the bucket, at least one
-- token and at most `p_max_lease`, so an instance never holds much of a bucket other
-- instances need. `p_now` is the caller's clock (tests freeze it); a clock behind the row's
-- adds nothing and never moves the row back.
-- Answers what was granted (0 = refused), what the bucket holds after it, and the policy in
-- force as requests per second and per window.
CREATE FUNCTION rate_limit_take(
  p_bucket text,
  p_merchant_id text,
  p_quota double precision,
  p_window_seconds double precision,
  p_max_lease integer,
  p_now timestamp with time zone
) RETURNS TABLE (granted integer, remaining double precision, per_second double precision, quota double precision)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_quota double precision := p_quota;
  v_override integer;
  v_lease integer;
  v_tokens double precision;
  v_at timestamp with time zone;
  v_level double precision;
  v_granted integer;
BEGIN
  IF p_merchant_id IS NOT NULL THEN
    SELECT m.rate_limit_per_second INTO v_override FROM merchants m WHERE m.id = p_merchant_id;
    IF v_override IS NOT NULL THEN
      v_quota := v_override * p_window_seconds;
    END IF;
  END IF;
  v_lease := greatest(1, least(p_max_lease, floor(v_quota / 10)))::integer;
  LOOP
    SELECT b.tokens, b.refilled_at INTO v_tokens, v_at FROM rate_limit_buckets b WHERE b.bucket = p_bucket FOR UPDATE;
    IF FOUND THEN
      v_level := least(v_quota, v_tokens + v_quota / p_window_seconds * greatest(0, extract(epoch FROM p_now - v_at)));
      -- A token's worth of refill computed in floating point may fall a hair short of 1.
      v_granted := least(v_lease, floor(v_level + 1e-9))::integer;
      UPDATE rate_limit_buckets SET tokens = greatest(0, v_level - v_granted), refilled_at = greatest(v_at, p_now) WHERE bucket = p_bucket;
      EXIT;
    END IF;
    v_level := v_quota;
    v_granted := least(v_lease, floor(v_level))::integer;
    INSERT INTO rate_limit_buckets (bucket, tokens, refilled_at) VALUES (p_bucket, v_level - v_granted, p_now)
      ON CONFLICT (bucket) DO NOTHING;
    EXIT WHEN FOUND;
    -- Another lease made the row between the two statements: take from that row instead.
  END LOOP;
  RETURN QUERY SELECT v_granted, greatest(0, v_level - v_granted), v_quota / p_window_seconds, v_quota;
END;
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rate_limit_take(text, text, double precision, double precision, integer, timestamp with time zone) TO holdfast_app;
