// A merchant's webhook receiver for tests: records every POST, answers what each test tells
// it to, and lets each test read only the deliveries to its own URL.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER } from '../../activities/merchant-events/signature';

export interface Delivery {
  path: string;
  event: { id: string; object: string; type: string; created: number; data: { object: Record<string, any> } };
  /** What the receiver answered. */
  status: number;
  signature: string | undefined;
  rawBody: string;
}

/** Decides the receiver's answer to one POST; `seen` counts this event's POSTs so far, this one included. */
export type Answer = (event: Delivery['event'], seen: number) => number;

export interface Receiver {
  /** A fresh URL on the receiver, so each test reads only its own deliveries. */
  url(answer?: Answer): { url: string; path: string };
  deliveries(path: string): Delivery[];
  /** The events the receiver answered 2xx, in arrival order. */
  accepted(path: string): Delivery['event'][];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Delivery[] = [];
  const answers = new Map<string, Answer>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '';
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(rawBody) as Delivery['event'];
      const seen = received.filter((d) => d.path === path && d.event.id === event.id).length + 1;
      const status = (answers.get(path) ?? (() => 200))(event, seen);
      received.push({ path, event, status, signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined, rawBody });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url(answer) {
      const path = `/hooks/${randomUUID()}`;
      if (answer) answers.set(path, answer);
      return { url: `${base}${path}`, path };
    },
    deliveries: (path) => received.filter((d) => d.path === path),
    accepted: (path) => received.filter((d) => d.path === path && d.status < 300).map((d) => d.event),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
