// A payment's personal data at rest: description, metadata values and the customer are
// sealed with one data key per write (recorded in data_key_id), and the customer's email and
// each metadata pair are also kept as blind indexes, so lists can filter on them without
// the database ever seeing them. Metadata keys stay in clear: they name fields, not people.
import type { Keyring } from '../../keyring/keyring';
import { openJson, openText, sealJson, sealText } from '../../keyring/sealed-text';

export interface PaymentPersonalData {
  description?: string;
  metadata: Record<string, string>;
  customer?: { email?: string; name?: string };
}

export interface SealedPaymentColumns {
  description: string | null;
  metadata: Record<string, string>;
  customer: string | null;
  data_key_id: string;
  customer_email_index: string | null;
  metadata_index: string[];
}

export function sealPaymentFields(keyring: Keyring, data: PaymentPersonalData & { merchantId: string }): SealedPaymentColumns {
  const keyId = keyring.currentKeyId;
  return {
    description: data.description === undefined ? null : sealText(keyring, data.description, 'payments.description', keyId),
    metadata: Object.fromEntries(
      Object.entries(data.metadata).map(([key, value]) => [key, sealText(keyring, value, 'payments.metadata', keyId)]),
    ),
    customer: data.customer === undefined ? null : sealJson(keyring, data.customer, 'payments.customer', keyId),
    data_key_id: keyId,
    customer_email_index: data.customer?.email === undefined ? null : customerEmailIndex(keyring, data.merchantId, data.customer.email),
    metadata_index: Object.entries(data.metadata).map(([key, value]) => metadataIndex(keyring, data.merchantId, key, value)),
  };
}

export async function openPaymentFields(
  keyring: Keyring,
  row: { description: string | null; metadata: Record<string, string>; customer: unknown; dataKeyId: string | null },
): Promise<PaymentPersonalData> {
  // A row that names its key was written sealed: a value in clear there is refused.
  const sealedWith = row.dataKeyId;
  const metadata = Object.fromEntries(
    await Promise.all(
      Object.entries(row.metadata).map(
        async ([key, value]) => [key, await openText(keyring, value, 'payments.metadata', sealedWith)] as const,
      ),
    ),
  );
  return {
    description: row.description === null ? undefined : await openText(keyring, row.description, 'payments.description', sealedWith),
    metadata,
    customer:
      row.customer === null
        ? undefined
        : await openJson<PaymentPersonalData['customer']>(keyring, row.customer, 'payments.customer', sealedWith),
  };
}

// Each index is the merchant's own: the same shopper at two merchants gets two unrelated
// hashes, so a dump cannot link customers across merchants.

/** Emails compare case-insensitively, as mail systems treat them in practice. */
export function customerEmailIndex(keyring: Keyring, merchantId: string, email: string): string {
  return keyring.blindIndex(`${merchantId}\u0000${email.trim().toLowerCase()}`, 'payments.customer.email');
}

export function metadataIndex(keyring: Keyring, merchantId: string, key: string, value: string): string {
  return keyring.blindIndex(`${merchantId}\u0000${key}\u0000${value}`, 'payments.metadata');
}
