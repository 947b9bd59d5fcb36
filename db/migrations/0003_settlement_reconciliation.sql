CREATE TABLE "settlement_batches" (
	"id" text PRIMARY KEY NOT NULL,
	"settlement_id" text NOT NULL,
	"merchant_id" text NOT NULL,
	"currency" text NOT NULL,
	"round" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"status" text NOT NULL,
	"item_count" integer NOT NULL,
	"gross" bigint NOT NULL,
	"fees" bigint,
	"net" bigint,
	"raw_request" text NOT NULL,
	"raw_response" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	CONSTRAINT "settlement_batches_idempotency_key_key" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "settlement_items" (
	"id" text PRIMARY KEY NOT NULL,
	"settlement_id" text NOT NULL,
	"batch_id" text,
	"ledger_transaction_id" text NOT NULL,
	"kind" text NOT NULL,
	"merchant_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"refund_id" text,
	"psp_reference" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"receivable" bigint NOT NULL,
	"merchant_share" bigint NOT NULL,
	"status" text NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"fee" bigint,
	"reject_reason" text,
	"settled_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_items_ledger_transaction_key" UNIQUE("ledger_transaction_id")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" text PRIMARY KEY NOT NULL,
	"business_date" date NOT NULL,
	"psp" text NOT NULL,
	"status" text NOT NULL,
	"workflow_id" text NOT NULL,
	"collected_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlements_date_psp_key" UNIQUE("business_date","psp")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"details" jsonb NOT NULL,
	"ledger_transaction_id" text,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_idempotency_key_key" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"business_date" date NOT NULL,
	"psp" text NOT NULL,
	"status" text NOT NULL,
	"workflow_id" text NOT NULL,
	"raw_report" text,
	"summary" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ledger_transactions" DROP CONSTRAINT "ledger_transactions_kind_check";--> statement-breakpoint
DROP INDEX "exceptions_subject_kind_idx";--> statement-breakpoint
ALTER TABLE "api_keys" ALTER COLUMN "merchant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ALTER COLUMN "merchant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "role" text DEFAULT 'merchant' NOT NULL;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "category" integer;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "subject" text;--> statement-breakpoint
-- Hand-edited: rows from before this migration are unknown PSP outcomes, one per payment.
UPDATE "exceptions" SET "category" = 2, "subject" = "payment_id";--> statement-breakpoint
ALTER TABLE "exceptions" ALTER COLUMN "category" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "exceptions" ALTER COLUMN "subject" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "psp" text;--> statement-breakpoint
ALTER TABLE "exceptions" ADD COLUMN "business_date" date;--> statement-breakpoint
ALTER TABLE "settlement_batches" ADD CONSTRAINT "settlement_batches_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_items" ADD CONSTRAINT "settlement_items_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_items" ADD CONSTRAINT "settlement_items_batch_id_settlement_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."settlement_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlement_batches_settlement_idx" ON "settlement_batches" USING btree ("settlement_id","round");--> statement-breakpoint
CREATE INDEX "settlement_items_settlement_idx" ON "settlement_items" USING btree ("settlement_id","status");--> statement-breakpoint
CREATE INDEX "settlement_items_batch_idx" ON "settlement_items" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "settlement_items_payment_idx" ON "settlement_items" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id","created_at");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_date_psp_idx" ON "reconciliation_runs" USING btree ("business_date","psp","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "exceptions_kind_subject_idx" ON "exceptions" USING btree ("kind","subject");--> statement-breakpoint
CREATE INDEX "exceptions_date_psp_idx" ON "exceptions" USING btree ("business_date","psp");--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_role_owner_check" CHECK (("api_keys"."role" = 'merchant') = ("api_keys"."merchant_id" is not null));--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_kind_check" CHECK ("ledger_transactions"."kind" in ('authorization_hold', 'hold_release', 'capture', 'refund', 'settlement', 'reconciliation'));