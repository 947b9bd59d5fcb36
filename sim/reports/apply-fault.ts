// Builds one PSP's settlement report from its state and applies the fault queued for it, if
// any (faults.ts). Each report format says, through ReportSource, what its lines are and how
// one is corrupted; the choice of line and the bookkeeping are the same for both PSPs.
import type { PspName } from '../../domain/psp';
import type { ReportFaults, TouchedLine } from './faults';

/** What `amount_off` adds to a line's gross, in minor units. */
export const AMOUNT_OFF = 500;

export interface ReportSource<Line> {
  psp: PspName;
  /** The report's lines from the PSP's state as it is now, oldest booking first. */
  build(): Line[];
  isCapture(line: Line): boolean;
  touched(line: Line): TouchedLine;
  /** The line with `by` more gross and net; the fee stays. */
  withGrossRaised(line: Line, by: number): Line;
  /** The line as it appears a second time. */
  repeated(line: Line): Line;
  /**
   * Captures a real payment at the PSP that holdfast never asked for, booked within the
   * report, in the currency of `oldest` (the report's oldest line, if any); returns its
   * payment reference.
   */
  createExtraPayment(oldest: Line | undefined, merchantReference: string): string;
}

export function reportWithQueuedFault<Line>(faults: ReportFaults, source: ReportSource<Line>): Line[] {
  const lines = source.build();
  const fault = faults.nextFor(source.psp);
  if (!fault) return lines;

  if (fault.kind === 'extra') {
    const paymentReference = source.createExtraPayment(lines[0], faults.nextExtraReference());
    const withExtra = source.build();
    const extra = withExtra.find((line) => source.isCapture(line) && source.touched(line).paymentReference === paymentReference);
    if (!extra) throw new Error(`the extra payment ${paymentReference} is not in the report it was made for`);
    faults.markApplied(fault, source.psp, source.touched(extra));
    return withExtra;
  }

  const index = lines.findIndex((line) => source.isCapture(line));
  // Nothing to corrupt: the fault waits for a report with a capture in it.
  if (index === -1) return lines;
  const oldest = lines[index]!;
  const before = lines.slice(0, index);
  const after = lines.slice(index + 1);
  switch (fault.kind) {
    case 'missing':
      faults.markApplied(fault, source.psp, source.touched(oldest));
      return [...before, ...after];
    case 'amount_off':
      faults.markApplied(fault, source.psp, source.touched(oldest));
      return [...before, source.withGrossRaised(oldest, AMOUNT_OFF), ...after];
    case 'duplicate': {
      const copy = source.repeated(oldest);
      faults.markApplied(fault, source.psp, source.touched(copy));
      return [...before, oldest, copy, ...after];
    }
  }
}
