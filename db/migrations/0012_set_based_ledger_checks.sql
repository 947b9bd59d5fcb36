-- Hand-written: the ledger's invariants checked once per statement and once per ledger
-- transaction instead of once per entry row. Measured with 16 writers posting four-entry
-- captures (npm run bench:ledger), the per-row work was most of a posting's Postgres CPU: per
-- entry a BEFORE trigger (same database transaction), an AFTER trigger (payout overdraft,
-- SECURITY DEFINER so a function call with a GUC switch even for the credits it ignores), a
-- deferred constraint trigger queued for commit, and two foreign key checks, each its own
-- query; a four-entry posting ran some twenty queries beside its three inserts.
--
-- What each guarantee rests on after this migration (tests in test/integration/ledger.test.ts,
-- least-privilege.test.ts, payment-transition.test.ts):
--   - entries only in the database transaction that created their ledger transaction, never
--     under a savepoint: ledger_entries_checked (per INSERT statement, below);
--   - every entry names an existing ledger transaction and an existing account in the entry's
--     currency: ledger_entries_checked, in place of the two foreign keys (below);
--   - a payout never overdraws a liability account: ledger_entries_checked (below);
--   - at least two entries, summing to zero per currency, memo entries on their own, checked
--     at COMMIT: ledger_transactions_balanced (0001), whose function is rewritten below. The
--     per-entry ledger_entries_balanced added nothing to it: 0010 already made it return for
--     any entry of a ledger transaction created in the same database transaction, and entries
--     of any other ledger transaction are refused by the first check;
--   - append-only: unchanged (0001 triggers, 0009 privileges).
-- Every check is a trigger, so it holds for a direct INSERT by the app role or the owner as
-- much as for ledger_post. The app role owns nothing, so it can neither drop nor disable them.
--
-- Every table name in these functions is schema-qualified: they run with the caller's
-- search_path, in which pg_temp comes first for tables, so an unqualified name could resolve to
-- a temporary table the caller made (any role may create those) instead of the ledger's.

DROP TRIGGER ledger_entries_same_db_transaction ON ledger_entries;
--> statement-breakpoint
DROP TRIGGER ledger_payouts_never_overdraw ON ledger_entries;
--> statement-breakpoint
DROP TRIGGER ledger_entries_balanced ON ledger_entries;
--> statement-breakpoint
DROP FUNCTION ledger_entries_check_same_db_transaction();
--> statement-breakpoint
DROP FUNCTION ledger_payouts_never_overdraw();
--> statement-breakpoint
DROP FUNCTION ledger_entries_check_transaction();
--> statement-breakpoint

-- The foreign keys checked each entry with its own query and locked the referenced rows (FOR
-- KEY SHARE: WAL, and a multixact when concurrent postings share an account) so that they could
-- not be deleted or their keys changed before commit. Ledger rows are never deleted or updated
-- (0001's triggers, 0009's privileges), so the lock protects nothing here, and the existence
-- check is done for the whole statement at once by ledger_entries_checked, which reports a
-- missing account as the foreign key did (SQLSTATE 23503, constraint
-- ledger_entries_account_currency_fkey). The unique (id, currency) key on ledger_accounts stays.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_transaction_id_ledger_transactions_id_fk;
--> statement-breakpoint
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_account_currency_fkey;
--> statement-breakpoint

-- Once per INSERT statement into ledger_entries, over the rows it inserted (its transition
-- table). A constraint trigger cannot have a transition table, so this runs at the end of the
-- statement, not at commit; nothing it checks needs to wait for commit.
--   1. Each entry's ledger transaction was created in this database transaction, not under a
--      savepoint: its row's xmin is our top-level transaction id. So a committed ledger
--      transaction can never grow, even by a balanced pair, and its balance check at commit
--      (ledger_transactions_balanced) sees every entry it will ever have.
--   2. Each entry's account exists in the entry's currency.
--   3. A payout may not take a liability account below zero, however many payouts race for it.
--      Other postings may overdraw: a dispute or a refund settled after a payout takes back money
--      the seller no longer has, and the seller then owes it until its next sales cover it.
--      Payouts debiting the same account queue on a transaction-level advisory lock per account
--      (taken in key order, so two payouts debiting the same two accounts cannot deadlock; a hash
--      collision only queues two payouts that need not wait for each other), then sum the
--      account in a statement of its own: under READ COMMITTED that statement's snapshot sees
--      every payout that held the lock before. REPEATABLE READ and SERIALIZABLE sum in the
--      transaction's first snapshot and miss them, so a payout is refused there: SERIALIZABLE
--      would detect the race only against other SERIALIZABLE writers, and holdfast's write at
--      READ COMMITTED. An advisory lock needs no privilege, unlike the row lock (FOR UPDATE) of
--      0005, so this function runs as the caller, not SECURITY DEFINER.
CREATE FUNCTION ledger_entries_check_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_outsider text;
  v_no_account boolean;
  v_unknown record;
  v_payouts boolean;
  v_accounts bigint[] := '{}';
  v_account bigint;
  v_balance numeric;
