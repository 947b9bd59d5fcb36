-- Hand-written: the ledger invariants drizzle's schema cannot express, plus CHECKs on the
-- payment read model. drizzle-kit's snapshot does not know about anything in this file.

-- A ledger transaction must have at least two entries, and its entries must sum to zero
-- per currency; memo (off-balance-sheet) entries must also sum to zero on their own, so a
-- memo account can never absorb an imbalance of real money.
CREATE FUNCTION ledger_check_transaction(p_transaction_id text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_entry_count bigint;
  v_imbalance record;
BEGIN
  SELECT count(*) INTO v_entry_count FROM ledger_entries WHERE transaction_id = p_transaction_id;
  IF v_entry_count < 2 THEN
    RAISE EXCEPTION 'ledger transaction % has % entries; at least 2 are required', p_transaction_id, v_entry_count
      USING ERRCODE = 'check_violation';
  END IF;
  SELECT e.currency, a.type = 'memo' AS memo, sum(e.amount) AS total INTO v_imbalance
    FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
    WHERE e.transaction_id = p_transaction_id
    GROUP BY e.currency, a.type = 'memo'
    HAVING sum(e.amount) <> 0
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: % % entries sum to %', p_transaction_id,
      v_imbalance.currency, CASE WHEN v_imbalance.memo THEN 'memo' ELSE 'balance-sheet' END, v_imbalance.total
      USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
--> statement-breakpoint

CREATE FUNCTION ledger_entries_check_transaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_check_transaction(NEW.transaction_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE FUNCTION ledger_transactions_check_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ledger_check_transaction(NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint

-- Deferred to COMMIT: entries are inserted one statement at a time, and only the complete
-- set has to balance. The trigger on ledger_transactions catches a transaction committed
-- with no entries at all (then no entry trigger would fire).
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_check_transaction();
--> statement-breakpoint

CREATE CONSTRAINT TRIGGER ledger_transactions_balanced
  AFTER INSERT ON ledger_transactions
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_transactions_check_entries();
--> statement-breakpoint

-- Entries may only be added in the database transaction that created their ledger
-- transaction (its row's xmin is ours): a committed transaction cannot grow, even by a
-- balanced pair. Rows inserted under a SAVEPOINT carry a subtransaction id and are
-- rejected too, so postings are written without nested transactions.
CREATE FUNCTION ledger_entries_check_same_db_transaction() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM ledger_transactions
     WHERE id = NEW.transaction_id AND xmin = pg_current_xact_id()::xid
  ) THEN
    RAISE EXCEPTION 'entries for ledger transaction % must be written in the database transaction that created it',
      NEW.transaction_id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_entries_same_db_transaction
  BEFORE INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_entries_check_same_db_transaction();
--> statement-breakpoint

-- The ledger is append-only: a mistake is corrected by a new, reversing posting. Accounts
-- too, since changing an account's type or currency would rewrite history.
CREATE FUNCTION ledger_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_entries_append_only
  BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate
  BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_append_only
  BEFORE UPDATE OR DELETE ON ledger_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ledger_transactions_no_truncate
  BEFORE TRUNCATE ON ledger_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_append_only
  BEFORE UPDATE OR DELETE ON ledger_accounts
  FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_no_truncate
  BEFORE TRUNCATE ON ledger_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint

-- The payment read model's amounts, in minor units. Stripe's rules: nothing negative,
-- neither the capturable nor the captured amount exceeds the payment, and only captured
-- money can be refunded.
ALTER TABLE payments
  ADD CONSTRAINT payments_amounts_nonnegative_check
    CHECK (amount >= 0 AND amount_capturable >= 0 AND amount_captured >= 0 AND amount_refunded >= 0),
  ADD CONSTRAINT payments_capturable_within_amount_check CHECK (amount_capturable <= amount),
  ADD CONSTRAINT payments_captured_within_amount_check CHECK (amount_captured <= amount),
  ADD CONSTRAINT payments_refunded_within_captured_check CHECK (amount_refunded <= amount_captured),
  ADD CONSTRAINT payments_currency_check CHECK (currency ~ '^[a-z]{3}$');
--> statement-breakpoint

ALTER TABLE refunds
  ADD CONSTRAINT refunds_amount_positive_check CHECK (amount > 0),
  ADD CONSTRAINT refunds_currency_check CHECK (currency ~ '^[a-z]{3}$');
--> statement-breakpoint

ALTER TABLE merchants
  ADD CONSTRAINT merchants_fee_bps_check CHECK (fee_bps BETWEEN 0 AND 10000),
  ADD CONSTRAINT merchants_capture_before_seconds_check CHECK (capture_before_seconds > 0);
