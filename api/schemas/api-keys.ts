// Requests and objects of API keys (api/routes/api-keys.ts).
import { z } from 'zod';
import { SCOPE_NAMES } from '../../domain/scopes';
import { requiredText } from './fields';
import { listQuery } from './marketplace';

/** A week at most: an overlap is for switching a deployment over, not a second permanent key. */
export const MAX_KEY_OVERLAP_SECONDS = 7 * 24 * 3600;

export const apiKeyId = /^key_[A-Za-z0-9]+$/;

export const createApiKeyBody = z.strictObject({
  name: requiredText(100).optional().describe('A label to tell keys apart ("checkout server").'),
  scopes: z
    .array(z.enum(SCOPE_NAMES))
    .min(1)
    .max(SCOPE_NAMES.length)
    .optional()
    .describe('What the key may do (a `:write` scope includes its `:read`; `read_only` is every read). Left out: an unrestricted key.'),
});

export const rollApiKeyBody = z.strictObject({
  expires_in_seconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_KEY_OVERLAP_SECONDS)
    .default(0)
    .describe('How long the old key keeps working beside the new one, at most a week; 0 (the default) stops it now.'),
});

export const revokeApiKeyBody = z.strictObject({});

export const listApiKeysQuery = listQuery(apiKeyId);

export const apiKeyObject = z.object({
  id: z.string().describe('key_…'),
  object: z.literal('api_key'),
  name: z.string().nullable(),
  prefix: z
    .string()
    .describe('The first 10 characters of the secret (sk_hf_… unrestricted, rk_hf_… restricted); the rest is never shown again.'),
  restricted: z.boolean(),
  scopes: z.array(z.string()).describe('What the key may do; an unrestricted key has every scope, and alone manages keys.'),
  created: z.number().int().describe('Unix seconds'),
  last_used: z.number().int().nullable().describe('Unix seconds, to the minute; null if never used'),
  expires_at: z.number().int().nullable().describe('Unix seconds: a rolled key stops working then; null if it was never rolled'),
  replaced_by: z.string().nullable().describe('The key a roll made in its place'),
  revoked: z.boolean(),
  revoked_at: z.number().int().nullable().describe('Unix seconds'),
});

export const createdApiKeyObject = apiKeyObject.extend({
  secret: z
    .string()
    .nullable()
    .describe('The secret, shown in this answer only. Null in a replay of the request (Idempotent-Replayed): it is never stored.'),
});
