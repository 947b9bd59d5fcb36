-- Hand-written: group commit for postings written on their own (settlements, payouts,
-- disputes, reconciliation fixes). ledger_post writes one posting per database transaction,
-- and measured with 16 writers on distinct accounts (npm run bench:ledger) most of a
-- posting's cost did not depend on its size: the statement and its two statement-level
-- triggers, the commit and its WAL flush, the round trip. ledger_post_batch writes a batch of
-- postings in one database transaction with one INSERT of ledger transactions and one INSERT
-- of entries, so those are paid once per batch. activities/ledger-batcher.ts sends a batch of
-- whatever postings of one process wait while earlier batches are being written.
--
-- Same contract as ledger_post, per posting: written once per posting key; a posting whose
-- key is already stored is answered by ledger_post itself (the stored id, or the
-- `ledger_posting_key_reused` violation). Any error aborts the whole batch and writes
-- nothing: the caller then writes each posting with ledger_post, so one bad posting never
-- fails the others, and the errors are exactly ledger_post's.
--
-- Every invariant is checked by the triggers as for any writer: each ledger transaction's
-- entries in one statement (0013), in the database transaction that created it, to existing
-- accounts, payouts never overdrawing (0012), every ledger transaction balanced at commit
-- (0001/0012). No EXCEPTION blocks, for the reason 0010 gives.
--
-- `p_postings` is a JSON array of ledger_post's postings. Answers one row per posting:
-- its 1-based position in the array, its ledger transaction id, and whether this call wrote it.
CREATE FUNCTION ledger_post_batch(p_postings jsonb) RETURNS TABLE (ordinal bigint, transaction_id text, created boolean)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  v_created text[];
  v_missing bigint;
  v_posting jsonb;
  v_ordinal bigint;
BEGIN
  IF jsonb_typeof(p_postings) IS DISTINCT FROM 'array' THEN
    RAISE EXCEPTION 'ledger_post_batch takes a JSON array of postings' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- Entries find their ledger transaction by its id: two postings of one id (the same posting
  -- sent twice, or one reusing another's id) would give one ledger transaction both postings'
  -- entries. Refused, so the caller writes them one by one with ledger_post, which answers the
  -- second as a retry of the first (or as a conflict).
  IF (SELECT count(DISTINCT p.posting->>'id') <> count(*) FROM jsonb_array_elements(p_postings) AS p(posting)) THEN
    RAISE EXCEPTION 'ledger_post_batch takes postings of distinct, non-null ids' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  FOR v_attempt IN 1..2 LOOP
    -- Ledger transactions are inserted in posting-key order, so two batches sharing keys wait
    -- for each other in the same order instead of deadlocking. A key already stored, or twice
    -- in this batch, is skipped here: its posting keeps no row in `inserted`.
    WITH postings AS MATERIALIZED (
      SELECT p.n, p.posting
        FROM jsonb_array_elements(p_postings) WITH ORDINALITY AS p(posting, n)
    ), given AS MATERIALIZED (
      SELECT ps.n, e.position, l.id AS account_id, (e.entry->>'amount')::bigint AS amount, e.entry->>'currency' AS currency
        FROM postings ps
        CROSS JOIN LATERAL jsonb_array_elements(ps.posting->'entries') WITH ORDINALITY AS e(entry, position)
        LEFT JOIN ledger_accounts l ON l.code = e.entry->>'account' AND l.currency = e.entry->>'currency'
    ), inserted AS (
      INSERT INTO ledger_transactions AS t (id, posting_key, kind, merchant_id, payment_id, refund_id)
        SELECT ps.posting->>'id', ps.posting->>'posting_key', ps.posting->>'kind',
               ps.posting->>'merchant_id', ps.posting->>'payment_id', ps.posting->>'refund_id'
          FROM postings ps
         WHERE NOT EXISTS (SELECT 1 FROM given WHERE given.account_id IS NULL)
         ORDER BY ps.posting->>'posting_key', ps.n
        ON CONFLICT (posting_key) DO NOTHING
        RETURNING t.id
    ), entries AS (
      INSERT INTO ledger_entries (transaction_id, account_id, amount, currency)
        SELECT i.id, g.account_id, g.amount, g.currency
          FROM inserted i
          JOIN postings ps ON ps.posting->>'id' = i.id
          JOIN given g ON g.n = ps.n
         ORDER BY g.n, g.position
    )
    SELECT (SELECT coalesce(array_agg(i.id), '{}') FROM inserted i),
           (SELECT count(*) FROM given WHERE given.account_id IS NULL)
      INTO v_created, v_missing;
    EXIT WHEN v_missing = 0 OR v_attempt = 2;

    -- As ledger_post: the batch's missing accounts, created in one sorted statement.
    INSERT INTO ledger_accounts (code, currency, type, merchant_id, seller_id)
      SELECT DISTINCT ON (a.code, a.currency) a.code, a.currency, a.type, a.merchant_id, a.seller_id
        FROM jsonb_array_elements(p_postings) AS p(posting)
        CROSS JOIN LATERAL jsonb_to_recordset(p.posting->'accounts')
             AS a(code text, currency text, type text, merchant_id text, seller_id text)
       WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts l WHERE l.code = a.code AND l.currency = a.currency)
       ORDER BY a.code, a.currency
      ON CONFLICT (code, currency) DO NOTHING;
  END LOOP;

  IF v_missing > 0 THEN
    RAISE EXCEPTION 'a posting in the batch names an account it does not describe'
      USING ERRCODE = 'foreign_key_violation';
  END IF;

  RETURN QUERY
    SELECT p.n, p.posting->>'id', true
      FROM jsonb_array_elements(p_postings) WITH ORDINALITY AS p(posting, n)
     WHERE p.posting->>'id' = ANY (v_created);
  -- Postings not written here (a retry of a stored key): ledger_post answers them, with its
  -- comparison of contents. Rare, so one call each.
  FOR v_posting, v_ordinal IN
    SELECT p.posting, p.n
      FROM jsonb_array_elements(p_postings) WITH ORDINALITY AS p(posting, n)
     WHERE (p.posting->>'id' = ANY (v_created)) IS NOT TRUE
  LOOP
    RETURN QUERY SELECT v_ordinal, r.transaction_id, r.created FROM ledger_post(v_posting) r;
  END LOOP;
END;
$$;
--> statement-breakpoint

REVOKE EXECUTE ON FUNCTION ledger_post_batch(jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ledger_post_batch(jsonb) TO holdfast_app;
