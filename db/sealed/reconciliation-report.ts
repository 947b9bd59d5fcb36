// A PSP's settlement report as served, kept with its reconciliation run for audit: sealed at
// rest, because Stripe's balance transactions (and the charges expanded in them) repeat each
// payment's description, which the payments table itself keeps sealed.
import type { Keyring } from '../../keyring/keyring';
import { sealText } from '../../keyring/sealed-text';

export const RAW_REPORT_CONTEXT = 'reconciliation_runs.raw_report';

export function sealRawReport(keyring: Keyring, raw: string): string {
  return sealText(keyring, raw, RAW_REPORT_CONTEXT);
}
