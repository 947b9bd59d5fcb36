// Events sent to the merchant's webhook endpoints: list and read them, and send one again.
import { Router } from 'express';
import { queueDeliveries } from '../../contracts/webhook-delivery.client';
import { findEvent, listEvents, requeueEvent } from '../../db/queries/webhooks';
import { openEventRow } from '../../db/sealed/event-data';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { redeliveryRateLimit } from '../middleware/rate-limit';
import { idempotentPost } from '../idempotent-post';
import { listEventsQuery, redeliverEventBody } from '../schemas/webhooks';
import { parseOrThrow } from '../validate';
import { deliveryView, eventView } from '../../views/event';

export function eventRoutes(deps: ApiDeps): Router {
  const { config, db, temporal, keyring } = deps;
  const router = Router();

  router.get('/events', async (req, res) => {
    const query = parseOrThrow(listEventsQuery, req.query);
    const { rows, hasMore } = await listEvents(db, {
      merchantId: res.locals.merchant.id,
      limit: query.limit,
      startingAfter: query.starting_after,
      type: query.type,
      paymentId: query.payment,
    });
    const opened = await Promise.all(rows.map((row) => openEventRow(keyring, row)));
    res.json({ object: 'list', data: opened.map(eventView), has_more: hasMore });
  });

  router.get('/events/:id', async (req, res) => {
    const event = await findEvent(db, res.locals.merchant.id, req.params.id);
    if (!event) throw notFound('event', req.params.id);
    res.json(eventView(await openEventRow(keyring, event)));
  });

  router.post(
    '/events/:id/redeliver',
    // Before the Idempotency-Key is claimed, as the API's own limit is.
    redeliveryRateLimit(deps),
    idempotentPost(db, config.idempotency, redeliverEventBody, async ({ merchant, req }) => {
      const id = String(req.params.id);
      const event = await findEvent(db, merchant.id, id);
      if (!event) throw notFound('event', id);
      const deliveries = await requeueEvent(db, event);
      await queueDeliveries(
        { client: temporal, taskQueue: config.temporal.taskQueue },
        event,
        deliveries.map((d) => d.endpointId),
      );
      // Accepted, not done: each delivery goes out behind the payment's earlier events.
      return { status: 202, body: { object: 'event_redelivery', event: event.id, deliveries: deliveries.map(deliveryView) } };
    }),
  );

  return router;
}
