// Everything a caller needs to hand events to a webhook delivery workflow: one workflow per
// endpoint and payment, so one payment's events reach an endpoint in the order they happened
// while other payments' events are not held up behind a failing one.
import { defineQuery, defineSignal } from '@temporalio/workflow';

export interface WebhookDeliveryInput {
  endpointId: string;
  /** Whose events this workflow delivers in order. */
  paymentId: string;
  /** Set only by continue-as-new: event ids still to deliver, oldest first. */
  queued?: string[];
}

export interface QueuedEvent {
  eventId: string;
}

/** Appends an event to the workflow's queue; sent with signal-with-start. */
export const eventQueuedSignal = defineSignal<[QueuedEvent]>('eventQueued');
/** Event ids not yet delivered, the one in flight first. */
export const deliveryQueueQuery = defineQuery<string[]>('queue');

export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDeliveryWorkflow';

export function webhookDeliveryWorkflowId(endpointId: string, paymentId: string): string {
  return `webhook-delivery-${endpointId}-${paymentId}`;
}

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type WebhookDeliveryWorkflow = (input: WebhookDeliveryInput) => Promise<void>;
