// The webhook endpoint object. Its signing secret is not part of it: the secret is shown
// once, in the answer to the create (or the rotation that made it), as Stripe does.
import type { WebhookEndpointRow } from '../db/queries/webhooks';

export function webhookEndpointView(row: WebhookEndpointRow) {
  return {
    id: row.id,
    object: 'webhook_endpoint' as const,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    previous_secret_expires: row.previousSecretExpiresAt ? Math.floor(row.previousSecretExpiresAt.getTime() / 1000) : null,
    created: Math.floor(row.createdAt.getTime() / 1000),
  };
}
