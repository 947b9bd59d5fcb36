// Configuration is parsed once, here, from the environment; everything below takes the
// typed object and never reads process.env itself.
import path from 'node:path';
import { z } from 'zod';
import { PSP_NAMES } from '../domain/psp';

const seconds = z.coerce.number().int().positive();

const envSchema = z.object({
  /** Relative to the working directory when set; the clone's own .data/ when not. */
  HOLDFAST_DATA_DIR: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface the API binds; 0.0.0.0 in a container. */
  HOST: z.string().default('127.0.0.1'),
  /** Where the API and the worker connect: the app role, which reads and writes rows only. */
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner, for `holdfast migrate` (and dev startup); DATABASE_URL when unset. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  /** Port of the embedded Postgres cluster when DATABASE_URL is not set. */
  HOLDFAST_PG_PORT: z.coerce.number().int().default(5433),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  /** gRPC port of the embedded dev server. */
  TEMPORAL_PORT: z.coerce.number().int().default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().default(8233),
  /**
   * Origins of the Temporal Web UI whose pages may call the codec endpoint (/ops/codec) from a
   * browser, comma-separated: `https://temporal.example.com`. Unset = none (`holdfast dev`
   * adds its own UI's).
   */
  TEMPORAL_UI_ORIGIN: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isOrigin, 'each must be an origin: scheme://host[:port], nothing after it')))
    .default([]),
  TEMPORAL_TASK_QUEUE: z.string().default('payments'),
  /**
   * Worker Versioning (docs/deploys.md): the worker polls as one version of a Worker
   * Deployment, and workflows run on the deployment's current version. Unset = on under
   * `holdfast worker` and `holdfast dev`, off elsewhere (tests and the benchmark start
   * workers on throwaway task queues).
   */
  TEMPORAL_WORKER_VERSIONING: z.stringbool().optional(),
  /** The Worker Deployment the worker's versions belong to; the server refuses a name with a dot. */
  TEMPORAL_DEPLOYMENT_NAME: z
    .string()
    .regex(/^[^.\s]+$/, 'must have no dots or spaces')
    .default('holdfast'),
  /** This worker's version in the deployment; unset = derived from the workflow code (workers/worker-deployment.ts). */
  TEMPORAL_BUILD_ID: z
    .string()
    .regex(/^\S{1,255}$/, 'must be 1 to 255 characters, no spaces')
    .optional(),
  /**
   * Whether a versioned worker makes its own version current once it polls: `new` only a
   * version never current before, `always`, or `never` (left to `holdfast deploy promote`).
   * Unset = `always` under `holdfast dev` (its one worker runs the code checked out), else `new`.
   */
  TEMPORAL_PROMOTE_ON_START: z.enum(['new', 'always', 'never']).optional(),
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Where the Stripe SDK is pointed; unset with a real key = api.stripe.com. */
  STRIPE_API_BASE: z.string().url().optional(),
  /** Signing secret of the Stripe webhook endpoint (whsec_…); unset = Stripe's webhooks are refused (webhook_not_configured). */
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  ADYEN_API_KEY: z.string().optional(),
  ADYEN_MERCHANT_ACCOUNT: z.string().optional(),
  ADYEN_ENVIRONMENT: z.enum(['TEST', 'LIVE']).default('TEST'),
  /** Required by Adyen for LIVE: the prefix of the merchant's live Checkout endpoint. */
  ADYEN_LIVE_URL_PREFIX: z.string().optional(),
  /** Where the Adyen library is pointed instead of Adyen's endpoints (the simulator). */
  ADYEN_API_BASE: z.string().url().optional(),
  /** Hex HMAC key of the Adyen notification webhook; unset = Adyen's notifications are refused (webhook_not_configured). */
  ADYEN_HMAC_KEY: z.string().optional(),
  /** Control port of the simulator; its Stripe and Adyen faces listen on the next two by default. */
  SIM_PORT: z.coerce.number().int().default(4010),
  SIM_STRIPE_PORT: z.coerce.number().int().optional(),
  SIM_ADYEN_PORT: z.coerce.number().int().optional(),
  /**
   * How long one PSP call may take before the client gives up (and, for an authorization,
   * the outcome becomes unknown). Below the PSP activities' 20 s timeout.
   */
  PSP_TIMEOUT_MS: z.coerce.number().int().positive().max(19_000).default(15_000),
  /** Ordered PSPs for payments no routing rule matches. */
  DEFAULT_PSPS: z
    .string()
    .default('stripe,adyen')
    .transform((value) =>
      value
        .split(',')
        .map((psp) => psp.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(PSP_NAMES)).min(1)),
  /** Consecutive connection errors or 5xx answers that open a PSP's circuit breaker. */
  CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().positive().default(5),
  /** How long an open breaker sends new payments elsewhere before one probe is let through. */
  CIRCUIT_OPEN_SECONDS: seconds.default(30),
  /** The risk service's full endpoint URL (POST {payment_id, amount, currency, email}); unset = no check (`holdfast dev`: the simulator's). */
  RISK_URL: z.string().url().optional(),
  RISK_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** When the risk service is down, payments of at most this many minor units proceed unchecked. */
  RISK_FALLBACK_MAX_AMOUNT: z.coerce.number().int().min(0).default(10_000),
  /** How long a PSP outcome may stay unknown before the payment lands on the exceptions list. */
  OUTCOME_UNKNOWN_DEADLINE_SECONDS: seconds.default(3600),
  /** How long a 3-D Secure payment waits for the shopper before it is canceled. */
  ACTION_TIMEOUT_SECONDS: seconds.default(15 * 60),
  /** How long a capture or void the PSP accepted may wait for its confirmation before it lands on the exceptions list. */
  MODIFICATION_CONFIRM_DEADLINE_SECONDS: seconds.default(3600),
  /** holdfast's public base URL, where PSPs send shoppers back after 3-D Secure. */
  PUBLIC_URL: z.string().url().optional(),
  /** Default hold before an uncaptured authorization is voided (Stripe: 7 days). */
  CAPTURE_BEFORE_SECONDS: seconds.default(7 * 24 * 3600),
  /** How long a payment workflow keeps accepting refunds after capture. */
  REFUND_WINDOW_SECONDS: seconds.default(180 * 24 * 3600),
  /** Default platform fee in basis points of each capture (0 = no fee). */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** How long Idempotency-Key records are kept. */
  IDEMPOTENCY_TTL_SECONDS: seconds.default(24 * 3600),
  /** How long POST /v1/payments waits for the authorization outcome before answering `processing`. */
  CREATE_WAIT_MS: z.coerce.number().int().positive().default(10_000),
  /** How long a concurrent duplicate request waits for the first before a 409. */
  IDEMPOTENCY_WAIT_MS: z.coerce.number().int().positive().default(15_000),
  /**
   * A request holding an Idempotency-Key refreshes its claim while it runs; a claim not
   * refreshed for this long belongs to a process that died, and a retry takes it over.
   */
  IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: seconds.default(60),
  /** Merchant events and their deliveries, as Stripe keeps events: 30 days. */
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** Stored PSP webhook events: longer than any PSP redelivers (Adyen retries for 30 days). */
  PSP_EVENTS_RETENTION_DAYS: z.coerce.number().int().min(31).default(90),
  /** The audit log: 7 years by default; never under a year (PCI DSS 10.5.1), which the database enforces too. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).default(2555),
  /**
   * How long a stopping API finishes the requests it has, and a stopping worker its tasks:
   * under an orchestrator's kill timeout (10 s for `docker stop`).
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(8),
  /** How long Temporal keeps a closed workflow's history, set on the namespace. */
  TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  /** The platform's time zone: business dates and the settlement cut-off are read in it. */
  PLATFORM_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as Europe/Berlin'),
  /** Local time (HH:MM) at which the daily schedule settles the business date that just ended. */
  SETTLEMENT_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM')
    .default('00:30'),
  /** Id of the Temporal Schedule that runs settlement daily; `off` creates none. */
  SETTLEMENT_SCHEDULE_ID: z.string().default('holdfast-daily-settlement'),
  /** Where settlement batches go; unset = none (`holdfast dev`: the simulator's acquirer). */
  ACQUIRER_URL: z.string().url().optional(),
  /** How long items rejected for a transient reason wait before they are sent again. */
  SETTLEMENT_RESUBMIT_SECONDS: seconds.default(15 * 60),
  /** Submissions of one item before a transient rejection becomes an exception. */
  SETTLEMENT_MAX_SUBMISSIONS: z.coerce.number().int().min(1).max(20).default(3),
  /** A capture not settled this long after it was made lands on the exceptions list. */
  SETTLEMENT_DEADLINE_SECONDS: seconds.default(3 * 24 * 3600),
  /** Differences between a PSP report and the ledger up to this many minor units are accepted automatically. */
  RECONCILIATION_TOLERANCE: z.coerce.number().int().min(0).default(0),
  /** Payouts above this many minor units (any currency) wait for a finance key's approval. */
  PAYOUT_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(100_000),
  /** How long before a dispute's evidence is due the merchant gets `dispute.evidence_due_soon`. */
  DISPUTE_REMINDER_SECONDS: seconds.default(2 * 24 * 3600),
  /**
   * Development only: lets webhook endpoints be on loopback, over plain http (a receiver on
   * 127.0.0.1 or localhost). Unset = on under `holdfast dev`, off for `holdfast api` and `worker`.
   */
  WEBHOOK_ALLOW_HTTP_LOOPBACK: z.stringbool().optional(),
  /**
   * How often each worker's event relay looks for events no notification told it about (one
   * lost with a dropped connection): the longest a committed event waits for its hand-off then.
   */
  WEBHOOK_RELAY_POLL_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * Requests per second each merchant may send (all its keys together; a finance key has its
   * own bucket); `holdfast merchants set-rate-limit` overrides it per merchant.
   */
  RATE_LIMIT_PER_SECOND: z.coerce.number().int().positive().max(1_000_000).default(100),
  /** The bucket holds this many seconds' worth of requests: what an idle merchant may send at once. */
  RATE_LIMIT_BURST_SECONDS: z.coerce.number().int().positive().max(3600).default(1),
  /**
   * Most tokens one API instance takes from a bucket per round trip to Postgres (never more
   * than a tenth of the bucket): together, instances may admit up to this many per instance
   * beyond the limit.
   */
  RATE_LIMIT_LEASE: z.coerce.number().int().positive().max(1000).default(10),
  /** Webhook redeliveries (POST /v1/events/:id/redeliver) each merchant may ask for per minute. */
  REDELIVERY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(60),
  /** /ops login attempts per minute from one client address (an IPv6 /64 counts as one). */
  OPS_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(10),
  /** Requests with an unknown or revoked API key per minute from one client address. */
  AUTH_FAILURE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().max(100_000).default(60),
  /** Bearer token a scraper presents to GET /metrics; unset = no /metrics at all (404). */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * The proxies in front of the API whose X-Forwarded-Proto/-For are believed (express's
   * `trust proxy`): `true`, a hop count, or addresses/subnets such as `loopback` or
   * `10.0.0.0/8,127.0.0.1`. Unset = none: the connection itself says whether it was TLS.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value) =>
      value === undefined || value === '' || value === 'false'
        ? undefined
        : value === 'true'
          ? true
          : /^\d+$/.test(value)
            ? Number(value)
            : value,
    ),
  /** OTLP/HTTP base endpoint (the collector's :4318) traces are exported to; unset = no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('holdfast'),
  /** Share of traces kept, decided where a trace starts (the API request) and followed downstream. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** Port of the worker's /metrics (business metrics; guarded by METRICS_TOKEN like the API's); unset = none. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** host:port the Temporal runtime's Prometheus exporter (SDK metrics) binds; unset = none. Unauthenticated: keep it private. */
  TEMPORAL_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$/, 'must be host:port')
    .optional(),
  /**
   * The master key (32 bytes, base64) that wraps the data keys encrypting personal data at
   * rest and in Temporal (docs/security.md, "Personal data is encrypted at rest"). Required by `holdfast api` and
   * `worker`; `holdfast dev` makes one in the data dir. HOLDFAST_MASTER_KEY_FILE names a file
   * holding it instead (a mounted secret).
   */
  HOLDFAST_MASTER_KEY: z.string().optional(),
  HOLDFAST_MASTER_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Config = ReturnType<typeof toConfig>;

