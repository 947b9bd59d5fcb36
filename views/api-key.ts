// The API key object. Its secret is not part of it: the secret is shown once, in the answer
// to the create or roll that made it (api/routes/api-keys.ts).
import type { ApiKeyRow } from '../db/queries/api-keys';
import { SCOPES } from '../domain/scopes';

const unixSeconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

export function apiKeyView(row: ApiKeyRow) {
  return {
    id: row.id,
    object: 'api_key' as const,
    name: row.name,
    prefix: row.prefix,
    restricted: row.scopes !== null,
    scopes: row.scopes ?? [...SCOPES],
    created: unixSeconds(row.createdAt)!,
    last_used: row.lastUsedEpoch,
    expires_at: unixSeconds(row.expiresAt),
    replaced_by: row.replacedBy,
    revoked: row.revokedAt !== null,
    revoked_at: unixSeconds(row.revokedAt),
  };
}
