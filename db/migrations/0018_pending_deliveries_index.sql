-- The webhook backlog gauges (telemetry/worker-metrics.ts) and the retention purge ask for
-- deliveries still pending; a busy platform has millions of finished ones, and only the
-- pending few need to be found.
CREATE INDEX event_deliveries_pending_idx ON event_deliveries (event_id) WHERE status = 'pending';
