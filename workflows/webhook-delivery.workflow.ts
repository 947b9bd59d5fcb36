// Delivers one payment's events to one merchant endpoint, strictly in the order they were
// queued: the next event waits until the one before it is delivered or given up on. Each
// delivery retries with exponential backoff for up to 3 days; then it is recorded as failed
// and the queue moves on. The workflow ends when its queue is empty; signal-with-start begins
// a new run for the next event.
import {
  ActivityFailure,
  type ActivityOptions,
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createMerchantEventActivities } from '../activities/merchant-events/activities';
import { deliveryQueueQuery, eventQueuedSignal, type WebhookDeliveryInput } from '../contracts/webhook-delivery.contract';
import { DELIVERY_NOT_FOUND } from '../domain/failures';

/**
 * One POST to the merchant: 1 s, 2 s, 4 s … then hourly, until 3 days after the first try.
 * The HTTP timeout inside the activity (10 s) is well below startToClose.
 */
const endpointCall = {
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '3 days',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '1 hour',
    nonRetryableErrorTypes: [DELIVERY_NOT_FOUND],
  },
} satisfies ActivityOptions;

/** Recording a give-up is an idempotent database write: retried without limit. */
const deliveryRecord = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies ActivityOptions;

const { deliverEvent } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(endpointCall);
const { markDeliveryFailed } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(deliveryRecord);

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<void> {
  const { endpointId } = input;
  const queue = [...(input.queued ?? [])];

  // Handlers first, before any await, so an event signalled with the start is not lost.
  setHandler(eventQueuedSignal, ({ eventId }) => {
    // A retried publish or a redelivery may queue an event that is already waiting.
    if (!queue.includes(eventId)) queue.push(eventId);
  });
  setHandler(deliveryQueueQuery, () => [...queue]);

  for (;;) {
    while (queue.length > 0) {
      if (workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof webhookDeliveryWorkflow>({ ...input, queued: queue });
      }
      const eventId = queue[0]!;
      try {
        await deliverEvent({ eventId, endpointId });
      } catch (error) {
        // Cancelling the workflow stops it; only the endpoint's failure moves the queue on.
        if (!(error instanceof ActivityFailure) || isCancellation(error)) throw error;
        log.warn('webhook delivery given up', { eventId, endpointId, error });
        // The delivery row keeps the endpoint's last answer; only its status changes.
        await markDeliveryFailed({ eventId, endpointId });
      }
      queue.shift();
    }
    // An event signalled while the last delivery finished is in the queue by now; returning
    // with it there would drop it. The server refuses to complete a run that has unseen
    // signals, so one arriving after this check comes back here as a new workflow task.
    await condition(allHandlersFinished);
    if (queue.length === 0) return;
  }
}
