// The evidence a merchant writes for a dispute tells the shopper's story: sealed at rest.
import type { Keyring } from '../../keyring/keyring';
import { openText, sealText } from '../../keyring/sealed-text';

const CONTEXT = 'disputes.evidence_text';

export function sealEvidence(keyring: Keyring, text: string | undefined): string | null {
  return text === undefined ? null : sealText(keyring, text, CONTEXT);
}

export async function openEvidence<Row extends { evidenceText: string | null }>(keyring: Keyring, row: Row): Promise<Row> {
  return row.evidenceText === null ? row : { ...row, evidenceText: await openText(keyring, row.evidenceText, CONTEXT) };
}
