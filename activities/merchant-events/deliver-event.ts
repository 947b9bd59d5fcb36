// One delivery attempt: POST the event, signed, to the endpoint and record the answer. A
// non-2xx answer or a network error throws, and the delivery workflow's retry policy decides
// when to try again; every attempt is recorded on the delivery row, with an error the
// merchant may see (what failed, never where: no addresses, ports or system error text).
import { openEventRow } from '../../db/sealed/event-data';
import { openWebhookSecret } from '../../db/sealed/webhook-secrets';
import type { Keyring } from '../../keyring/keyring';
import { ApplicationFailure } from '@temporalio/common';
import { eventView } from '../../views/event';
import type { Database } from '../../db/client';
import { findDelivery, giveUpDelivery, recordDeliveryAttempt, type WebhookEndpointRow } from '../../db/queries/webhooks';
import type { EndpointAddressPolicy } from '../../config/endpoint-address';
import { EndpointUnreachable, postToEndpoint, type ResolveHost } from './post-to-endpoint';
import { SIGNATURE_HEADER, signatureHeader } from './signature';
import { DELIVERY_NOT_FOUND, ENDPOINT_URL_NOT_ALLOWED } from '../../domain/failures';

/** Long enough for a slow receiver, short enough that a hung one does not hold a worker slot. */
const DELIVERY_TIMEOUT_MS = 10_000;

export interface DeliveryDeps {
  db: Database;
  policy: EndpointAddressPolicy;
  resolve: ResolveHost;
  keyring: Keyring;
}

export type DeliveryOutcome = 'delivered' | 'not_pending' | 'endpoint_off';

export async function deliverEvent(
  { db, keyring, policy, resolve }: DeliveryDeps,
  { eventId, endpointId }: { eventId: string; endpointId: string },
): Promise<DeliveryOutcome> {
  const found = await findDelivery(db, eventId, endpointId);
  if (!found) throw ApplicationFailure.nonRetryable(`no delivery of ${eventId} to ${endpointId}`, DELIVERY_NOT_FOUND);
  // Already delivered or given up: this hand-off was a duplicate.
  if (found.delivery.status !== 'pending') return 'not_pending';
  const { endpoint } = found;
  // Deleted or disabled after the event was queued for it: the merchant wants nothing there.
  if (endpoint.deletedAt || !endpoint.enabled) {
    await giveUpDelivery(db, { eventId, endpointId, error: endpoint.deletedAt ? 'endpoint deleted' : 'endpoint disabled' });
    return 'endpoint_off';
  }

  const body = JSON.stringify(eventView(await openEventRow(keyring, found.event)));
  const now = new Date();
  const secrets = await Promise.all(signingSecrets(endpoint, now).map((secret) => openWebhookSecret(keyring, secret)));
  const signature = signatureHeader(secrets, body, Math.floor(now.getTime() / 1000));
  const attempt = { eventId, endpointId };
  let status: number;
  try {
    status = await postToEndpoint(
      {
        url: endpoint.url,
        headers: { 'content-type': 'application/json', 'user-agent': 'holdfast-webhooks/1', [SIGNATURE_HEADER]: signature },
        body,
        timeoutMs: DELIVERY_TIMEOUT_MS,
      },
      policy,
      resolve,
    );
  } catch (error) {
    if (!(error instanceof EndpointUnreachable)) throw error;
    await recordDeliveryAttempt(db, { ...attempt, statusCode: null, error: error.reason, succeeded: false });
    const message = `POST to webhook endpoint ${endpointId} failed: ${error.reason}`;
    // E.g. an endpoint registered before the address policy, on an address it refuses.
    if (error.permanent) throw ApplicationFailure.nonRetryable(message, ENDPOINT_URL_NOT_ALLOWED);
    throw new Error(message, { cause: error.cause });
  }
  // A redirect is an answer, not a new address to send the merchant's data to.
  const succeeded = status >= 200 && status < 300;
  await recordDeliveryAttempt(db, { ...attempt, statusCode: status, error: succeeded ? null : `HTTP ${status}`, succeeded });
  if (!succeeded) throw new Error(`POST to webhook endpoint ${endpointId} answered HTTP ${status}`);
  return 'delivered';
}

/** The current secret, and the one it replaced while that is still within its overlap window. */
function signingSecrets(endpoint: WebhookEndpointRow, now: Date): string[] {
  const previousValid = endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return previousValid ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}
