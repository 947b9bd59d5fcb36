// The PSP simulator as a real HTTP server: the Stripe API subset holdfast's adapter uses,
// plus /_sim routes for tests. Each instance has its own memory.
import type { AddressInfo } from 'node:net';
import { createSimulatorApp } from './app';
import { ResponseHolds } from './holds';
import { RequestLog } from './request-log';
import { SimStore } from './store';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Keeps the simulated PSP's payments in this file across restarts. */
  stateFile?: string;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1';
  const holds = new ResponseHolds();
  const app = createSimulatorApp({ store: new SimStore(options.stateFile), requests: new RequestLog(), holds });
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    async close() {
      // Held responses would keep their connections open forever.
      holds.releaseAll();
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeAllConnections();
      await closed;
    },
  };
}
