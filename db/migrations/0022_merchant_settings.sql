-- Hand-written: the merchant's own settings (GET/POST /v1/settings) and the refunds list.
--
-- statement_descriptor: what the shopper's bank statement shows, sent to the PSP with every
-- new payment (Stripe statement_descriptor_suffix, Adyen shopperStatement). The API checks
-- the characters (api/schemas/settings.ts); the table keeps the bounds so no other writer
-- can store what a PSP would refuse.
-- default_psps: the ordered PSPs for the merchant's payments no routing rule matches; null =
-- the platform's DEFAULT_PSPS.
-- The app role already reads and updates merchants (0009's grants on every table); nothing
-- here touches the ledger or its guarantees.
ALTER TABLE merchants
  ADD COLUMN statement_descriptor text,
  ADD COLUMN default_psps jsonb,
  ADD CONSTRAINT merchants_statement_descriptor_check
    CHECK (statement_descriptor IS NULL OR char_length(statement_descriptor) BETWEEN 5 AND 22),
  ADD CONSTRAINT merchants_default_psps_check
    CHECK (default_psps IS NULL OR (jsonb_typeof(default_psps) = 'array' AND jsonb_array_length(default_psps) > 0));
--> statement-breakpoint
-- GET /v1/refunds lists a merchant's refunds newest first, as payments are listed.
CREATE INDEX refunds_merchant_created_idx ON refunds (merchant_id, created_at, id);
