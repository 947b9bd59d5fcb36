-- Hand-written: retention. Nothing here changes what the ledger guarantees: ledger tables
-- are never purged. The audit log is append-only like the ledger, but is not kept for ever:
-- `holdfast purge`, run as the schema owner, deletes rows past AUDIT_RETENTION_DAYS.
--
-- Why not partitions dropped whole: a partitioned table's unique constraints must include the
-- partition key, and audit_log's unique idempotency_key is what keeps a rerun from recording
-- twice. So its rows are deleted, and only when the deleting transaction says, in
-- `holdfast.audit_purge_before`, up to when — and never a row younger than a year (PCI DSS
-- 10.5.1 keeps audit trails at least twelve months). The app role has no DELETE on the table
-- at all (0009), so only the owner's purge can get here.
CREATE FUNCTION audit_log_reject_change() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  purge_before timestamptz := nullif(current_setting('holdfast.audit_purge_before', true), '')::timestamptz;
BEGIN
  IF TG_OP = 'DELETE' AND purge_before IS NOT NULL
     AND OLD.created_at < purge_before AND OLD.created_at < now() - interval '365 days' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'holdfast purge deletes rows older than AUDIT_RETENTION_DAYS (at least 365 days)';
END;
$$;
--> statement-breakpoint
DROP TRIGGER audit_log_append_only ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_reject_change();
--> statement-breakpoint

-- What the purge looks rows up by.
CREATE INDEX audit_log_created_idx ON audit_log (created_at);
--> statement-breakpoint
CREATE INDEX psp_events_received_idx ON psp_events (received_at);
--> statement-breakpoint
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
--> statement-breakpoint
CREATE INDEX events_created_idx ON events (created_at);
