// The webhook endpoint object. Its signing secret is not part of it: the secret is shown
// once, in the answer to the create, as Stripe does.
import type { WebhookEndpointRow } from '../../db/queries/webhooks';

export function webhookEndpointView(row: WebhookEndpointRow) {
  return {
    id: row.id,
    object: 'webhook_endpoint' as const,
    url: row.url,
    events: row.events,
    created: Math.floor(row.createdAt.getTime() / 1000),
  };
}
