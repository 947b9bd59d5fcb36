-- Hand-written: a ledger transaction and all of its entries are written by one SQL statement
-- (ledger_post's data-modifying CTEs, 0012), and checked at the end of that statement instead
-- of row by row at commit.
--
-- Why: the balance check was a deferred constraint trigger, one PL/pgSQL call per ledger
-- transaction at commit. Measured with 16 writers posting in batches (npm run bench:ledger,
-- ledger_post_batch of 0014), that call was about a quarter of a posting's Postgres CPU, the
-- largest cost left that grew with the number of postings. Statement-level triggers see every
-- row a statement wrote at once, so the same checks cost one call per statement.
--
-- What each guarantee rests on after this migration (tests in test/integration/ledger.test.ts
-- and least-privilege.test.ts):
--   - a ledger transaction has at least two entries, summing to zero per currency, memo
--     entries on their own: ledger_entries_checked below, over the statement's entries, which
--     are all the entries the ledger transaction will ever have, because
--       - entries go only to a ledger transaction created in the same database transaction,
--         not under a savepoint (ledger_entries_checked, from 0012), and
--       - a ledger transaction gets entries from one statement only (the check of 0013, now in
--         ledger_entries_checked, so one trigger call per statement instead of two);
--   - a ledger transaction never stays without entries: ledger_transactions_written_whole
--     below refuses, at the end of the statement that inserted it, a ledger transaction that
--     has none. Entries cannot precede their ledger transaction (the first check), so the ones
--     it finds were written by that same statement.
-- Nothing is deferred any more, so no setting (SET CONSTRAINTS) moves a check; the app role
-- owns nothing and can drop or disable none of these triggers.
--
-- Both trigger functions run with a fixed search_path (pg_catalog first, the caller's temporary
-- schema last). Without it, type names in them (the `text` and `xid` of their variables and
-- casts) resolved in the caller's path, where pg_temp comes first for types: any role may create
-- a temporary type named `text` or `xid`, with casts of its own, and so turn a check into one
-- that passes (found in review: a ledger transaction committed without entries, then given
-- entries by a later database transaction). Tables were already schema-qualified (0012).

DROP TRIGGER ledger_transactions_balanced ON ledger_transactions;
--> statement-breakpoint
DROP FUNCTION ledger_transactions_check_entries();
--> statement-breakpoint
DROP TRIGGER ledger_entries_in_one_statement ON ledger_entries;
--> statement-breakpoint
DROP FUNCTION ledger_entries_check_one_statement();
--> statement-breakpoint

-- 0012's function with 0013's check, the balance check and a fixed search_path added; the rest
-- is unchanged.
CREATE OR REPLACE FUNCTION ledger_entries_check_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_outsider text;
  v_no_account boolean;
  v_unknown record;
  v_payouts boolean;
  v_split text;
  v_short record;
  v_unbalanced record;
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

  -- All of a ledger transaction's entries in this one statement: rows written before it are
  -- the ones not in its transition table.
  SELECT min(n.transaction_id) INTO v_split
    FROM (SELECT transaction_id, count(*) AS entries FROM new_entries GROUP BY transaction_id) n
   WHERE n.entries <> (SELECT count(*) FROM public.ledger_entries e WHERE e.transaction_id = n.transaction_id);
  IF v_split IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % already has entries: all of its entries must be written in one statement', v_split
      USING ERRCODE = 'check_violation';
  END IF;

  -- So these are all of each ledger transaction's entries: at least two, balanced. Same rules
  -- and messages as the commit-time check of 0001 and 0012.
  SELECT g.transaction_id, g.entries INTO v_short
    FROM (SELECT transaction_id, count(*) AS entries FROM new_entries GROUP BY transaction_id) g
   WHERE g.entries < 2
   ORDER BY g.transaction_id
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % has % entries; at least 2 are required', v_short.transaction_id, v_short.entries
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT n.transaction_id, n.currency, a.type = 'memo' AS memo, sum(n.amount) AS total INTO v_unbalanced
    FROM new_entries n JOIN public.ledger_accounts a ON a.id = n.account_id
   GROUP BY n.transaction_id, n.currency, a.type = 'memo'
  HAVING sum(n.amount) <> 0
   ORDER BY 1, 2, 3
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % entries sum to %', v_unbalanced.transaction_id,
      v_unbalanced.currency, CASE WHEN v_unbalanced.memo THEN 'memo' ELSE 'balance-sheet' END, v_unbalanced.total
      USING ERRCODE = 'check_violation';
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

-- At the end of the statement that inserted them (after every row of it, its CTEs' included),
-- each new ledger transaction must have entries.
CREATE FUNCTION ledger_transactions_check_written_whole() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_empty text;
BEGIN
  SELECT min(t.id) INTO v_empty
    FROM new_transactions t
   WHERE NOT EXISTS (SELECT 1 FROM public.ledger_entries e WHERE e.transaction_id = t.id);
  IF v_empty IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % has 0 entries; at least 2 are required, written by the statement that creates it', v_empty
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_transactions_written_whole
  AFTER INSERT ON ledger_transactions
  REFERENCING NEW TABLE AS new_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_transactions_check_written_whole();
