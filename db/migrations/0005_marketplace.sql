CREATE TABLE "disputes" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"psp" text NOT NULL,
	"psp_dispute_reference" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"reason" text,
	"status" text NOT NULL,
	"evidence_due_by" timestamp with time zone NOT NULL,
	"evidence_text" text,
	"evidence_submitted_at" timestamp with time zone,
	"shares" jsonb NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "disputes_psp_reference_key" UNIQUE("psp","psp_dispute_reference")
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"psp" text NOT NULL,
	"status" text NOT NULL,
	"method" text NOT NULL,
	"psp_payout_reference" text,
	"failure_code" text,
	"failure_message" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_psp_reference_key" UNIQUE("psp","psp_payout_reference"),
	CONSTRAINT "payouts_amount_positive_check" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_id" text NOT NULL,
	"name" text NOT NULL,
	"payout_psp" text NOT NULL,
	"payout_schedule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_transactions" DROP CONSTRAINT "ledger_transactions_kind_check";--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "splits" jsonb;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "seller_id" text;--> statement-breakpoint
ALTER TABLE "settlement_items" ADD COLUMN "seller_shares" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_merchant_id_merchants_id_fk" FOREIGN KEY ("merchant_id") REFERENCES "public"."merchants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_payment_idx" ON "disputes" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "disputes_merchant_created_idx" ON "disputes" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_seller_created_idx" ON "payouts" USING btree ("seller_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_merchant_created_idx" ON "payouts" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "sellers_merchant_created_idx" ON "sellers" USING btree ("merchant_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_accounts_seller_idx" ON "ledger_accounts" USING btree ("seller_id");--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_kind_check" CHECK ("ledger_transactions"."kind" in ('authorization_hold', 'hold_release', 'capture', 'refund', 'settlement', 'reconciliation', 'payout', 'dispute'));--> statement-breakpoint

-- Hand-written: a payout may never take an account below zero — in practice a seller's
-- available balance — however many payouts race for it. Each payout debit locks its account
-- row first, so concurrent payouts from one seller queue here, and each one's sum (a fresh
-- snapshot per statement under READ COMMITTED) sees every payout committed before it.
-- Other postings may overdraw: a dispute or a refund settled after a payout takes back money
-- the seller no longer has, and the seller then owes it until its next sales cover it.
CREATE FUNCTION ledger_payouts_never_overdraw() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_kind text;
  v_type text;
  v_balance numeric;
BEGIN
  -- Only a debit lowers what a liability owes.
  IF NEW.amount <= 0 THEN
    RETURN NULL;
  END IF;
  SELECT kind INTO v_kind FROM ledger_transactions WHERE id = NEW.transaction_id;
  IF v_kind <> 'payout' THEN
    RETURN NULL;
  END IF;
  SELECT type INTO v_type FROM ledger_accounts WHERE id = NEW.account_id FOR UPDATE;
  IF v_type <> 'liability' THEN
    RETURN NULL;
  END IF;
  SELECT -coalesce(sum(amount), 0) INTO v_balance FROM ledger_entries WHERE account_id = NEW.account_id;
  IF v_balance < 0 THEN
    RAISE EXCEPTION 'a payout may not overdraw ledger account %: its balance would be %', NEW.account_id, v_balance
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_payouts_never_overdraw';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER ledger_payouts_never_overdraw
  AFTER INSERT ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_payouts_never_overdraw();
