-- What became of each PSP event: signalled (processed), a type holdfast does not act on
-- (ignored), refused because it does not match what it names (rejected), or signed but not
-- readable (unprocessable). Events recorded before this were all processed.
ALTER TABLE "psp_events" ADD COLUMN "status" text DEFAULT 'processed' NOT NULL;--> statement-breakpoint
ALTER TABLE "psp_events" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "psp_events" ADD CONSTRAINT "psp_events_status_check" CHECK ("psp_events"."status" in ('processed', 'ignored', 'rejected', 'unprocessable'));
