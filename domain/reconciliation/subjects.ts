// The subject of a finding: what the exceptions list knows it by. Derived from references
// alone, never from a run or a position in the report, so every rerun names the same thing
// the same way and finds the same exception row.
import type { OurRecord } from './records';
import type { ReportLine } from './types';

/**
 * How a line is told apart from the other lines: a capture by the payment's reference (one
 * capture per payment), a refund by its own reference, or, without one, by its line id.
 */
export function lineKey(line: ReportLine): string {
  if (line.kind === 'refund') return line.modificationReference ?? `${line.paymentReference}:${line.lineId}`;
  return line.paymentReference;
}

/** The reference a record of ours is known by at the PSP, or our id while the PSP gave none. */
export function recordKey(record: OurRecord): string {
  if (record.kind === 'refund') return record.refundReference ?? record.refundId ?? record.ledgerTransactionId;
  return record.paymentReference || record.paymentId;
}