BEGIN
  SELECT min(n.transaction_id) FILTER (WHERE t.id IS NULL),
         coalesce(bool_or(a.id IS NULL), false),
         coalesce(bool_or(n.amount > 0 AND t.kind = 'payout' AND a.type = 'liability'), false)
    INTO v_outsider, v_no_account, v_payouts
    FROM new_entries n
    LEFT JOIN public.ledger_transactions t ON t.id = n.transaction_id AND t.xmin = pg_current_xact_id()::xid
    LEFT JOIN public.ledger_accounts a ON a.id = n.account_id AND a.currency = n.currency;
  IF v_outsider IS NOT NULL THEN
    RAISE EXCEPTION 'entries for ledger transaction % must be written in the database transaction that created it',
      v_outsider
      USING ERRCODE = 'check_violation';
  END IF;
  IF v_no_account THEN
    SELECT n.account_id, n.currency INTO v_unknown
      FROM new_entries n
     WHERE NOT EXISTS (SELECT 1 FROM public.ledger_accounts a WHERE a.id = n.account_id AND a.currency = n.currency)
     LIMIT 1;
    RAISE EXCEPTION 'insert or update on table "ledger_entries" violates foreign key constraint "ledger_entries_account_currency_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'ledger_entries_account_currency_fkey',
            DETAIL = format('Key (account_id, currency)=(%s, %s) is not present in table "ledger_accounts".',
                            v_unknown.account_id, v_unknown.currency);
  END IF;
  IF NOT v_payouts THEN
    RETURN NULL;
  END IF;

  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'a payout must be written under READ COMMITTED: a transaction snapshot (%) cannot see the payouts it raced',
      upper(current_setting('transaction_isolation'))
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_payouts_never_overdraw';
  END IF;
  FOR v_account IN
    SELECT DISTINCT ON (hashint8(n.account_id), n.account_id) n.account_id
      FROM new_entries n
      JOIN public.ledger_transactions t ON t.id = n.transaction_id
      JOIN public.ledger_accounts a ON a.id = n.account_id
     WHERE n.amount > 0 AND t.kind = 'payout' AND a.type = 'liability'
     ORDER BY hashint8(n.account_id), n.account_id
  LOOP
    PERFORM pg_advisory_xact_lock(7265195, hashint8(v_account));
    v_accounts := v_accounts || v_account;
  END LOOP;
  -- A new statement, so a new snapshot: taken after every lock above was granted.
  FOR v_account, v_balance IN
    SELECT x.id, -sum(e.amount)
      FROM unnest(v_accounts) AS x(id) JOIN public.ledger_entries e ON e.account_id = x.id
     GROUP BY x.id
  LOOP
    IF v_balance < 0 THEN
      RAISE EXCEPTION 'a payout may not overdraw ledger account %: its balance would be %', v_account, v_balance
        USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_payouts_never_overdraw';
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_entries_checked
  AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_check_inserted();
--> statement-breakpoint

-- The balance check at commit, once per ledger transaction (ledger_transactions_balanced of
-- 0001, unchanged): one query instead of a count and a sum, in the trigger itself instead of a
-- second function. Same rules and messages as 0001's ledger_check_transaction.
CREATE OR REPLACE FUNCTION ledger_transactions_check_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_entry_count bigint;
  v_currency text;
  v_memo boolean;
  v_total numeric;
BEGIN
  SELECT coalesce(sum(g.entries), 0),
         (array_agg(g.currency ORDER BY g.currency, g.memo) FILTER (WHERE g.total <> 0))[1],
         (array_agg(g.memo ORDER BY g.currency, g.memo) FILTER (WHERE g.total <> 0))[1],
         (array_agg(g.total ORDER BY g.currency, g.memo) FILTER (WHERE g.total <> 0))[1]
    INTO v_entry_count, v_currency, v_memo, v_total
    FROM (SELECT e.currency, a.type = 'memo' AS memo, sum(e.amount) AS total, count(*) AS entries
            FROM public.ledger_entries e JOIN public.ledger_accounts a ON a.id = e.account_id
           WHERE e.transaction_id = NEW.id
           GROUP BY e.currency, a.type = 'memo') g;
  IF v_entry_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has % entries; at least 2 are required', NEW.id, v_entry_count
      USING ERRCODE = 'check_violation';
  END IF;
  IF v_currency IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % entries sum to %', NEW.id,
      v_currency, CASE WHEN v_memo THEN 'memo' ELSE 'balance-sheet' END, v_total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Nothing calls it any more: the trigger above is the one definition of "balanced".
