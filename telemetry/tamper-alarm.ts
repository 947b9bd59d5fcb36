// A sealed value whose GCM tag fails means stored data was altered (or sealed for another
// column): the read is refused, and each refusal is logged and counted here, so
// HoldfastCiphertextTampered (monitoring/prometheus/holdfast-alerts.yml) pages at the first.
import { Counter } from 'prom-client';

export interface TamperAlarm {
  /** Registered on the process's metrics registry (the API's /metrics, the worker's). */
  counter: Counter<'context'>;
  /** The keyring's onTampered. */
  raise(detail: { keyId: string; context: string }): void;
}

export function tamperAlarm(log: (detail: { keyId: string; context: string }) => void): TamperAlarm {
  const counter = new Counter({
    name: 'holdfast_ciphertext_tampered_total',
    help: 'Sealed values refused because their integrity check failed, by what they sealed (table.column, or a Temporal payload).',
    labelNames: ['context'] as const,
    registers: [],
  });
  return {
    counter,
    raise(detail) {
      counter.inc({ context: detail.context });
      log(detail);
    },
  };
}
