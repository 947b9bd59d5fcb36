// The tables holding values sealed with a data key, by name only: workflow-safe, so the
// reseal workflow can walk them. What each holds, and how it is resealed: db/sealed/reseal-rows.ts.
export const SEALED_TABLE_NAMES = [
  'payments',
  'events',
  'idempotency_keys',
  'webhook_endpoints',
  'disputes',
  'reconciliation_runs',
] as const;

export type SealedTableName = (typeof SEALED_TABLE_NAMES)[number];
