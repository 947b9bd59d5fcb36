// Events to merchants as activities: publish an event (record it in the outbox; the payment,
// dispute and payout workflows call this after a transition), deliver one to an endpoint, and
// record a delivery given up on (both called by the webhook delivery workflow).
import type { Database } from '../../db/client';
import type { Keyring } from '../../keyring/keyring';
import { markDeliveryFailed } from '../../db/queries/webhooks';
import { deliverEvent } from './deliver-event';
import type { EndpointAddressPolicy } from '../../config/endpoint-address';
import { resolveWithSystem, type ResolveHost } from './post-to-endpoint';
import { publishObjectEvent, publishPaymentEvent, type PublishObjectEvent, type PublishPaymentEvent } from './publish-event';

export function createMerchantEventActivities(deps: {
  db: Database;
  keyring: Keyring;
  /** Where deliveries may connect (config.webhooks). */
  policy: EndpointAddressPolicy;
  /** Defaults to the system resolver; tests pass one that knows their made-up host names. */
  resolve?: ResolveHost;
}) {
  const { db } = deps;
  const delivery = { db, keyring: deps.keyring, policy: deps.policy, resolve: deps.resolve ?? resolveWithSystem };
  return {
    publishPaymentEvent: (input: PublishPaymentEvent) => publishPaymentEvent(deps, input),
    publishObjectEvent: (input: PublishObjectEvent) => publishObjectEvent(deps, input),
    deliverEvent: (input: { eventId: string; endpointId: string }) => deliverEvent(delivery, input),
    markDeliveryFailed: ({ eventId, endpointId }: { eventId: string; endpointId: string }) => markDeliveryFailed(db, eventId, endpointId),
  };
}