function toConfig(env: z.infer<typeof envSchema>) {
  // The default does not follow the working directory, so a command run from anywhere finds
  // the stack `npm start` began in the clone.
  const dataDir = env.HOLDFAST_DATA_DIR ? path.resolve(env.HOLDFAST_DATA_DIR) : path.resolve(__dirname, '..', '.data');
  return {
    dataDir,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    metricsToken: env.METRICS_TOKEN,
    tracing: {
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME,
      sampleRatio: env.OTEL_TRACES_SAMPLER_ARG,
    },
    workerMetrics: { port: env.WORKER_METRICS_PORT, temporalAddress: env.TEMPORAL_METRICS_ADDRESS },
    trustProxy: env.TRUST_PROXY,
    database: { url: env.DATABASE_URL, migrationUrl: env.MIGRATION_DATABASE_URL ?? env.DATABASE_URL, embeddedPort: env.HOLDFAST_PG_PORT },
    temporal: {
      /** Unset = start the embedded dev server. */
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      cliPath: env.TEMPORAL_CLI_PATH,
      port: env.TEMPORAL_PORT,
      uiPort: env.TEMPORAL_UI_PORT,
      uiOrigins: env.TEMPORAL_UI_ORIGIN,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deployment: {
        versioning: env.TEMPORAL_WORKER_VERSIONING,
        name: env.TEMPORAL_DEPLOYMENT_NAME,
        buildId: env.TEMPORAL_BUILD_ID,
        promoteOnStart: env.TEMPORAL_PROMOTE_ON_START,
      },
    },
    publicUrl: env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`,
    stripe: { secretKey: env.STRIPE_SECRET_KEY, apiBase: env.STRIPE_API_BASE, webhookSecret: env.STRIPE_WEBHOOK_SECRET },
    adyen: {
      apiKey: env.ADYEN_API_KEY,
      merchantAccount: env.ADYEN_MERCHANT_ACCOUNT,
      environment: env.ADYEN_ENVIRONMENT,
      liveUrlPrefix: env.ADYEN_LIVE_URL_PREFIX,
      apiBase: env.ADYEN_API_BASE,
      hmacKey: env.ADYEN_HMAC_KEY,
    },
    simulator: {
      port: env.SIM_PORT,
      stripePort: env.SIM_STRIPE_PORT ?? env.SIM_PORT + 1,
      adyenPort: env.SIM_ADYEN_PORT ?? env.SIM_PORT + 2,
    },
    pspTimeoutMs: env.PSP_TIMEOUT_MS,
    routing: {
      defaultPsps: env.DEFAULT_PSPS,
      circuitFailureThreshold: env.CIRCUIT_FAILURE_THRESHOLD,
      circuitOpenSeconds: env.CIRCUIT_OPEN_SECONDS,
    },
    risk: { url: env.RISK_URL, timeoutMs: env.RISK_TIMEOUT_MS, fallbackMaxAmount: env.RISK_FALLBACK_MAX_AMOUNT },
    payments: {
      captureBeforeSeconds: env.CAPTURE_BEFORE_SECONDS,
      refundWindowSeconds: env.REFUND_WINDOW_SECONDS,
      platformFeeBps: env.PLATFORM_FEE_BPS,
      createWaitMs: env.CREATE_WAIT_MS,
      outcomeUnknownDeadlineSeconds: env.OUTCOME_UNKNOWN_DEADLINE_SECONDS,
      actionTimeoutSeconds: env.ACTION_TIMEOUT_SECONDS,
      modificationConfirmDeadlineSeconds: env.MODIFICATION_CONFIRM_DEADLINE_SECONDS,
    },
    settlement: {
      timeZone: env.PLATFORM_TIME_ZONE,
      cutoff: env.SETTLEMENT_CUTOFF,
      scheduleId: env.SETTLEMENT_SCHEDULE_ID === 'off' ? undefined : env.SETTLEMENT_SCHEDULE_ID,
      acquirerUrl: env.ACQUIRER_URL,
      resubmitSeconds: env.SETTLEMENT_RESUBMIT_SECONDS,
      maxSubmissions: env.SETTLEMENT_MAX_SUBMISSIONS,
      deadlineSeconds: env.SETTLEMENT_DEADLINE_SECONDS,
    },
    reconciliation: { tolerance: env.RECONCILIATION_TOLERANCE },
    payouts: { approvalThreshold: env.PAYOUT_APPROVAL_THRESHOLD },
    disputes: { reminderSeconds: env.DISPUTE_REMINDER_SECONDS },
    webhooks: { allowHttpLoopback: env.WEBHOOK_ALLOW_HTTP_LOOPBACK, relayPollMs: env.WEBHOOK_RELAY_POLL_MS },
    encryption: { masterKey: env.HOLDFAST_MASTER_KEY, masterKeyFile: env.HOLDFAST_MASTER_KEY_FILE },
    shutdownGraceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    retention: {
      eventsDays: env.EVENTS_RETENTION_DAYS,
      pspEventsDays: env.PSP_EVENTS_RETENTION_DAYS,
      auditDays: env.AUDIT_RETENTION_DAYS,
      temporalDays: env.TEMPORAL_RETENTION_DAYS,
    },
    rateLimits: {
      perSecond: env.RATE_LIMIT_PER_SECOND,
      burstSeconds: env.RATE_LIMIT_BURST_SECONDS,
      lease: env.RATE_LIMIT_LEASE,
      redeliveriesPerMinute: env.REDELIVERY_RATE_LIMIT_PER_MINUTE,
      opsLoginsPerMinute: env.OPS_LOGIN_RATE_LIMIT_PER_MINUTE,
      authFailuresPerMinute: env.AUTH_FAILURE_RATE_LIMIT_PER_MINUTE,
    },
    idempotency: {
      ttlSeconds: env.IDEMPOTENCY_TTL_SECONDS,
      waitMs: env.IDEMPOTENCY_WAIT_MS,
      claimTimeoutSeconds: env.IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS,
    },
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return toConfig(parsed.data);
}
