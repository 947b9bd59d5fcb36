// The Idempotency-Key header's shape, checked once for every request that sends one: 1 to
// 255 printable ASCII characters, no space at either end. It is stored, hashed into ids and
// compared byte for byte, so a control character or a stray byte has no place in it.
import type { Request } from 'express';
import { invalidRequest, type ApiError } from './errors';

/** For the OpenAPI document too: other tools read the same rule. */
export const IDEMPOTENCY_KEY_PATTERN = '^[!-~]([ -~]{0,253}[!-~])?$';
const SHAPE = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** Why the key cannot be used, or undefined when it can. */
export function idempotencyKeyProblem(key: string): ApiError | undefined {
  if (SHAPE.test(key)) return undefined;
  return invalidRequest(
    'idempotency_key_invalid',
    'The Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID is a good choice).',
    'Idempotency-Key',
  );
}

/** The request's key; 400 when it is missing or malformed. */
export function requireIdempotencyKey(req: Request): string {
  const key = req.get('idempotency-key');
  if (!key) throw invalidRequest('idempotency_key_missing', 'Send an Idempotency-Key header with every POST.', 'Idempotency-Key');
  const problem = idempotencyKeyProblem(key);
  if (problem) throw problem;
  return key;
}
