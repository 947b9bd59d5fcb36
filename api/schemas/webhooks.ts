// Requests and objects of webhook endpoints and events (events holdfast sends to merchants).
import { z } from 'zod';
import { ALL_EVENTS, MERCHANT_EVENT_TYPES } from '../../domain/events';
import { httpUrl } from './fields';
import { disputeObject, payoutObject } from './marketplace-objects';
import { paymentObject, refundObject } from './objects';

const eventType = z.enum(MERCHANT_EVENT_TYPES);

/** Credentials in the URL would be sent to the endpoint and shown in every listing of it. */
function hasNoCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The shape of an endpoint URL; where it may point is the address policy's call (url_not_allowed). */
const endpointUrl = httpUrl('Must be an absolute https URL.')
  .refine(hasNoCredentials, { message: 'Must not contain a user name or password.' })
  .describe('Where events are POSTed, signed with the endpoint secret (Holdfast-Signature). https, to a public address.');

const subscribedEvents = z
  .array(z.enum([...MERCHANT_EVENT_TYPES, ALL_EVENTS]))
  .min(1)
  .transform((types) => [...new Set(types)])
  .describe('Event types to receive, or ["*"] for all of them.');

export const createWebhookEndpointBody = z.strictObject({ url: endpointUrl, events: subscribedEvents });

export const updateWebhookEndpointBody = z.strictObject({
  url: endpointUrl.optional(),
  events: subscribedEvents.optional(),
  enabled: z.boolean().optional().describe('A disabled endpoint is sent no events until enabled again.'),
});

/** A week at most: an overlap is for switching a receiver over, not a second permanent secret. */
export const MAX_SECRET_OVERLAP_SECONDS = 7 * 24 * 3600;

export const rotateWebhookEndpointSecretBody = z.strictObject({
  expires_in_seconds: z
    .number()
    .int()
    .min(0)
    .max(MAX_SECRET_OVERLAP_SECONDS)
    .default(24 * 3600)
    .describe('How long the previous secret keeps signing deliveries beside the new one; 0 ends it now.'),
});

export const listEventsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  starting_after: z
    .string()
    .regex(/^evt_[a-z0-9]+$/)
    .optional(),
  type: eventType.optional(),
  payment: z
    .string()
    .regex(/^pay_[a-z0-9]+$/)
    .optional(),
});

export const redeliverEventBody = z.strictObject({});

export const webhookEndpointObject = z.object({
  id: z.string().describe('we_…'),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  previous_secret_expires: z
    .number()
    .int()
    .nullable()
    .describe('Unix seconds until which the secret replaced by the last rotation also signs; null if never rotated'),
  created: z.number().int().describe('Unix seconds'),
});

export const createdWebhookEndpointObject = webhookEndpointObject.extend({
  secret: z.string().describe('whsec_…; the HMAC key of Holdfast-Signature. Shown only here and when rotated.'),
});

export const deletedWebhookEndpointObject = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  deleted: z.literal(true),
});

export const eventObject = z.object({
  id: z.string().describe('evt_…'),
  object: z.literal('event'),
  type: eventType,
  created: z.number().int().describe('Unix seconds'),
  // payout.* events carry the payout and dispute.* the dispute, as their workflows save them.
  data: z.object({
    object: z.union([paymentObject, refundObject, payoutObject, disputeObject]).describe('The object at the time of the event'),
  }),
});

export const redeliveryObject = z.object({
  object: z.literal('event_redelivery'),
  event: z.string(),
  deliveries: z.array(
    z.object({
      endpoint: z.string(),
      url: z.string(),
      status: z.enum(['pending', 'succeeded', 'failed']),
      attempts: z.number().int(),
      last_status_code: z.number().int().nullable(),
      last_error: z.string().nullable(),
      last_attempt: z.number().int().nullable(),
      delivered: z.number().int().nullable(),
    }),
  ),
});
