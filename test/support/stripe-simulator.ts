// The PSP simulator's Stripe face as the integration tests meet it: holdfast's adapter and the
// official SDK pointed at it, and a small HTTP server standing in for holdfast's webhook
// endpoint, keeping each signed delivery as it arrived.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { PspGateway } from '../../domain/psp-gateway';
import { createStripeGateway } from '../../psp/stripe/client';
import { verifyStripeWebhook } from '../../psp/stripe/webhooks';
import { SIM_STRIPE_WEBHOOK_SECRET } from '../../sim/credentials';
import { type RunningSimulator, startSimulator } from '../../sim/server';

export interface StripeDelivery {
  path: string;
  signature: string | undefined;
  body: string;
}

export interface StripeSimulator {
  sim: RunningSimulator;
  /** holdfast's Stripe adapter. */
  stripe: PspGateway;
  /** The SDK itself, to read what the adapter does not. */
  sdk: Stripe;
  /** Every webhook the simulator sent, in arrival order. */
  deliveries: StripeDelivery[];
  close(): Promise<void>;
}

/** A simulator on a free port, sending its webhooks to a local receiver. */
export async function startStripeSimulator(): Promise<StripeSimulator> {
  const deliveries: StripeDelivery[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const signature = req.headers['stripe-signature'] as string | undefined;
      deliveries.push({ path: req.url ?? '', signature, body: Buffer.concat(chunks).toString() });
      res.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const sim = await startSimulator({ port: 0, webhookTarget: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` });
  return {
    sim,
    stripe: simStripeGateway(sim),
    sdk: simStripeSdk(sim),
    deliveries,
    async close() {
      await sim.close();
      await new Promise((resolve) => receiver.close(resolve));
    },
  };
}

/** holdfast's Stripe adapter, with the simulator's test key, against `sim`. */
export function simStripeGateway(sim: RunningSimulator, timeoutMs = 10_000): PspGateway {
  return createStripeGateway({ secretKey: 'sk_test_holdfast', baseUrl: sim.stripeUrl, timeoutMs });
}

/** The official SDK against `sim`, without retries, so every answer is the simulator's first. */
export function simStripeSdk(sim: RunningSimulator): Stripe {
  const { port } = new URL(sim.stripeUrl);
  return new Stripe('sk_test_holdfast', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
}

/** Each delivery's Event, its path and signature checked as holdfast's endpoint checks them. */
export function verifiedStripeEvents(deliveries: StripeDelivery[]): Stripe.Event[] {
  return deliveries.map((delivery) => {
    assert.equal(delivery.path, '/webhooks/stripe');
    return verifyStripeWebhook(delivery.body, delivery.signature, SIM_STRIPE_WEBHOOK_SECRET);
  });
}
