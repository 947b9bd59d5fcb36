// One delivery attempt: POST the event, signed, to the endpoint and record the answer. A
// non-2xx answer or a network error throws, and the delivery workflow's retry policy decides
// when to try again; every attempt is recorded on the delivery row.
import { ApplicationFailure } from '@temporalio/common';
import { eventView } from '../../api/views/event';
import type { Database } from '../../db/client';
import { findDelivery, recordDeliveryAttempt } from '../../db/queries/webhooks';
import { DELIVERY_NOT_FOUND } from '../../workflows/webhook-delivery.contract';
import { SIGNATURE_HEADER, signatureHeader } from './signature';

/** Long enough for a slow receiver, short enough that a hung one does not hold a worker slot. */
const DELIVERY_TIMEOUT_MS = 10_000;

export type DeliveryOutcome = 'delivered' | 'not_pending';

export async function deliverEvent(
  db: Database,
  { eventId, endpointId }: { eventId: string; endpointId: string },
): Promise<DeliveryOutcome> {
  const found = await findDelivery(db, eventId, endpointId);
  if (!found) throw ApplicationFailure.nonRetryable(`no delivery of ${eventId} to ${endpointId}`, DELIVERY_NOT_FOUND);
  // Already delivered or given up: this hand-off was a duplicate.
  if (found.delivery.status !== 'pending') return 'not_pending';

  const body = JSON.stringify(eventView(found.event));
  const signature = signatureHeader(found.endpoint.secret, body, Math.floor(Date.now() / 1000));
  const attempt = { eventId, endpointId };
  let status: number;
  try {
    const response = await fetch(found.endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'holdfast-webhooks/1', [SIGNATURE_HEADER]: signature },
      body,
      // A redirect is an answer, not a new address to send the merchant's data to.
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    status = response.status;
    // Only the status counts; drop the body so the connection is freed.
    await response.body?.cancel();
  } catch (error) {
    const reason = describe(error);
    await recordDeliveryAttempt(db, { ...attempt, statusCode: null, error: reason, succeeded: false });
    throw new Error(`POST ${found.endpoint.url} failed: ${reason}`, { cause: error });
  }
  const succeeded = status >= 200 && status < 300;
  await recordDeliveryAttempt(db, { ...attempt, statusCode: status, error: succeeded ? null : `HTTP ${status}`, succeeded });
  if (!succeeded) throw new Error(`POST ${found.endpoint.url} answered HTTP ${status}`);
  return 'delivered';
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
