// The answer kept under an Idempotency-Key is the object the request created or changed (a
// payment with its customer, a webhook endpoint with its secret): sealed like the object.
import type { Keyring } from '../../keyring/keyring';
import { openJson, sealJson } from '../../keyring/sealed-text';

const CONTEXT = 'idempotency_keys.response_body';

export function sealAnswerBody(keyring: Keyring, body: unknown): { responseBody: string; dataKeyId: string } {
  const dataKeyId = keyring.currentKeyId;
  return { responseBody: sealJson(keyring, body, CONTEXT, dataKeyId), dataKeyId };
}

export function openAnswerBody(keyring: Keyring, stored: unknown): Promise<unknown> {
  return openJson(keyring, stored, CONTEXT);
}
