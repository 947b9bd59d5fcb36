// The Express app: public probes and documents first, finance's /ops pages (their own
// session login), then the authenticated /v1 API. The card-data guard looks at the request
// target and headers before any route; what a request names (path, query, Idempotency-Key) is
// checked next, and the 405 for a method no route served comes after them all; the
// unstorable-text net and the card-data guard run right after body parsing, before anything
// can store or log a body.
import express from 'express';
import type { ApiDeps } from './deps';
import { authenticate, requireRole, requireScope } from './middleware/auth';
import { cardDataGuard, cardDataInRequestTarget } from './middleware/card-data-guard';
import { errorHandler, notFoundRoute } from './middleware/error-handler';
import { jsonBody, jsonBodyErrors } from './middleware/json-body';
import { metricsAccess } from './middleware/metrics-access';
import { apiRateLimit, failedAuthRateLimit } from './middleware/rate-limit';
import { requestContext } from './middleware/request-context';
import { methodNotAllowed, requestTarget } from './middleware/request-target';
import { storableBody } from './middleware/storable-body';
import { requestScope } from '../telemetry/request-scope';
import { createHttpMetrics } from './metrics';
import { opsRoutes } from './ops/routes';
import { createSessionStore, OPS_SESSION_TTL_MS } from './ops/sessions';
import { paymentReturnPage } from './shopper/return-page';
import { openApiDocument } from './openapi';
import { apiKeyRoutes } from './routes/api-keys';
import { eventRoutes } from './routes/events';
import { exceptionRoutes } from './routes/exceptions';
import { healthRoutes } from './routes/health';
import { ledgerRoutes } from './routes/ledger';
import { disputeRoutes } from './routes/disputes';
import { paymentRoutes } from './routes/payments';
import { financePayoutRoutes, payoutRoutes } from './routes/payouts';
import { pspRoutes } from './routes/psps';
import { pspWebhookRoutes } from './routes/psp-webhooks';
import { reconciliationExceptionRoutes } from './routes/reconciliation-exceptions';
import { reconciliationRoutes } from './routes/reconciliations';
import { refundRoutes } from './routes/refunds';
import { routingRuleRoutes } from './routes/routing-rules';
import { sellerRoutes } from './routes/sellers';
import { settingsRoutes } from './routes/settings';
import { settlementRoutes } from './routes/settlements';
import { temporalCodecRoutes } from './routes/temporal-codec';
import { webhookEndpointRoutes } from './routes/webhook-endpoints';

export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  const metrics = createHttpMetrics();
  if (deps.tamperAlarm) metrics.registry.registerMetric(deps.tamperAlarm.counter);
  const openapi = openApiDocument();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy, req.secure (the /ops cookie's Secure flag) and req.ip come
  // from X-Forwarded-* — but only from the proxies the operator names; anyone can send them.
  if (deps.config.trustProxy !== undefined) app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestContext(deps.logger, metrics));
  // The request id reaches the workflows this request starts or updates (a Temporal header).
  app.use(requestScope);
  app.use(cardDataInRequestTarget);
  app.use(healthRoutes(deps));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/metrics', metricsAccess(deps.config.metricsToken), async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // Before the JSON parser and the card-data guard: signed raw bodies from PSPs, not merchants.
  app.use(pspWebhookRoutes(deps));

  // Temporal's codec protocol for the Web UI (cross-origin, JSON) and for scripts: before the
  // /ops pages, whose form parser and same-origin rule are not for it; it shares their sessions.
  const opsSessions = createSessionStore({ ttlMs: OPS_SESSION_TTL_MS });
  app.use('/ops/codec', temporalCodecRoutes(deps, opsSessions));

  // HTML forms and a session cookie, not bearer keys: outside /v1 and its JSON parser.
  app.use('/ops', opsRoutes(deps, opsSessions));
  // The shopper's page after 3-D Secure: HTML, no key, its own 404 page.
  app.use(paymentReturnPage(deps));

  // Known /v1 paths: path, query and Idempotency-Key shapes checked, OPTIONS answered.
  app.use(requestTarget(openapi));
  const v1 = express.Router();
  const auth = authenticate(deps.db, failedAuthRateLimit(deps));
  v1.use(jsonBody, jsonBodyErrors, storableBody, cardDataGuard, auth);
  // After authentication (the bucket is the merchant's), before any handler claims an Idempotency-Key.
  v1.use(apiRateLimit(deps));
  // Finance's paths first; everything else is a merchant's, so a route added later is
  // closed to finance keys unless it is listed here.
  v1.use(['/settlements', '/reconciliations', '/reconciliation', '/payouts/:id/approve', '/payout_approvals'], requireRole('finance'));
  v1.use(settlementRoutes(deps), reconciliationRoutes(deps), reconciliationExceptionRoutes(deps), financePayoutRoutes(deps));
  // A restricted merchant key passes only where the scope table (api/route-scopes.ts) lets it.
  v1.use(requireRole('merchant'), requireScope);
  v1.use(paymentRoutes(deps), refundRoutes(deps), ledgerRoutes(deps));
  v1.use(sellerRoutes(deps), payoutRoutes(deps), disputeRoutes(deps));
  v1.use(routingRuleRoutes(deps), pspRoutes(deps), settingsRoutes(deps, { onChange: auth.forgetCached }));
  v1.use(webhookEndpointRoutes(deps), eventRoutes(deps), exceptionRoutes(deps));
  v1.use(apiKeyRoutes(deps));
  app.use('/v1', v1);

  app.use(methodNotAllowed(openapi), notFoundRoute);
  app.use(errorHandler);
  return app;
}
