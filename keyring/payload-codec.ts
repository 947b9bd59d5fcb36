// Temporal payloads sealed with the keyring, so histories on the Temporal server hold
// ciphertext: workflow inputs and results, activity arguments and results, signals, updates,
// queries, memos, and failure messages (see temporal-data-converter.ts). The whole Payload —
// its metadata says how the value is serialized — is sealed, and the envelope says only that
// it is encrypted and under which data key, so a rotation finds what an old key still opens.
// A payload that is not ours (histories recorded before encryption, workflows started then)
// passes through decoding unchanged.
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Keyring } from './keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

/** Bound as AAD: a sealed payload opens only as a payload, never as a column's value. */
const CONTEXT = 'holdfast temporal payload';

const ProtoPayload = temporal.api.common.v1.Payload;

export class MalformedEncryptedPayload extends Error {
  override readonly name = 'MalformedEncryptedPayload';
}

/**
 * `keyring` may be a function: the CLI opens the keyring (a database connection) only when a
 * command first meets a payload, so `holdfast deploy status` needs no database.
 */
export function keyringPayloadCodec(keyring: Keyring | (() => Promise<Keyring>)): PayloadCodec {
  let opened: Promise<Keyring> | undefined;
  const ring = (): Promise<Keyring> => (opened ??= typeof keyring === 'function' ? keyring() : Promise.resolve(keyring));
  return {
    async encode(payloads) {
      if (payloads.length === 0) return payloads;
      const keys = await ring();
      return payloads.map((payload) => {
        const { keyId, sealed } = keys.seal(Buffer.from(ProtoPayload.encode(payload).finish()), CONTEXT);
        return {
          metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
          data: sealed,
        };
      });
    },
    async decode(payloads) {
      return Promise.all(payloads.map(async (payload) => (isEncrypted(payload) ? openPayload(await ring(), payload) : payload)));
    },
  };
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.encoding;
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString() === ENCRYPTED_ENCODING;
}

/** Throws TamperedCiphertext (a bad tag) or UnknownDataKey rather than returning garbage. */
async function openPayload(keyring: Keyring, payload: Payload): Promise<Payload> {
  const keyId = payload.metadata?.[KEY_ID_METADATA];
  if (!keyId || !payload.data) throw new MalformedEncryptedPayload(`an encrypted payload lacks its ${KEY_ID_METADATA} or its data`);
  const plain = await keyring.open(Buffer.from(keyId).toString(), Buffer.from(payload.data), CONTEXT);
  // Only what the tag vouched for is parsed: a payload that fails to parse was sealed broken.
  const decoded = ProtoPayload.decode(plain);
  return { metadata: decoded.metadata, data: decoded.data };
}
