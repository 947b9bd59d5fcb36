// The worker's business metrics, for Prometheus (prom-client). Two kinds:
// - what this worker sees happen: PSP calls (latency, outcome) and authorizations by outcome;
// - what the database says now, computed on each scrape: circuit breakers, unknown outcomes,
//   the webhook backlog, open exceptions, settlement progress. Every worker reports the same
//   numbers for these, so dashboards and alerts take `max` over instances, never `sum`.
// The Temporal SDK's own metrics (task latencies, slots, sticky cache) come from the Temporal
// runtime's Prometheus exporter instead (cli/temporal-runtime.ts).
import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/client';

export interface WorkerMetrics {
  registry: Registry;
  /** One PSP call: its operation (authorize, capture, …), how it ended and how long it took. */
  observePspCall(psp: string, operation: string, outcome: 'ok' | 'error', seconds: number): void;
  /** An authorization's business outcome (authorized, declined, requires_action) or `error`. */
  countAuthorization(psp: string, outcome: string): void;
}

type Row = Record<string, unknown>;

export function createWorkerMetrics({
  db,
  onCollectError,
  processMetrics,
}: {
  db: Database;
  onCollectError: (metric: string, error: unknown) => void;
  /** Node's own (memory, event-loop lag, GC): they sample all the time, so only where a scraper reads them. */
  processMetrics: boolean;
}): WorkerMetrics {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry, prefix: 'holdfast_worker_' });
  const registers = [registry];

  const pspCalls = new Histogram({
    name: 'holdfast_psp_request_duration_seconds',
    help: 'PSP API calls by PSP, operation and outcome (error = threw: not reached, refused, timed out or 5xx).',
    labelNames: ['psp', 'operation', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers,
  });
  const authorizations = new Counter({
    name: 'holdfast_psp_authorizations_total',
    help: 'Authorization calls by PSP and outcome (authorized, declined, requires_action, error).',
    labelNames: ['psp', 'outcome'] as const,
    registers,
  });

  /**
   * A gauge read from the database on scrape. A failed query leaves the gauge empty for that
   * scrape (no stale number) and is reported; the rest of the scrape still answers.
   */
  function sqlGauge<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    query: ReturnType<typeof sql>,
    value = 'value',
  ) {
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        this.reset();
        try {
          const { rows } = await db.execute<Row>(query);
          for (const row of rows) {
            const labels = Object.fromEntries(labelNames.map((label) => [label, String(row[label])])) as Record<L, string>;
            this.set(labels, Number(row[value]));
          }
        } catch (error) {
          onCollectError(name, error);
        }
      },
    });
  }

  sqlGauge(
    'holdfast_psp_circuit_open',
    "1 while a PSP's circuit breaker is open (new payments go elsewhere), else 0.",
    ['psp'],
    sql`select psp, (open_until is not null and open_until > now())::int as value from psp_circuits`,
  );
  sqlGauge(
    'holdfast_psp_consecutive_failures',
    'Consecutive connection errors or 5xx answers from a PSP (the breaker opens at CIRCUIT_FAILURE_THRESHOLD).',
    ['psp'],
    sql`select psp, consecutive_failures as value from psp_circuits`,
  );
  sqlGauge(
    'holdfast_payments_outcome_unknown',
    'Payments whose PSP outcome is unknown now (processing, being resolved by lookup or webhook).',
    ['psp'],
    sql`select psp, count(*) as value from payments where status = 'processing' and status_reason = 'psp_outcome_unknown' group by psp`,
  );
  sqlGauge(
    'holdfast_webhook_events_unrelayed',
    'Merchant events stored but not yet handed to their delivery workflows (the outbox backlog).',
    [],
    sql`select count(*) as value from events where relayed_at is null`,
  );
  sqlGauge(
    'holdfast_webhook_deliveries_pending',
    'Webhook deliveries to merchant endpoints not yet succeeded or given up.',
    [],
    sql`select count(*) as value from event_deliveries where status = 'pending'`,
  );
  sqlGauge(
    'holdfast_webhook_delivery_oldest_pending_age_seconds',
    'Age of the oldest event still waiting for a delivery or for the relay (0 when none waits).',
    [],
    // Driven from the waiting rows (the unrelayed events' partial index, the pending deliveries),
    // never from every event ever stored; least() skips a side with none.
    sql`select coalesce(extract(epoch from now() - least(
          (select min(created_at) from events where relayed_at is null),
          (select min(e.created_at) from event_deliveries d join events e on e.id = d.event_id where d.status = 'pending')
        )), 0) as value`,
  );
  sqlGauge(
    'holdfast_exceptions_open',
    'Open exceptions (things a person must look at) by kind.',
    ['kind'],
    sql`select kind, count(*) as value from exceptions where status = 'open' group by kind`,
  );
  sqlGauge(
    'holdfast_exceptions_raised_last_hour',
    'Exceptions raised in the last hour by kind, resolved since or not.',
    ['kind'],
    sql`select kind, count(*) as value from exceptions where created_at > now() - interval '1 hour' group by kind`,
  );
  sqlGauge(
    'holdfast_settlement_items',
    "Items of each PSP's latest settled business date by status (pending, submitted, accepted, retry, rejected).",
    ['psp', 'business_date', 'status'],
    sql`select s.psp, s.business_date, i.status, count(*) as value
        from settlement_items i join settlements s on s.id = i.settlement_id
        where s.business_date = (select max(business_date) from settlements latest where latest.psp = s.psp)
        group by s.psp, s.business_date, i.status`,
  );
  sqlGauge(
    'holdfast_settlement_batches',
    "Batches of each PSP's latest settled business date by status (rejected = the acquirer refused the whole batch).",
    ['psp', 'business_date', 'status'],
    sql`select s.psp, s.business_date, b.status, count(*) as value
        from settlement_batches b join settlements s on s.id = b.settlement_id
        where s.business_date = (select max(business_date) from settlements latest where latest.psp = s.psp)
        group by s.psp, s.business_date, b.status`,
  );

  return {
    registry,
    observePspCall: (psp, operation, outcome, seconds) => pspCalls.observe({ psp, operation, outcome }, seconds),
    countAuthorization: (psp, outcome) => authorizations.inc({ psp, outcome }),
  };
}