DROP FUNCTION ledger_check_transaction(text);
--> statement-breakpoint

-- 0010's ledger_post, with the same contract, in one statement where it took three: when every
-- account the posting names exists (all but a new merchant's or seller's first postings), the
-- ledger transaction and its entries are inserted by one statement, and accounts are created
-- (then that statement run again) only when one is missing. The payouts' queue moved into
-- ledger_entries_checked, which takes the same advisory locks for any writer.
CREATE OR REPLACE FUNCTION ledger_post(p_posting jsonb) RETURNS TABLE (transaction_id text, created boolean)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_id text;
  v_stored ledger_transactions;
  v_missing bigint;
BEGIN
  FOR v_attempt IN 1..2 LOOP
    -- A concurrent writer of the same key makes the insert wait for its commit, then do
    -- nothing; the next statement's snapshot sees the row it wrote. Nothing is inserted while
    -- an account is missing.
    WITH given AS MATERIALIZED (
      SELECT e.position, l.id AS account_id, (e.entry->>'amount')::bigint AS amount, e.entry->>'currency' AS currency
        FROM jsonb_array_elements(p_posting->'entries') WITH ORDINALITY AS e(entry, position)
        LEFT JOIN ledger_accounts l ON l.code = e.entry->>'account' AND l.currency = e.entry->>'currency'
    ), inserted AS (
      INSERT INTO ledger_transactions AS t (id, posting_key, kind, merchant_id, payment_id, refund_id)
        SELECT p_posting->>'id', p_posting->>'posting_key', p_posting->>'kind',
               p_posting->>'merchant_id', p_posting->>'payment_id', p_posting->>'refund_id'
         WHERE NOT EXISTS (SELECT 1 FROM given WHERE given.account_id IS NULL)
        ON CONFLICT (posting_key) DO NOTHING
        RETURNING t.id
    ), entries AS (
      INSERT INTO ledger_entries (transaction_id, account_id, amount, currency)
        SELECT i.id, g.account_id, g.amount, g.currency FROM inserted i, given g ORDER BY g.position
    )
    SELECT (SELECT i.id FROM inserted i), (SELECT count(*) FROM given WHERE given.account_id IS NULL)
      INTO v_id, v_missing;
    EXIT WHEN v_missing = 0 OR v_attempt = 2;

    -- Accounts are append-only: the missing ones are created, sorted so two postings creating
    -- the same accounts lock them in the same order. Existing ones are found by the unique
    -- index on (code, currency) without an insert, so no sequence value is spent on them.
    INSERT INTO ledger_accounts (code, currency, type, merchant_id, seller_id)
      SELECT a.code, a.currency, a.type, a.merchant_id, a.seller_id
        FROM jsonb_to_recordset(p_posting->'accounts')
             AS a(code text, currency text, type text, merchant_id text, seller_id text)
       WHERE NOT EXISTS (SELECT 1 FROM ledger_accounts l WHERE l.code = a.code AND l.currency = a.currency)
       ORDER BY a.code, a.currency
      ON CONFLICT (code, currency) DO NOTHING;
  END LOOP;

  IF v_missing > 0 THEN
    RAISE EXCEPTION 'posting % names an account it does not describe', p_posting->>'posting_key'
      USING ERRCODE = 'foreign_key_violation';
  END IF;

  IF v_id IS NULL THEN
    SELECT * INTO STRICT v_stored FROM ledger_transactions t WHERE t.posting_key = p_posting->>'posting_key';
    -- Entry order carries no meaning: compare the entries as sorted lists.
    IF v_stored.kind IS DISTINCT FROM p_posting->>'kind'
       OR v_stored.merchant_id IS DISTINCT FROM p_posting->>'merchant_id'
       OR v_stored.payment_id IS DISTINCT FROM p_posting->>'payment_id'
       OR v_stored.refund_id IS DISTINCT FROM p_posting->>'refund_id'
       OR (SELECT array_agg(x ORDER BY x) FROM (
             SELECT format('%s|%s|%s', a.code, e.currency, e.amount) AS x
               FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
              WHERE e.transaction_id = v_stored.id) stored)
          IS DISTINCT FROM
          (SELECT array_agg(x ORDER BY x) FROM (
             SELECT format('%s|%s|%s', g.account, g.currency, g.amount) AS x
               FROM jsonb_to_recordset(p_posting->'entries') AS g(account text, currency text, amount bigint)) given)
    THEN
      RAISE EXCEPTION 'posting key % is already used by ledger transaction % with different contents',
        v_stored.posting_key, v_stored.id
        USING ERRCODE = 'unique_violation', CONSTRAINT = 'ledger_posting_key_reused', DETAIL = v_stored.id;
    END IF;
    RETURN QUERY SELECT v_stored.id, false;
    RETURN;
  END IF;
  RETURN QUERY SELECT v_id, true;
END;
$$;
