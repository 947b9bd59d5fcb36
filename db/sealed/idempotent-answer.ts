// The answer kept under an Idempotency-Key is the object the request created or changed (a
// payment with its customer, a webhook endpoint with its secret): sealed like the object.
import type { Keyring } from '../../keyring/keyring';
import { openJson, sealJson } from '../../keyring/sealed-text';

const CONTEXT = 'idempotency_keys.response_body';

export function sealAnswerBody(keyring: Keyring, body: unknown): { responseBody: string; dataKeyId: string } {
  const dataKeyId = keyring.currentKeyId;
  return { responseBody: sealJson(keyring, body, CONTEXT, dataKeyId), dataKeyId };
}

/** `sealedWith`: the row's data_key_id; an answer in clear under one is refused. */
export function openAnswerBody(keyring: Keyring, stored: unknown, sealedWith: string | null): Promise<unknown> {
  return openJson(keyring, stored, CONTEXT, sealedWith);
}
