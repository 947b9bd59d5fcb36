// Runs the API over HTTP until stopped, and keeps the idempotency table trimmed.
import type { Client } from '@temporalio/client';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import { purgeExpiredIdempotencyKeys } from '../db/queries/idempotency';
import { purgeIdleBuckets } from '../db/queries/rate-limits';
import { configuredPsps, pspWiringFromConfig, type PspWiring } from '../psp/wiring';
import { bindKeyring } from '../keyring/bound-keyring';
import { openKeyring } from '../db/sealed/open-keyring';
import { encryptedDataConverter } from '../keyring/temporal-data-converter';
import { createApp } from './app';
import { createLogger, type Logger } from '../telemetry/logger';
import { createPaymentCommands } from './payment-commands';
import { withTelemetry } from '../telemetry/temporal-interceptors';
import { tamperAlarm } from '../telemetry/tamper-alarm';
import { ensureTracing } from '../telemetry/tracing';

const PURGE_EVERY_MS = 10 * 60_000;

/** A rate-limit bucket untouched an hour longer than its window is full: its row can go. */
const bucketIdleSeconds = (config: Config) => 3600 + Math.max(60, config.rateLimits.burstSeconds);

export async function startApi(deps: {
  config: Config;
  db: Database;
  temporal: Client;
  port: number;
  /** Defaults to JSON lines on stdout at config.logLevel. */
  logger?: Logger;
  /**
   * The PSPs configured and whose webhooks are believed: what config alone wires, unless a
   * process that also runs the simulator (dev, tests, the benchmark) passes the workers' wiring.
   */
  wiring?: PspWiring;
  /** The rate limits' clock (ApiDeps.clock). */
  clock?: () => number;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const { config, db } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const wiring = deps.wiring ?? pspWiringFromConfig(config);
  const tampered = tamperAlarm((detail) =>
    logger.error(detail, 'ciphertext_tampered: a sealed value failed its integrity check and was refused'),
  );
  const keyring = await openKeyring(db, config.encryption, tampered.raise);
  bindKeyring(db, keyring);
  // Starts and updates carry the request's id and, when tracing, its trace context; their
  // payloads are sealed by the keyring before they reach Temporal.
  const temporal = withTelemetry(deps.temporal, ensureTracing(config), encryptedDataConverter(keyring));
  const app = createApp({
    config,
    db,
    temporal,
    logger,
    commands: createPaymentCommands(temporal, config),
    keyring,
    tamperAlarm: tampered,
    wiring,
    availablePsps: configuredPsps(wiring),
    clock: deps.clock,
  });
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (draining) {
      // A stopping API still answers what reaches it, but tells load balancers to look
      // elsewhere and keep-alive clients to reconnect (to another instance).
      res.setHeader('Connection', 'close');
      if (req.url === '/readyz') {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"status":"stopping"}');
        return;
      }
    }
    app(req, res);
  });
  server.listen(deps.port, config.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  // Node's default keep-alive (5 s) is shorter than many clients' pools; avoid resets under load.
  server.keepAliveTimeout = 65_000;
  const purge = setInterval(() => {
    purgeExpiredIdempotencyKeys(db).catch((error) => logger.warn({ err: error }, 'idempotency purge failed'));
    purgeIdleBuckets(db, bucketIdleSeconds(config)).catch((error) => logger.warn({ err: error }, 'rate limit purge failed'));
  }, PURGE_EVERY_MS).unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`,
    /**
     * Drains: no new connections, idle ones closed, requests in flight finished — for at most
     * SHUTDOWN_GRACE_SECONDS, shorter than an orchestrator's kill timeout (10 s for `docker
     * stop`). What still runs then is cut; its client's retry with the same Idempotency-Key
     * takes the claim over once it goes stale and answers with the real outcome.
     */
    async stop() {
      clearInterval(purge);
      keyring.close();
      draining = true;
      // Answers still to come close their connection, so the drain ends with the last of them.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(cut);
    },
  };
}
