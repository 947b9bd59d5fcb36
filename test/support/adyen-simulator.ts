// The PSP simulator's Adyen face as the integration tests meet it: holdfast's adapter pointed
// at it, and a local endpoint standing in for holdfast's /webhooks/adyen, keeping each
// notification item as it arrived.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdyenGateway } from '../../psp/adyen/client';
import type { PspGateway } from '../../domain/psp-gateway';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT } from '../../sim/credentials';
import type { RunningSimulator } from '../../sim/server';

/** A NotificationRequestItem as received: the fields the tests read, and whatever else came. */
export interface ReceivedNotificationItem {
  eventCode: string;
  pspReference: string;
  originalReference?: string;
  merchantReference: string;
  success: string;
  reason?: string;
  additionalData?: Record<string, string>;
  [field: string]: unknown;
}

export interface NotificationSink {
  url: string;
  /** Every item received, in arrival order. */
  items: ReceivedNotificationItem[];
  close(): Promise<void>;
}

/** Receives the simulator's notifications as holdfast's /webhooks/adyen would, answering `[accepted]`. */
export async function notificationSink(): Promise<NotificationSink> {
  const items: ReceivedNotificationItem[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { notificationItems: Array<{ NotificationRequestItem: ReceivedNotificationItem }> };
      for (const { NotificationRequestItem } of parsed.notificationItems) items.push(NotificationRequestItem);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('[accepted]');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    items,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** holdfast's Adyen adapter against `sim`, with the simulator's credentials unless overridden. */
export function simAdyenGateway(sim: RunningSimulator, overrides: { timeoutMs?: number; apiKey?: string } = {}): PspGateway {
  return createAdyenGateway({
    apiKey: overrides.apiKey ?? SIM_ADYEN_API_KEY,
    merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT,
    environment: 'TEST',
    baseUrl: sim.adyenUrl,
    timeoutMs: overrides.timeoutMs ?? 10_000,
  });
}
