-- Hand-written: a business date may be settled more than once at a PSP, and a reconciliation
-- run keeps its report lines and findings in tables instead of in its workflow's history.
--
-- Settlement runs: finance settles mid-day and the daily schedule settles the rest at the
-- cut-off. Each run is its own settlement row (run 1 keeps the id it always had,
-- stl_<yyyymmdd>_<psp>; run n is stl_<yyyymmdd>_<psp>_r<n>). Nothing is settled twice:
-- settlement_items.ledger_transaction_id stays unique, so a posting belongs to one run only.
ALTER TABLE "settlements" ADD COLUMN "run" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "settlements" DROP CONSTRAINT "settlements_date_psp_key";--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_date_psp_run_key" UNIQUE("business_date","psp","run");--> statement-breakpoint
-- Items posted page by page: the accepted, unposted items of a batch.
CREATE INDEX "settlement_items_unposted_idx" ON "settlement_items" USING btree ("batch_id","id") WHERE "status" = 'accepted' AND "settled_transaction_id" IS NULL;--> statement-breakpoint
-- A run's normalized report lines, in the order the PSP listed them. Written once per run by
-- the activity that fetched the report (a retry replaces them), read by the classifier.
CREATE TABLE "reconciliation_report_lines" (
	"run_id" text NOT NULL REFERENCES "reconciliation_runs"("id"),
	"seq" integer NOT NULL,
	"line" jsonb NOT NULL,
	CONSTRAINT "reconciliation_report_lines_pk" PRIMARY KEY("run_id","seq")
);--> statement-breakpoint
-- What the classifier concluded, one row per finding; the workflow pages through them by seq.
-- `state`: open (to handle), fixed (category 1, fixed or found fixed), escalated (its fix
-- failed: raised for a person), raised (on the exceptions list).
CREATE TABLE "reconciliation_findings" (
	"run_id" text NOT NULL REFERENCES "reconciliation_runs"("id"),
	"seq" integer NOT NULL,
	"category" integer NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"finding" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"fix_error" text,
	CONSTRAINT "reconciliation_findings_pk" PRIMARY KEY("run_id","seq"),
	CONSTRAINT "reconciliation_findings_state_check" CHECK ("state" in ('open', 'fixed', 'escalated', 'raised', 'kept'))
);--> statement-breakpoint
-- The classifier's counts and what it found explained on other dates, for the run's summary.
ALTER TABLE "reconciliation_runs" ADD COLUMN "classification" jsonb;
