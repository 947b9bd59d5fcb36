// Events to merchants as activities: publish an event (the payment workflow calls this after
// a transition), deliver one to an endpoint, and record a delivery given up on (both called
// by the webhook delivery workflow).
import type { Client } from '@temporalio/client';
import type { Database } from '../../db/client';
import { markDeliveryFailed } from '../../db/queries/webhooks';
import { deliverEvent } from './deliver-event';
import type { EndpointAddressPolicy } from './endpoint-address';
import { resolveWithSystem, type ResolveHost } from './post-to-endpoint';
import { publishObjectEvent, publishPaymentEvent, type PublishObjectEvent, type PublishPaymentEvent } from './publish-event';

export function createMerchantEventActivities(deps: {
  db: Database;
  client: Client;
  taskQueue: string;
  /** Where deliveries may connect (config.webhooks). */
  policy: EndpointAddressPolicy;
  /** Defaults to the system resolver; tests pass one that knows their made-up host names. */
  resolve?: ResolveHost;
}) {
  const { db } = deps;
  const delivery = { db, policy: deps.policy, resolve: deps.resolve ?? resolveWithSystem };
  return {
    publishPaymentEvent: (input: PublishPaymentEvent) => publishPaymentEvent(deps, input),
    publishObjectEvent: (input: PublishObjectEvent) => publishObjectEvent(deps, input),
    deliverEvent: (input: { eventId: string; endpointId: string }) => deliverEvent(delivery, input),
    markDeliveryFailed: ({ eventId, endpointId }: { eventId: string; endpointId: string }) =>
      markDeliveryFailed(db, eventId, endpointId),
  };
}
