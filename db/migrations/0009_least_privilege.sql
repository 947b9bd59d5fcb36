-- Hand-written: least privilege. Migrations run as the owner of the schema (the role in
-- MIGRATION_DATABASE_URL); the API and the worker connect as `holdfast_app`, which reads and
-- writes rows and nothing more. It owns nothing, so it cannot ALTER a table, drop or disable
-- a trigger, or create objects; and it may only append to the ledger and the audit log.
-- The role itself is made by whoever runs the server (the embedded Postgres, the compose
-- init script, a DBA): the owner need not have CREATEROLE.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'holdfast_app') THEN
    RAISE EXCEPTION 'the role holdfast_app does not exist: create it (LOGIN, no other attributes) before migrating; see the README, "Database roles"';
  END IF;
END;
$$;
--> statement-breakpoint

-- Nobody but the owner creates objects in the schema (Postgres 15+ already says so; older
-- servers let PUBLIC create there).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO holdfast_app;
--> statement-breakpoint

-- Rows of every table, made by this or an earlier migration …
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO holdfast_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO holdfast_app;
--> statement-breakpoint
-- … and of every table a later migration makes (they run as this same owner).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO holdfast_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO holdfast_app;
--> statement-breakpoint

-- History is appended, never rewritten: the ledger (entries, transactions, accounts) and the
-- audit log. The append-only triggers say the same to the owner; for the app the privilege
-- is not there at all, so no trigger has to be trusted to stay enabled.
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries, ledger_transactions, ledger_accounts, audit_log FROM holdfast_app;
--> statement-breakpoint

CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_reject_change();
--> statement-breakpoint

-- The overdraft check locks the account row (SELECT … FOR UPDATE), which needs UPDATE on
-- ledger_accounts, a privilege the app no longer has: it runs as its owner, with a fixed
-- search_path so the caller cannot slip in objects of its own.
ALTER FUNCTION ledger_payouts_never_overdraw() SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint

-- GET /v1/psps shows a health status and since when it holds, not the PSP's error text:
-- when the run of consecutive failures began, or ended.
ALTER TABLE psp_circuits ADD COLUMN health_changed_at timestamp with time zone;
