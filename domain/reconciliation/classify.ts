// The reconciliation's decision, pure so the workflow runs it and tests pin every rule: a PSP's
// settlement report for one date against the captures and refunds the ledger booked, and the
// payments the report names. Lines are paired with records by reference; what does not pair,
// or pairs but disagrees, becomes a finding of category 1 (fixed automatically), 2 (a person
// decides) or 3 (not understood).
import type { PspName } from '../psp';
import { compareLine } from './compare';
import { splitDuplicates } from './duplicates';
import type { Finding } from './findings';
import type { KnownPayment, OurRecord, OurSide } from './records';
import { lineKey, recordKey } from './subjects';
import type { ReportLine } from './types';

export interface ClassifyInput extends OurSide {
  psp: PspName;
  lines: ReportLine[];
  /** Differences up to this many minor units are written off automatically. */
  tolerance: number;
}

export interface Classification {
  findings: Finding[];
  /** Capture and refund lines that paired with a record of ours (or an auto-refunded charge) and agreed. */
  matched: number;
  /**
   * Subjects of records booked on another date that this report's lines paired with: a
   * `missing_at_psp` raised for them on their own date is explained.
   */
  explainedElsewhere: string[];
}

const UNDECIDED: ReadonlySet<string> = new Set(['processing', 'requires_action']);

export function classify(input: ClassifyInput): Classification {
  const { psp, tolerance } = input;
  const findings: Finding[] = [];
  const explainedElsewhere: string[] = [];
  let matched = 0;

  const ofTheDate = new Set(input.records.map((r) => r.ledgerTransactionId));
  // Records of the date first, so a line that could pair with either pairs with the date's.
  const pool = [...input.records, ...input.elsewhere];
  const paired = new Set<string>();
  const captures = new Map(pool.filter((r) => r.kind === 'capture').map((r) => [r.paymentId, r]));
  const refundsByReference = new Map(
    pool.filter((r) => r.kind === 'refund' && r.refundReference !== undefined).map((r) => [r.refundReference!, r]),
  );
  const paymentsByReference = new Map(
    input.payments.filter((p) => p.psp === psp && p.pspReference !== undefined).map((p) => [p.pspReference!, p]),
  );
  const paymentsById = new Map(input.payments.map((p) => [p.paymentId, p]));
  const autoRefunded = new Set(input.autoRefunded);

  const pair = (line: ReportLine, record: OurRecord) => {
    paired.add(record.ledgerTransactionId);
    if (!ofTheDate.has(record.ledgerTransactionId)) explainedElsewhere.push(recordKey(record));
    const differences = compareLine(line, record, tolerance);
    if (differences.length === 0) matched++;
    findings.push(...differences);
  };

  const { firsts, duplicates } = splitDuplicates(input.lines);
  findings.push(...duplicates);

  for (const line of firsts.filter((l) => l.kind === 'capture')) {
    const subject = lineKey(line);
    const byReference = paymentsByReference.get(line.paymentReference);
    const payment = byReference ?? (line.merchantReference === undefined ? undefined : paymentsById.get(line.merchantReference));
    if (!payment) {
      // Already refunded by an earlier run: the suspense postings account for it.
      if (autoRefunded.has(line.paymentReference)) matched++;
      else findings.push({ category: 1, kind: 'unmatched_charge', subject, line });
      continue;
    }
    // Found by our id only: the PSP's reference must be the payment's, or it is another charge.
    if (!byReference && (payment.psp !== psp || (payment.pspReference !== undefined && payment.pspReference !== line.paymentReference))) {
      findings.push({ category: 3, kind: 'unclassified', subject, reason: 'reference_mismatch', line, payment });
      continue;
    }
    const capture = captures.get(payment.paymentId);
    if (capture) pair(line, capture);
    else findings.push(uncapturedPaymentFinding(line, payment));
  }

  // Refunds pair by their own reference first; only lines left over fall back to a refund of
  // the same payment and amount, so a fallback never takes a record another line names.
  const refundLines = firsts.filter((l) => l.kind === 'refund');
  const leftOver: ReportLine[] = [];
  for (const line of refundLines) {
    const record = line.modificationReference === undefined ? undefined : refundsByReference.get(line.modificationReference);
    if (record && !paired.has(record.ledgerTransactionId)) pair(line, record);
    else leftOver.push(line);
  }
  for (const line of leftOver) {
    const record = pool.find(
      (r) =>
        r.kind === 'refund' &&
        !paired.has(r.ledgerTransactionId) &&
        r.paymentReference === line.paymentReference &&
        r.amount === line.amount &&
        r.currency === line.currency &&
        // Both references known and different: two different refunds.
        (r.refundReference === undefined || line.modificationReference === undefined),
    );
    if (record) pair(line, record);
    // The refund of a charge reconciliation itself refunded.
    else if (autoRefunded.has(line.paymentReference)) matched++;
    else findings.push({ category: 3, kind: 'unclassified', subject: lineKey(line), reason: 'unknown_refund', line });
  }

  for (const record of input.records) {
    if (paired.has(record.ledgerTransactionId)) continue;
    // Absent at the PSP: a capture it never paid lowers what it owes, a refund it never made raises it.
    const amount = record.kind === 'capture' ? -record.amount : record.amount;
    findings.push({
      category: 2,
      kind: 'missing_at_psp',
      subject: recordKey(record),
      difference: { amount, currency: record.currency, of: 'amount' },
      record,
    });
  }

  return { findings, matched, explainedElsewhere };
}

/** A capture line for a payment of ours whose capture the ledger never booked. */
function uncapturedPaymentFinding(line: ReportLine, payment: KnownPayment): Finding {
  const subject = lineKey(line);
  if (!UNDECIDED.has(payment.status)) {
    return { category: 3, kind: 'unclassified', subject, reason: 'no_capture_booked', line, payment };
  }
  // The PSP settled what its answer (or webhook) never told the workflow: tell it now, unless
  // the settlement cannot be this payment's authorization.
  if (line.currency !== payment.currency || line.amount > payment.amount) {
    return { category: 3, kind: 'unclassified', subject, reason: 'settlement_exceeds_payment', line, payment };
  }
  return { category: 1, kind: 'settled_while_processing', subject, line, payment };
}
