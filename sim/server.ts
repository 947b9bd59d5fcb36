// The PSP simulator as real HTTP servers: the Stripe and Adyen API subsets holdfast's adapters
// use, each on its own port, plus /_sim routes for tests on a third. Each instance has its
// own memory.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PspName } from '../domain/psp';
import { Acquirer } from './acquirer/acquirer';
import { createControlApp, createPspApp } from './app';
import { createAdyenDisputeFace } from './adyen/disputes';
import type { SimContext } from './context';
import type { SimDisputeFace } from './disputes';
import { NotificationHolds } from './adyen/notification-holds';
import { ResponseHolds } from './holds';
import { PspOutages } from './outages';
import { PayoutFailures } from './payout-failures';
import { ReportFaults } from './reports/faults';
import { RequestLog } from './request-log';
import { RiskOutage } from './risk-outage';
import { SimStore } from './store';
import { createStripeDisputeFace } from './stripe/disputes';
import { WebhookSender } from './webhook-sender';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port; likewise for each PSP face. */
  port?: number;
  stripePort?: number;
  adyenPort?: number;
  host?: string;
  /** Keeps the simulated PSPs' payments in this file across restarts. */
  stateFile?: string;
  /** holdfast's base URL for the PSPs' webhooks; settable later with setWebhookTarget. */
  webhookTarget?: string;
}

export interface RunningSimulator {
  /** Control, inspection, shopper pages and the risk service. */
  url: string;
  port: number;
  /** Stripe's API (the SDK's host), and Adyen's Checkout API. */
  stripeUrl: string;
  adyenUrl: string;
  setWebhookTarget(baseUrl: string | undefined): void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const holds = new ResponseHolds();
  const webhooks = new WebhookSender();
  webhooks.setTarget(options.webhookTarget);
  let controlUrl = '';
  const disputeFaces = {} as Record<PspName, SimDisputeFace>;
  const context: SimContext = {
    store: new SimStore(options.stateFile),
    requests: new RequestLog(),
    holds,
    adyenNotificationHolds: new NotificationHolds(),
    outages: new PspOutages(),
    webhooks,
    risk: new RiskOutage(),
    acquirer: new Acquirer(),
    reportFaults: new ReportFaults(),
    payoutFailures: new PayoutFailures(),
    disputes: disputeFaces,
    publicUrl: () => controlUrl,
  };
  // Filled in once the context exists: the faces read payments and send webhooks through it.
  disputeFaces.stripe = createStripeDisputeFace(context);
  disputeFaces.adyen = createAdyenDisputeFace(context);

  const control = await listen(createServer(createControlApp(context)), options.port ?? 0, host);
  controlUrl = urlOf(host, control.port);
  const faces = new Map<PspName, Listener>();
  for (const [psp, port] of [
    ['stripe', options.stripePort ?? 0],
    ['adyen', options.adyenPort ?? 0],
  ] as const) {
    const face = await listen(createServer(createPspApp(psp, context)), port, host);
    faces.set(psp, face);
    // psp_down closes the face; psp_up listens again on the same port, so URLs stay valid.
    context.outages.attachListener(psp, { stop: () => face.stop(), start: () => face.start() });
  }

  return {
    url: controlUrl,
    port: control.port,
    stripeUrl: urlOf(host, faces.get('stripe')!.port),
    adyenUrl: urlOf(host, faces.get('adyen')!.port),
    setWebhookTarget: (baseUrl) => webhooks.setTarget(baseUrl),
    async close() {
      // Held responses would keep their connections open forever.
      holds.releaseAll();
      await Promise.all([control.stop(), ...[...faces.values()].map((face) => face.stop())]);
      await webhooks.drain();
    },
  };
}

interface Listener {
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

async function listen(server: Server, port: number, host: string): Promise<Listener> {
  const open = async (onPort: number) => {
    server.listen(onPort, host);
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  };
  await open(port);
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    async stop() {
      if (!server.listening) return;
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
    start: () => (server.listening ? Promise.resolve() : open(bound)),
  };
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
