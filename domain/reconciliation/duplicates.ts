// A PSP reporting one capture or refund twice would pay (or take) it twice: the first line is
// matched as usual, the others are one category-3 finding per reference.
import type { ExceptionFinding } from './findings';
import { lineKey } from './subjects';
import type { ReportLine } from './types';

export function splitDuplicates(lines: ReportLine[]): { firsts: ReportLine[]; duplicates: ExceptionFinding[] } {
  const groups = new Map<string, ReportLine[]>();
  for (const line of lines) {
    if (line.kind === 'other') continue;
    // A capture and a refund may share a reference (Adyen's Psp Reference); they are not duplicates.
    const key = `${line.kind}/${lineKey(line)}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const firsts: ReportLine[] = [];
  const duplicates: ExceptionFinding[] = [];
  for (const [first, ...extras] of groups.values()) {
    firsts.push(first!);
    if (extras.length === 0) continue;
    // Each extra capture adds to what the PSP owes; each extra refund takes from it.
    const sign = first!.kind === 'capture' ? 1 : -1;
    const amount = extras.reduce((sum, line) => sum + sign * line.amount, 0);
    duplicates.push({
      category: 3,
      kind: 'duplicate_line',
      subject: lineKey(first!),
      difference: { amount, currency: first!.currency, of: 'amount' },
      lines: extras,
    });
  }
  return { firsts, duplicates };
}
