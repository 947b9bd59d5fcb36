// One report line against the record of ours it was paired with: currency, amount, and for a
// settled capture the fee. A difference within the tolerance is written off (category 1);
// beyond it a person decides (category 2).
import type { Difference, Finding } from './findings';
import type { OurRecord } from './records';
import { lineKey } from './subjects';
import type { ReportLine } from './types';

/** Findings for one paired line and record; none when they agree. */
export function compareLine(line: ReportLine, record: OurRecord, tolerance: number): Finding[] {
  const subject = lineKey(line);
  if (line.currency !== record.currency) {
    return [{ category: 3, kind: 'unclassified', subject, reason: 'currency_mismatch', line, record }];
  }
  const findings: Finding[] = [];
  // A capture adds to the receivable and a refund takes from it: the difference is the PSP's
  // effect on the receivable minus ours, which is what differenceFix books.
  const sign = record.kind === 'capture' ? 1 : -1;
  const amount = difference(sign * (line.amount - record.amount), line.currency, 'amount');
  if (amount) findings.push(judged(amount, 'amount_mismatch', line, record, subject, tolerance));

  // Only an item the acquirer accepted has a fee of ours to compare with.
  const settled = record.settlement;
  if (record.kind === 'capture' && settled?.status === 'accepted' && settled.fee !== null) {
    const fee = difference(line.fee - settled.fee, line.currency, 'fee');
    if (fee) findings.push(judged(fee, 'fee_mismatch', line, record, subject, tolerance));
  }
  return findings;
}

function difference(amount: number, currency: string, of: Difference['of']): Difference | undefined {
  return amount === 0 ? undefined : { amount, currency, of };
}

function judged(
  difference: Difference,
  mismatch: 'amount_mismatch' | 'fee_mismatch',
  line: ReportLine,
  record: OurRecord,
  subject: string,
  tolerance: number,
): Finding {
  if (Math.abs(difference.amount) > tolerance) return { category: 2, kind: mismatch, subject, difference, line, record };
  return { category: 1, kind: 'small_difference', subject: `${subject}:${difference.of}`, difference, line, record };
}
