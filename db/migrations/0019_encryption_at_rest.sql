-- Personal data at rest (README "Encryption at rest"): the data keys, wrapped by the master
-- key, and on the large tables holding sealed values the id of the key that sealed them, so a
-- rotation finds what is left on an old key and a retirement proves nothing is (the small
-- ones, webhook secrets and dispute evidence, are found by the key id inside the value).
CREATE TABLE data_keys (
  id text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('data', 'blind_index')),
  state text NOT NULL CHECK (state IN ('active', 'decrypt_only', 'retired')),
  wrapped_key bytea,
  master_key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz,
  retired_at timestamptz,
  CONSTRAINT data_keys_retired_erased_check CHECK ((state = 'retired') = (wrapped_key IS NULL))
);--> statement-breakpoint
CREATE UNIQUE INDEX data_keys_one_active_idx ON data_keys (purpose) WHERE state = 'active';--> statement-breakpoint
-- The app adds keys and supersedes them; only the owner erases one (holdfast keys retire-data-key).
REVOKE ALL ON data_keys FROM holdfast_app;--> statement-breakpoint
GRANT SELECT, INSERT ON data_keys TO holdfast_app;--> statement-breakpoint
GRANT UPDATE (state, superseded_at) ON data_keys TO holdfast_app;--> statement-breakpoint
CREATE FUNCTION data_keys_never_revived() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.state <> 'active' AND NEW.state = 'active' THEN
    RAISE EXCEPTION 'data key % was superseded and cannot encrypt again', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.state = 'retired' AND NEW.state <> 'retired' THEN
    RAISE EXCEPTION 'data key % is retired', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER data_keys_never_revived BEFORE UPDATE ON data_keys FOR EACH ROW EXECUTE FUNCTION data_keys_never_revived();--> statement-breakpoint

ALTER TABLE payments ADD COLUMN data_key_id text;--> statement-breakpoint
-- Blind indexes (keyring blindIndex): equality search over encrypted fields.
ALTER TABLE payments ADD COLUMN customer_email_index text;--> statement-breakpoint
ALTER TABLE payments ADD COLUMN metadata_index text[];--> statement-breakpoint
CREATE INDEX payments_data_key_idx ON payments (data_key_id);--> statement-breakpoint
CREATE INDEX payments_customer_email_idx ON payments (merchant_id, customer_email_index) WHERE customer_email_index IS NOT NULL;--> statement-breakpoint
CREATE INDEX payments_metadata_idx ON payments USING gin (metadata_index);--> statement-breakpoint
ALTER TABLE events ADD COLUMN data_key_id text;--> statement-breakpoint
CREATE INDEX events_data_key_idx ON events (data_key_id);--> statement-breakpoint
ALTER TABLE idempotency_keys ADD COLUMN data_key_id text;--> statement-breakpoint
CREATE INDEX idempotency_keys_data_key_idx ON idempotency_keys (data_key_id);--> statement-breakpoint

-- The payment's write, as in 0010, now carrying the sealing key's id and the blind indexes.
CREATE OR REPLACE FUNCTION payment_record_transition(p_posting jsonb, p_payment jsonb, p_refunds jsonb, p_events jsonb)
RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF p_posting IS NOT NULL THEN
    PERFORM ledger_post(p_posting);
  END IF;

  INSERT INTO payments (id, merchant_id, workflow_id, status, amount, amount_capturable, amount_captured,
                        amount_refunded, currency, capture_method, psp, psp_reference, failure_code,
                        failure_message, status_reason, next_action, description, metadata, customer,
                        splits, capture_before, history, version, created_at, updated_at,
                        data_key_id, customer_email_index, metadata_index)
    SELECT p.id, p.merchant_id, p.workflow_id, p.status, p.amount, p.amount_capturable, p.amount_captured,
           p.amount_refunded, p.currency, p.capture_method, p.psp, p.psp_reference, p.failure_code,
           p.failure_message, p.status_reason, p.next_action, p.description, p.metadata, p.customer,
           p.splits, p.capture_before, p.history, p.version, p.created_at, p.updated_at,
           p.data_key_id, p.customer_email_index, p.metadata_index
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
      history = excluded.history, version = excluded.version, updated_at = excluded.updated_at,
      data_key_id = excluded.data_key_id, customer_email_index = excluded.customer_email_index,
      metadata_index = excluded.metadata_index
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
  INSERT INTO events (id, merchant_id, type, payment_id, source_key, data, data_key_id)
    SELECT e.id, e.merchant_id, e.type, e.payment_id, e.source_key, e.data, e.data_key_id
      FROM jsonb_populate_recordset(NULL::events, p_events) WITH ORDINALITY e
     ORDER BY e.ordinality
    ON CONFLICT (source_key) DO NOTHING;
END;
$$;
