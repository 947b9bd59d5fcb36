// The event object, as GET /v1/events answers it and as webhooks carry it: the API object it
// reports (payment, refund, payout or dispute) at the time of the event, under `data.object`.
import type { EventDeliveryRow, EventRow } from '../db/queries/webhooks';

const unixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function eventView(row: EventRow) {
  return {
    id: row.id,
    object: 'event' as const,
    type: row.type,
    created: unixSeconds(row.createdAt),
    data: { object: row.data },
  };
}

export function deliveryView(row: EventDeliveryRow & { url: string }) {
  return {
    endpoint: row.endpointId,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    last_attempt: row.lastAttemptAt ? unixSeconds(row.lastAttemptAt) : null,
    delivered: row.deliveredAt ? unixSeconds(row.deliveredAt) : null,
  };
}
