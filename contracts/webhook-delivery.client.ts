// Hands events to their delivery workflows with signal-with-start: one atomic call joins the
// running workflow of that endpoint and payment or starts a new one, so a run that is just
// finishing cannot lose the event, and one payment's events queue up in the order handed off.
import type { Client } from '@temporalio/client';
import {
  eventQueuedSignal,
  type QueuedEvent,
  WEBHOOK_DELIVERY_WORKFLOW,
  type WebhookDeliveryWorkflow,
  webhookDeliveryWorkflowId,
} from './webhook-delivery.contract';

export interface DeliveryQueue {
  client: Client;
  /** The worker's task queue: the delivery workflow runs next to the payment workflow. */
  taskQueue: string;
}

export async function queueDeliveries(
  { client, taskQueue }: DeliveryQueue,
  event: { id: string; paymentId: string | null },
  endpointIds: string[],
): Promise<void> {
  // Every event today is about a payment; one without would still be delivered, on its own.
  const paymentId = event.paymentId ?? event.id;
  await Promise.all(
    endpointIds.map((endpointId) =>
      client.workflow.signalWithStart<WebhookDeliveryWorkflow, [QueuedEvent]>(WEBHOOK_DELIVERY_WORKFLOW, {
        workflowId: webhookDeliveryWorkflowId(endpointId, paymentId),
        taskQueue,
        args: [{ endpointId, paymentId }],
        signal: eventQueuedSignal,
        signalArgs: [{ eventId: event.id }],
      }),
    ),
  );
}
