// The worker's /metrics over HTTP, guarded exactly like the API's: it exists only with
// METRICS_TOKEN (404 otherwise) and answers only to it as a bearer token (401 otherwise).
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { errorHandler, notFoundRoute } from './middleware/error-handler';
import { metricsAccess } from './middleware/metrics-access';

export async function serveMetrics({
  registry,
  token,
  host,
  port,
}: {
  registry: Registry;
  token: string | undefined;
  host: string;
  port: number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsAccess(token), async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use(notFoundRoute);
  app.use(errorHandler);
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}/metrics`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
