-- Hand-written: a payment's state change (its ledger posting, its read-model row and the
-- merchant events it raises) in one call, so the app sends one statement and waits for one
-- round trip instead of up to 13. Everything comes in as bound jsonb parameters and is read
-- with jsonb_to_recordset / jsonb_populate_record: no merchant text is ever part of SQL.
--
-- SECURITY INVOKER (the default): the functions run with the caller's privileges, so the
-- app can do through them only what it could do statement by statement. The triggers of
-- 0001 and 0005 fire as before: the balance check at commit, the overdraft check per entry
-- (the entries' balance check now leaves a new transaction to its own, see the end).
-- No EXCEPTION blocks: one would open a subtransaction, and the entries' same-transaction
-- trigger (0001) rightly refuses entries written under one.

-- One posting, written once per posting key. `p_posting` is
--   {id, posting_key, kind, merchant_id, payment_id, refund_id,
--    entries: [{account, currency, amount}], accounts: [{code, currency, type, merchant_id, seller_id}]}
-- where `accounts` describes every account the entries name (activities/ledger.ts derives
-- type and owner from the code). A second call with the same key and the same entries (in
-- any order) writes nothing and answers the stored id; other contents raise a unique
-- violation naming the constraint `ledger_posting_key_reused`, the stored id as DETAIL.
CREATE FUNCTION ledger_post(p_posting jsonb) RETURNS TABLE (transaction_id text, created boolean)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  v_id text;
  v_stored ledger_transactions;
  v_entry_count int;
  v_lock_key int;
BEGIN
  -- A concurrent writer of the same key makes this wait for its commit, then do nothing;
  -- the next statement's snapshot sees the row it wrote.
  INSERT INTO ledger_transactions AS t (id, posting_key, kind, merchant_id, payment_id, refund_id)
    VALUES (p_posting->>'id', p_posting->>'posting_key', p_posting->>'kind',
            p_posting->>'merchant_id', p_posting->>'payment_id', p_posting->>'refund_id')
    ON CONFLICT (posting_key) DO NOTHING
    RETURNING t.id INTO v_id;

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

  -- Two payouts out of one account would each take the foreign key's share lock on its row,
  -- then each wait for the other's before upgrading it in ledger_payouts_never_overdraw: a
  -- deadlock. So payouts queue here first, per account they debit, in the order of the lock
  -- keys (a hash collision only queues two payouts that need not wait for each other).
  IF p_posting->>'kind' = 'payout' THEN
    FOR v_lock_key IN
      SELECT DISTINCT hashint8(l.id) AS k
        FROM jsonb_to_recordset(p_posting->'entries') AS e(account text, currency text, amount bigint)
        JOIN ledger_accounts l ON l.code = e.account AND l.currency = e.currency
       WHERE e.amount > 0 AND l.type = 'liability'
       ORDER BY k
    LOOP
      PERFORM pg_advisory_xact_lock(7265195, v_lock_key);
    END LOOP;
  END IF;

  INSERT INTO ledger_entries (transaction_id, account_id, amount, currency)
    SELECT v_id, l.id, (e.entry->>'amount')::bigint, e.entry->>'currency'
      FROM jsonb_array_elements(p_posting->'entries') WITH ORDINALITY AS e(entry, position)
      JOIN ledger_accounts l ON l.code = e.entry->>'account' AND l.currency = e.entry->>'currency'
     ORDER BY e.position;
  GET DIAGNOSTICS v_entry_count = ROW_COUNT;
  IF v_entry_count <> jsonb_array_length(p_posting->'entries') THEN
    RAISE EXCEPTION 'posting % names an account it does not describe', p_posting->>'posting_key'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN QUERY SELECT v_id, true;
END;
$$;
--> statement-breakpoint

-- A payment's state change. `p_posting` as for ledger_post, or null; `p_payment` the payments
-- row and `p_refunds` its refunds' rows (column names as keys); `p_events` the events rows,
-- in the order raised. The payment row is written only over an older version, and the refunds
-- only with it; an event is written once per source key. The events table is the outbox:
-- delivering them is the relay's work, after commit.
CREATE FUNCTION payment_record_transition(p_posting jsonb, p_payment jsonb, p_refunds jsonb, p_events jsonb)
RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF p_posting IS NOT NULL THEN
    PERFORM ledger_post(p_posting);
  END IF;

  INSERT INTO payments (id, merchant_id, workflow_id, status, amount, amount_capturable, amount_captured,
                        amount_refunded, currency, capture_method, psp, psp_reference, failure_code,
                        failure_message, status_reason, next_action, description, metadata, customer,
                        splits, capture_before, history, version, created_at, updated_at)
    SELECT p.id, p.merchant_id, p.workflow_id, p.status, p.amount, p.amount_capturable, p.amount_captured,
           p.amount_refunded, p.currency, p.capture_method, p.psp, p.psp_reference, p.failure_code,
           p.failure_message, p.status_reason, p.next_action, p.description, p.metadata, p.customer,
           p.splits, p.capture_before, p.history, p.version, p.created_at, p.updated_at
      FROM jsonb_populate_record(NULL::payments, p_payment) p
    ON CONFLICT (id) DO UPDATE SET
      merchant_id = excluded.merchant_id, workflow_id = excluded.workflow_id, status = excluded.status,
      amount = excluded.amount, amount_capturable = excluded.amount_capturable,
      amount_captured = excluded.amount_captured, amount_refunded = excluded.amount_refunded,
      currency = excluded.currency, capture_method = excluded.capture_method, psp = excluded.psp,
      psp_reference = excluded.psp_reference, failure_code = excluded.failure_code,
      failure_message = excluded.failure_message, status_reason = excluded.status_reason,
      next_action = excluded.next_action, description = excluded.description, metadata = excluded.metadata,
      customer = excluded.customer, splits = excluded.splits, capture_before = excluded.capture_before,
      history = excluded.history, version = excluded.version, updated_at = excluded.updated_at
      WHERE payments.version < excluded.version;

  -- FOUND is false when a newer version was already there: then its refunds are newer too.
  IF FOUND THEN
    INSERT INTO refunds (id, payment_id, merchant_id, status, amount, currency, reason, psp_reference,
                         failure_code, created_at, updated_at)
      SELECT r.id, r.payment_id, r.merchant_id, r.status, r.amount, r.currency, r.reason, r.psp_reference,
             r.failure_code, r.created_at, r.updated_at
        FROM jsonb_populate_recordset(NULL::refunds, p_refunds) WITH ORDINALITY r
       ORDER BY r.ordinality
      ON CONFLICT (id) DO UPDATE SET
        status = excluded.status, psp_reference = excluded.psp_reference,
        failure_code = excluded.failure_code, updated_at = excluded.updated_at;
  END IF;

  -- A concurrent writer of the same source key makes this wait for its commit, then skip it.
  INSERT INTO events (id, merchant_id, type, payment_id, source_key, data)
    SELECT e.id, e.merchant_id, e.type, e.payment_id, e.source_key, e.data
      FROM jsonb_populate_recordset(NULL::events, p_events) WITH ORDINALITY e
     ORDER BY e.ordinality
    ON CONFLICT (source_key) DO NOTHING;
END;
$$;
--> statement-breakpoint

-- The balance check of 0001 ran once per entry and once per ledger transaction at commit: a
-- four-entry posting checked itself five times, a third of the posting's Postgres CPU. An
-- entry whose ledger transaction was created in this same database transaction is checked at
-- this same commit by that transaction's own trigger (ledger_transactions_balanced), so its
-- entry trigger has nothing to add. Any other entry (the same-transaction trigger of 0001
-- refuses those, but the check does not rely on it) is still checked on its own.
CREATE OR REPLACE FUNCTION ledger_entries_check_transaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM ledger_transactions
     WHERE id = NEW.transaction_id AND xmin = pg_current_xact_id()::xid
  ) THEN
    RETURN NULL;
  END IF;
  PERFORM ledger_check_transaction(NEW.transaction_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Functions are executable by PUBLIC unless revoked; only the app (and the owner) call these.
REVOKE EXECUTE ON FUNCTION ledger_post(jsonb), payment_record_transition(jsonb, jsonb, jsonb, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ledger_post(jsonb), payment_record_transition(jsonb, jsonb, jsonb, jsonb) TO holdfast_app;
