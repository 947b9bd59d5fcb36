// `holdfast worker` as deployed, beside the API: its log lines are JSON naming the workflow,
// the run and the API request behind them; its /metrics (business metrics) is guarded like
// the API's; the Temporal runtime serves the SDK's metrics; its spans reach an OTLP endpoint;
// and every query of the Grafana dashboard and the alert rules names a metric that these
// scrapes of a run expose.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Registry } from 'prom-client';
import { freePort } from '../../devtools/free-port';
import { raiseException } from '../../db/queries/exceptions';
import { SIM_STRIPE_SECRET_KEY } from '../../sim/credentials';
import { serveMetrics } from '../../api/metrics-server';
import { eventually } from '../support/eventually';
import { metricNamesExposed, metricNamesIn } from '../support/promql-metric-names';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal } from '../support/temporal';

const ROOT = path.resolve(__dirname, '../..');
const HOLDFAST = path.join(ROOT, 'bin/holdfast.js');
const TOKEN = 'worker-metrics-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

describe('the worker as deployed: JSON logs with the request id, its metrics, OTLP traces, and the dashboard and alerts against them', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let worker: ChildProcess | undefined;
  let stderr = '';
  let workerMetricsUrl: string;
  let sdkMetricsUrl: string;
  let payment: { id: string; requestId: string };
  /** A stand-in OTLP collector: what the worker exported, by path and content type. */
  let collector: Server;
  const exported: Array<{ path: string; type: string; body: Buffer }> = [];

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({ withWorker: false, psps: ['stripe'], env: { METRICS_TOKEN: TOKEN } });
    const temporal = await sharedTemporal();
    const [workerPort, sdkPort] = [await freePort(), await freePort()];
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        exported.push({ path: req.url ?? '', type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    worker = spawn(process.execPath, [HOLDFAST, 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        // The stack's: the data keys in its database are wrapped by it.
        HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: stack.config.temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
        // Unversioned: versioned, it would promote its build in the deployment `holdfast` that
        // any other suite's `holdfast worker` on this shared server joins (versioning has its own test).
        TEMPORAL_WORKER_VERSIONING: 'false',
        STRIPE_SECRET_KEY: SIM_STRIPE_SECRET_KEY,
        STRIPE_API_BASE: stack.sim.stripeUrl,
        DEFAULT_PSPS: 'stripe',
        SETTLEMENT_SCHEDULE_ID: 'off',
        METRICS_TOKEN: TOKEN,
        WORKER_METRICS_PORT: String(workerPort),
        TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkPort}`,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        // The SDK logs each workflow and activity start and end at debug.
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    worker.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<never>((_resolve, reject) =>
      worker!.once('exit', (code) => reject(new Error(`holdfast worker exited (${code}):\n${stderr}`))),
    );
    await Promise.race([eventually('the worker polling', async () => stderr.includes('holdfast worker polling'), 90_000), exited]);
    workerMetricsUrl = /holdfast worker: metrics at (\S+)/.exec(stderr)![1]!;
    sdkMetricsUrl = /Temporal SDK metrics at (\S+)/.exec(stderr)![1]!;

    const { api } = await stack.merchant();
    const created = await api.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    payment = { id: created.body.id, requestId: created.headers.get('request-id')! };
  });
  after(async () => {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    await stack?.stop();
    collector?.close();
  });

  const scrape = async (url: string, headers: Record<string, string> = bearer) => {
    const response = await fetch(url, { headers });
    assert.equal(response.status, 200, `${url}: ${response.status}`);
    return response.text();
  };

  it("logs JSON lines naming the workflow, its run and the API request behind the payment, from the workflow's first line on", async () => {
    const oursNow = () =>
      stderr
        .split('\n')
        // Whole lines only: the last may still be arriving.
        .slice(0, -1)
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.workflow_id === `payment-${payment.id}`);
    // The SDK writes "Activity started" before any interceptor sees the activity's headers: that
    // one line names the workflow and run but not the request (docs/observability.md).
    const fromSdk = (lines: Record<string, unknown>[]) =>
      lines.filter((line) => line.sdkComponent === 'worker' && line.msg !== 'Activity started');
    // The payment's answer reaches the test before the worker's last lines of it reach its pipe.
    const ours = await eventually("the workflow's start and its activities to be logged", async () => {
      const lines = oursNow();
      const logged =
        lines.some((line) => line.msg === 'Workflow started') &&
        lines.some((line) => line.msg === 'Activity completed' && line.activityType === 'authorizePayment') &&
        fromSdk(lines).length >= 4;
      return logged && lines;
    }).catch((error: Error) =>
      assert.fail(
        `${error.message}; its lines:\n${oursNow()
          .map((line) => JSON.stringify(line))
          .join('\n')}`,
      ),
    );
    // The request that last reached the workflow names its lines: the create until the PSP's
    // webhook for the payment arrives as a signal with a request id of its own (when that is
    // depends on the simulator's timing). The start and the authorization come before any.
    const beforeAnySignal = ours.filter(
      (line) => line.msg === 'Workflow started' || (line.activityType === 'authorizePayment' && line.msg === 'Activity completed'),
    );
    assert.equal(beforeAnySignal.length, 2, JSON.stringify(beforeAnySignal));
    for (const line of beforeAnySignal) assert.equal(line.request_id, payment.requestId, `request_id on ${JSON.stringify(line)}`);
    for (const line of fromSdk(ours)) {
      assert.match(String(line.request_id), /^req_[0-9a-f]{32}$/, `request_id on ${JSON.stringify(line)}`);
      assert.match(String(line.run_id), /^[0-9a-f-]{36}$/);
      assert.equal(line.taskToken, undefined, 'no task tokens');
    }
    const plain = stderr.split('\n').filter((line) => line && !line.startsWith('{') && !line.startsWith('holdfast worker'));
    assert.deepEqual(plain, [], 'every SDK line is JSON');
  });

  it('serves its business metrics only to the METRICS_TOKEN, and counts the authorization by PSP and outcome', async () => {
    assert.equal((await fetch(workerMetricsUrl)).status, 401);
    assert.equal((await fetch(workerMetricsUrl, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status, 401);
    const text = await scrape(workerMetricsUrl);
    assert.match(text, /^holdfast_psp_authorizations_total\{psp="stripe",outcome="authorized"\} 1$/m);
    assert.match(text, /^holdfast_psp_request_duration_seconds_count\{psp="stripe",operation="authorize",outcome="ok"\} 1$/m);
    assert.match(text, /^holdfast_psp_circuit_open\{psp="stripe"\} 0$/m);
    assert.match(text, /^holdfast_webhook_deliveries_pending 0$/m);
  });

  it('reads open exceptions by kind from the database on each scrape, and every database gauge is collected', async () => {
    await raiseException(stack.db, { kind: 'capture_unsettled', subject: `item_${payment.id}`, context: {} });
    const text = await scrape(workerMetricsUrl);
    assert.match(text, /^holdfast_exceptions_open\{kind="capture_unsettled"\} 1$/m);
    assert.match(text, /^holdfast_exceptions_raised_last_hour\{kind="capture_unsettled"\} 1$/m);
    assert.ok(
      !stderr.includes('metric not collected'),
      `a gauge's query failed:\n${stderr
        .split('\n')
        .filter((l) => l.includes('metric not collected'))
        .join('\n')}`,
    );
  });

  it("exports its spans to OTEL_EXPORTER_OTLP_ENDPOINT over OTLP/HTTP: the payment's workflow and activities", async () => {
    const traces = () => Buffer.concat(exported.filter((e) => e.path === '/v1/traces').map((e) => e.body));
    // The batch processor sends every 5 s; protobuf keeps strings as they are.
    await eventually('the workflow and its activities exported', async () => {
      const body = traces();
      return (
        body.includes(`payment-${payment.id}`) &&
        body.includes('RunActivity:authorizePayment') &&
        body.includes('StartActivity:authorizePayment')
      );
    });
    assert.ok(
      exported.every((e) => e.path === '/v1/traces' && e.type === 'application/x-protobuf'),
      JSON.stringify(exported.map((e) => [e.path, e.type])),
    );
  });

  it('has no /metrics at all without a METRICS_TOKEN, like the API', async () => {
    const server = await serveMetrics({ registry: new Registry(), token: undefined, host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(server.url, { headers: bearer });
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'route_not_found');
    } finally {
      await server.stop();
    }
  });

  it("the Temporal runtime serves the SDK's metrics: task latencies, slots, sticky cache", async () => {
    const names = metricNamesExposed(await scrape(sdkMetricsUrl, {}));
    for (const name of [
      'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
      'temporal_worker_task_slots_available',
      'temporal_sticky_cache_size',
    ]) {
      assert.ok(names.has(name), name);
    }
  });

  it('every query of the dashboard and the alert rules names a metric the API, the worker or the SDK exposes', async () => {
    const exposed = new Set([
      ...metricNamesExposed(await scrape(`${stack.apiUrl}/metrics`)),
      ...metricNamesExposed(await scrape(workerMetricsUrl)),
      ...metricNamesExposed(await scrape(sdkMetricsUrl, {})),
    ]);
    const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'monitoring/grafana/holdfast-dashboard.json'), 'utf8')) as {
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
    };
    const queries = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ where: `panel "${panel.title}"`, expr: target.expr })),
    );
    const rules = readFileSync(path.join(ROOT, 'monitoring/prometheus/holdfast-alerts.yml'), 'utf8');
    // Each rule's expr: a one-line value, or a block (|) of indented lines.
    for (const match of rules.matchAll(/^( *)expr: (\|\n(?:\1 +.*\n)+|.*)/gm)) {
      queries.push({ where: 'alert rules', expr: match[2]!.replace(/^\|/, '') });
    }
    assert.ok(queries.length >= 30, `found the queries (${queries.length})`);
    for (const { where, expr } of queries) assert.ok(metricNamesIn(expr).length > 0, `${where}: read no metric out of ${expr}`);
    const missing = queries.flatMap(({ where, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    assert.deepEqual(missing, []);
  });
});
