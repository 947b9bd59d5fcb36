-- Hand-written: all of a ledger transaction's entries arrive in one INSERT statement.
--
-- The balance check (ledger_transactions_balanced, 0001 and 0012) is a deferred constraint
-- trigger queued once per ledger transaction. `SET CONSTRAINTS ALL IMMEDIATE`, which any role
-- may run, fires it early: after a balanced first statement of entries it passed, and entries a
-- later statement added to the same ledger transaction were never checked again, so the app
-- role could commit a ledger transaction that does not sum to zero. Refusing a second statement
-- of entries closes that: whenever the check fires, it sees every entry the ledger transaction
-- will ever have (it fires with none if run before the entries, and refuses). ledger_post has
-- always written the entries in one statement; nothing else writes them.
--
-- A trigger of its own beside ledger_entries_checked (0012), so that function stays one
-- definition of the per-statement checks it already has.

CREATE FUNCTION ledger_entries_check_one_statement() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_split text;
BEGIN
  -- Rows written before this statement are the ones not in its transition table.
  SELECT min(n.transaction_id) INTO v_split
    FROM (SELECT transaction_id, count(*) AS entries FROM new_entries GROUP BY transaction_id) n
   WHERE n.entries <> (SELECT count(*) FROM public.ledger_entries e WHERE e.transaction_id = n.transaction_id);
  IF v_split IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % already has entries: all of its entries must be written in one statement', v_split
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_entries_in_one_statement
  AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_check_one_statement();
