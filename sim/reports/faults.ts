// `report_fault` {kind, psp?}: the next settlement report served (of that PSP, or whichever
// is fetched next) comes out wrong in one line, the way PSP reports go wrong in practice:
// - missing: the oldest capture line is left out;
// - amount_off: that line's gross (and net) is 500 minor units too high, its fee unchanged;
// - duplicate: that line appears twice;
// - extra: a real captured payment holdfast never asked for appears (see extra-payments.ts).
// Faults wait in the order they were queued, and a report takes one: the oldest it can apply.
// A fault that needs a capture line waits while reports have none. Each applied fault is
// recorded (GET /_sim/report_faults) so a test knows which payment it touched.
import type { PspName } from '../../domain/psp';

export const REPORT_FAULT_KINDS = ['missing', 'extra', 'amount_off', 'duplicate'] as const;
export type ReportFaultKind = (typeof REPORT_FAULT_KINDS)[number];

export interface QueuedFault {
  kind: ReportFaultKind;
  /** Null: the next report of either PSP. */
  psp: PspName | null;
}

export interface AppliedFault {
  kind: ReportFaultKind;
  psp: PspName;
  /** The payment whose line was touched (for extra, the new payment): pi_… or Adyen's pspReference. */
  payment_reference: string;
  /** The touched line: Stripe's txn_… (for duplicate, the copy's), Adyen's modification reference. */
  line_id: string;
  applied_at: string;
}

export interface TouchedLine {
  paymentReference: string;
  lineId: string;
}

export class ReportFaults {
  private readonly queued: QueuedFault[] = [];
  private readonly applied: AppliedFault[] = [];
  private extraPayments = 0;

  queue(fault: QueuedFault): void {
    this.queued.push(fault);
  }

  /** The fault a report of `psp` would take: the oldest queued for it or for either. */
  nextFor(psp: PspName): QueuedFault | undefined {
    return this.queued.find((fault) => fault.psp === null || fault.psp === psp);
  }

  /** The fault is used up by the report it was applied to. */
  markApplied(fault: QueuedFault, psp: PspName, touched: TouchedLine): void {
    this.queued.splice(this.queued.indexOf(fault), 1);
    this.applied.push({
      kind: fault.kind,
      psp,
      payment_reference: touched.paymentReference,
      line_id: touched.lineId,
      applied_at: new Date().toISOString(),
    });
  }

  appliedFaults(): readonly AppliedFault[] {
    return this.applied;
  }

  /** `sim_extra_<n>`: what an extra payment carries where holdfast would put its payment id. */
  nextExtraReference(): string {
    this.extraPayments += 1;
    return `sim_extra_${this.extraPayments}`;
  }
}
