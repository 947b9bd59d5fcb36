// One trace from the HTTP request to the PSP and the ledger: the API's server span, the
// Temporal client's update-with-start, the payment workflow (its spans leave the sandbox
// through the worker's sink), its activities, the Stripe SDK's HTTP call to the PSP and the
// ledger write's SQL — collected in memory and checked as a tree.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { createLogger } from '../../telemetry/logger';
import { encryptedDataConverter } from '../../keyring/temporal-data-converter';
import { startTracing, type Tracing } from '../../telemetry/tracing';
import { workflowBundle } from '../../workers/workflow-bundle';
import { eventually } from '../support/eventually';
import { startTestStack, type TestStack } from '../support/stack';

describe('a payment is one trace from the HTTP request to the PSP call and the ledger write', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let tracing: Tracing;
  const exporter = new InMemorySpanExporter();
  let apiLog = '';
  const apiLogSink = new Writable({
    write(chunk, _encoding, done) {
      apiLog += chunk.toString();
      done();
    },
  });

  before(async function () {
    this.timeout(300_000);
    // Before the stack: its worker bundles the tracing interceptors only when tracing runs.
    tracing = startTracing({ serviceName: 'holdfast-test', spanProcessor: new SimpleSpanProcessor(exporter) });
    // The workflow span ends with the workflow: a captured payment's closes once its refund window does.
    stack = await startTestStack({ env: { REFUND_WINDOW_SECONDS: '1' }, logger: createLogger('info', apiLogSink) });
  });
  after(async () => {
    await stack?.stop();
    await tracing?.shutdown();
  });

  /** The spans of one trace as a printable tree, for failure messages. */
  function render(spans: ReadableSpan[], root: ReadableSpan, depth = 0): string {
    const line = `${'  '.repeat(depth)}${root.name} [${SpanKind[root.kind]}]${root.attributes['db.statement'] ? ` ${String(root.attributes['db.statement']).slice(0, 60).replace(/\s+/g, ' ')}` : ''}`;
    const children = spans.filter((s) => s.parentSpanId === root.spanContext().spanId);
    return [line, ...children.map((child) => render(spans, child, depth + 1))].join('\n');
  }

  it('HTTP request → update-with-start → workflow → authorize activity → PSP HTTP call, and → transition activity → ledger SQL', async () => {
    const { api } = await stack.merchant();
    const created = await api.post('/v1/payments', { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'captured');
    const workflowId = `payment-${created.body.id}`;

    const spans = () => exporter.getFinishedSpans();
    const request = await eventually('the API request span', async () =>
      spans().find(
        (s) => s.kind === SpanKind.SERVER && s.attributes['http.target'] === '/v1/payments' && s.attributes['http.method'] === 'POST',
      ),
    );
    const traceId = request.spanContext().traceId;
    const inTrace = () => spans().filter((s) => s.spanContext().traceId === traceId);
    const workflow = await eventually('the workflow span (it ends with the workflow)', async () =>
      inTrace().find((s) => s.name === 'RunWorkflow:paymentWorkflow' && s.attributes.workflowId === workflowId),
    );
    const tree = () => render(inTrace(), request);
    const childOf = (parent: ReadableSpan, match: (s: ReadableSpan) => boolean, what: string) => {
      const found = inTrace().find((s) => s.parentSpanId === parent.spanContext().spanId && match(s));
      assert.ok(found, `${what} under ${parent.name}:\n${tree()}`);
      return found;
    };

    const start = childOf(request, (s) => s.name === 'UpdateWithStartWorkflow:awaitOutcome', 'the update-with-start');
    assert.equal(workflow.parentSpanId, start.spanContext().spanId, `the workflow runs under the client's start:\n${tree()}`);
    const authorize = childOf(
      childOf(workflow, (s) => s.name === 'StartActivity:authorizePayment', 'scheduling the authorization'),
      (s) => s.name === 'RunActivity:authorizePayment',
      'the authorization',
    );
    const pspCall = childOf(
      authorize,
      (s) => s.kind === SpanKind.CLIENT && String(s.attributes['http.url']).endsWith('/v1/payment_intents'),
      "the Stripe SDK's call",
    );
    assert.equal(pspCall.attributes['http.method'], 'POST');

    // The capture's state change: its ledger posting, read model and outbox in one transaction.
    const transitions = inTrace()
      .filter((s) => s.name === 'StartActivity:recordPaymentTransition' && s.parentSpanId === workflow.spanContext().spanId)
      .flatMap((scheduled) =>
        inTrace().filter((s) => s.parentSpanId === scheduled.spanContext().spanId && s.name === 'RunActivity:recordPaymentTransition'),
      );
    assert.ok(transitions.length >= 1, `the state changes run as activities under the workflow:\n${tree()}`);
    // payment_record_transition() is the one statement that writes a transition's ledger posting.
    const ledgerWrites = inTrace().filter(
      (s) =>
        transitions.some((t) => s.parentSpanId === t.spanContext().spanId) &&
        /payment_record_transition\(/.test(String(s.attributes['db.statement'] ?? '')),
    );
    assert.equal(ledgerWrites.length, transitions.length, `each transition activity's ledger write is in the trace:\n${tree()}`);
    assert.ok(ledgerWrites.every((s) => s.attributes['db.system'] === 'postgresql'));
    const ledger = await api.get(`/v1/ledger/transactions?payment=${created.body.id}`);
    assert.deepEqual(
      ledger.body.data.map((t: { kind: string }) => t.kind),
      ['authorization_hold', 'capture'],
      'and the books hold what they wrote',
    );

    // The API's log line for the request names its trace.
    const line = apiLog
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.route === '/v1/payments' && l.request_id === created.headers.get('request-id'));
    assert.ok(line, apiLog);
    assert.equal(line.trace_id, traceId);
    assert.equal(line.span_id, request.spanContext().spanId);

    // Tracing on or off is the worker's choice: the history a traced worker wrote replays on an
    // untraced one (and the committed untraced ones on a traced one: test/replay).
    const history = await stack.client.workflow.getHandle(workflowId).fetchHistory();
    const replaying = { workflowBundle: await workflowBundle({ tracing: false }), dataConverter: encryptedDataConverter(stack.keyring) };
    await Worker.runReplayHistory(replaying, history, workflowId);
  });

  it("keeps a list filter's personal data out of the request's spans: the URL is recorded without its query", async () => {
    const { api } = await stack.merchant();
    const email = `ada.${randomUUID().slice(0, 8)}@traced.example`;
    const order = `order-${randomUUID().slice(0, 8)}`;
    const listed = await api.get(`/v1/payments?customer_email=${encodeURIComponent(email)}&metadata[order]=${order}`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    const request = await eventually('the list request span', async () =>
      exporter
        .getFinishedSpans()
        .find(
          (s) =>
            s.kind === SpanKind.SERVER &&
            s.attributes['http.method'] === 'GET' &&
            String(s.attributes['http.target']).startsWith('/v1/payments'),
        ),
    );
    assert.equal(request.attributes['http.target'], '/v1/payments');
    const inTrace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === request.spanContext().traceId);
    for (const span of inTrace) {
      const attributes = JSON.stringify(span.attributes);
      for (const secret of [email, encodeURIComponent(email), order])
        assert.ok(!attributes.includes(secret), `${span.name} records ${secret}: ${attributes}`);
    }

    // A card number in the path is refused (card-data guard) and, as in the logs, leaves no trace.
    const card = await api.get('/v1/payments/4242424242424242');
    assert.equal(card.status, 400, JSON.stringify(card.body));
    const refused = await eventually('the refused request span', async () =>
      exporter
        .getFinishedSpans()
        .find(
          (s) =>
            s.kind === SpanKind.SERVER &&
            s.attributes['http.status_code'] === 400 &&
            String(s.attributes['http.target']).startsWith('/v1/payments/'),
        ),
    );
    assert.ok(!JSON.stringify(refused.attributes).includes('4242424242424242'), JSON.stringify(refused.attributes));
  });
});
