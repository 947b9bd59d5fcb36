-- Hand-written: the events table becomes the outbox of merchant webhooks. A writer only
-- inserts the event, with whatever SQL it likes (the payment's transition write does it in the
-- statement that posts to the ledger); a relay in every worker hands each unrelayed event to
-- its delivery workflows and then marks it relayed (workers/event-relay.ts).
--
-- `seq` orders one payment's events for the relay: created_at is the transaction's start time
-- and ties between events written together. A payment's writes are serial (its workflow awaits
-- each), so seq order is also the order they committed in.
ALTER TABLE events ADD COLUMN seq bigserial NOT NULL;
--> statement-breakpoint
ALTER TABLE events ADD COLUMN relayed_at timestamp with time zone;
--> statement-breakpoint
-- Every event stored so far was handed off by the code that wrote it.
UPDATE events SET relayed_at = created_at;
--> statement-breakpoint
-- Only the unrelayed rows are indexed, so finding them stays cheap as the table grows: the
-- relay's scan in seq order, and its check for an earlier unrelayed event of the same payment.
CREATE INDEX events_unrelayed_idx ON events (seq) WHERE relayed_at IS NULL;
--> statement-breakpoint
CREATE INDEX events_unrelayed_payment_idx ON events (payment_id, seq) WHERE relayed_at IS NULL;
--> statement-breakpoint
-- Wakes the listening relays when an insert commits (NOTIFY is delivered at commit, and not at
-- all on rollback). Identical notifications in one transaction collapse into one, so a
-- transition that writes several events wakes the relays once. A notification lost with a
-- dropped connection costs nothing but time: the relays also poll.
--
-- NOTIFY has a price: notifying commits take one cluster-wide lock in turn, WAL flush included
-- (README, "Known limits"). Where that costs more than a poll's delay, the operator turns it off
-- without a migration (ALTER DATABASE … SET holdfast.notify_event_relay = off) and lowers
-- WEBHOOK_RELAY_POLL_MS; turned off, an insert costs no more than it did before the outbox.
CREATE FUNCTION events_notify_relay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('holdfast_events', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_notify_relay AFTER INSERT ON events FOR EACH ROW
  WHEN (coalesce(current_setting('holdfast.notify_event_relay', true), '') <> 'off')
  EXECUTE FUNCTION events_notify_relay();
