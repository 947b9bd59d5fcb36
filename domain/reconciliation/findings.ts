// What the classifier concludes about a report against our side. Category 1 is fixed
// automatically (audit log); categories 2 and 3 become rows on the exceptions list, one per
// kind and subject, so a rerun that finds the same thing finds the same row.
import type { KnownPayment, OurRecord } from './records';
import type { ReportLine } from './types';

/**
 * The PSP's figure minus ours, as it moves the PSP receivable (`amount`: a refund the PSP
 * made larger than ours is negative) or the fee the PSP kept (`fee`). Exactly what
 * differenceFix takes, so a person's adjustment books it as it is.
 */
export interface Difference {
  amount: number;
  currency: string;
  of: 'amount' | 'fee';
}

/** Category 1: understood and fixed without a person. */
export type AutoFix =
  | {
      category: 1;
      /** Within tolerance: written off to the platform's P&L. */
      kind: 'small_difference';
      /** The line's reference and what differs (`pi_123:fee`): a line can differ in both. */
      subject: string;
      difference: Difference;
      line: ReportLine;
      record: OurRecord;
    }
  | {
      category: 1;
      /** The PSP settled a payment we still wait on: its workflow is told it was authorized. */
      kind: 'settled_while_processing';
      subject: string;
      line: ReportLine;
      payment: KnownPayment;
    }
  | {
      category: 1;
      /** A settled charge no payment of ours explains: it is refunded at the PSP. */
      kind: 'unmatched_charge';
      subject: string;
      line: ReportLine;
    };

/** Categories 2 (understood, a person decides) and 3 (not understood). */
export type ExceptionFinding =
  | {
      category: 2;
      /** More than the tolerance apart. */
      kind: 'amount_mismatch' | 'fee_mismatch';
      subject: string;
      difference: Difference;
      line: ReportLine;
      record: OurRecord;
    }
  | {
      category: 2;
      /** Booked by us on the date, absent from the PSP's report. */
      kind: 'missing_at_psp';
      subject: string;
      difference: Difference;
      record: OurRecord;
    }
  | {
      category: 3;
      /** The PSP reported the same capture or refund more than once. */
      kind: 'duplicate_line';
      subject: string;
      difference: Difference;
      /** The lines after the first, which is matched as usual. */
      lines: ReportLine[];
    }
  | {
      category: 3;
      kind: 'unclassified';
      subject: string;
      reason: UnclassifiedReason;
      line: ReportLine;
      record?: OurRecord;
      payment?: KnownPayment;
    };

export type UnclassifiedReason =
  /** The line and our record agree on the reference but not on the currency. */
  | 'currency_mismatch'
  /** The payment is ours and decided (failed, canceled, authorized …), but the ledger has no capture of it. */
  | 'no_capture_booked'
  /** The line names our payment id, but the payment is at another PSP or has another reference there. */
  | 'reference_mismatch'
  /** The PSP settled an undecided payment for more than it asked for, or in another currency. */
  | 'settlement_exceeds_payment'
  /** A refund no refund of ours explains. */
  | 'unknown_refund';

export type Finding = AutoFix | ExceptionFinding;

export type FindingKind = Finding['kind'];

/**
 * Every kind a reconciliation run may put on the exceptions list: categories 2 and 3, and
 * the category-1 kinds, which land there when their automatic fix failed. A run clears the
 * open exceptions of these kinds it no longer finds, and no others.
 */
export const RECONCILIATION_EXCEPTION_KINDS: readonly FindingKind[] = [
  'amount_mismatch',
  'fee_mismatch',
  'missing_at_psp',
  'duplicate_line',
  'unclassified',
  'small_difference',
  'settled_while_processing',
  'unmatched_charge',
];

export function isAutoFix(finding: Finding): finding is AutoFix {
  return finding.category === 1;
}
