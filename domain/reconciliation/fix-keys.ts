// The keys that make each automatic fix happen once, however often a run is retried or
// repeated: derived from the PSP and the finding's subject only.
import type { PspName } from '../psp';
import type { AutoFix } from './findings';

/** The fix's audit-log idempotency key; for a written-off difference also its posting key. */
export function fixKey(psp: PspName, fix: AutoFix): string {
  return `reconciliation:${psp}:${fix.kind}:${fix.subject}`;
}

/** What the refund of an unmatched charge is sent as, so the PSP performs it once. */
export function unmatchedChargeRefund(psp: PspName, pspReference: string): { refundId: string; idempotencyKey: string } {
  return {
    // Our refund ids end up in PSP metadata and references; keep it to safe characters.
    refundId: `rfd_unmatched_${pspReference.replace(/[^A-Za-z0-9_-]/g, '_')}`,
    idempotencyKey: `reconciliation-${psp}-${pspReference}-refund`,
  };
}

/** The event id of the authorization a settled-while-processing fix signals; deduplicated by the payment. */
export function settledWhileProcessingEventId(lineId: string): string {
  return `reconciliation:${lineId}`;
}
