-- Hand-written: API keys a merchant manages (issue 14 §2). A key gets a name, scopes (NULL:
-- unrestricted, every scope now and later), an expiry (set when a roll gives the old key an
-- overlap) and the key that replaced it. last_used_epoch (0000) is now written: unix seconds,
-- floored to the minute, so a key in steady use costs one write a minute, not one a request.
ALTER TABLE "api_keys" ADD COLUMN "name" text;
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "scopes" text[];
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "replaced_by" text REFERENCES "api_keys"("id");
--> statement-breakpoint
-- Finance keys have their role, not scopes; an empty list would be a key that can do nothing.
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_check"
  CHECK ("scopes" IS NULL OR ("role" = 'merchant' AND cardinality("scopes") > 0));
--> statement-breakpoint
-- A key is revoked, never deleted: its id stays the actor of what it did (the audit log names
-- it). The app role (0009) therefore loses DELETE and TRUNCATE on the table.
REVOKE DELETE, TRUNCATE ON "api_keys" FROM holdfast_app;
