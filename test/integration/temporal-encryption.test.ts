// Temporal payloads are sealed by the keyring on the real stack: a payment's history on the
// server holds neither the customer's email nor the description, in `temporal workflow show`
// or the raw history; the codec endpoint (/ops/codec) decodes them for a finance key or an /ops
// session, for the Temporal CLI too, and refuses merchants, strangers, foreign origins and
// tampered payloads; failure messages and memos are sealed as well.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { WorkflowFailedError } from '@temporalio/client';
import { type Payload } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { loadConfig } from '../../config/config';
import { createFinanceKey } from '../../db/queries/merchants';
import { ensureTemporalCli } from '../../devtools/temporal-tools';
import { openKeyring } from '../../db/sealed/open-keyring';
import { encryptedDataConverter, failureConverterPath } from '../../keyring/temporal-data-converter';
import { paymentWorkflowId } from '../../contracts/payment.contract';
import { workflowBundle } from '../../workers/workflow-bundle';
import type { PersonalDataActivities } from './fixtures/personal-data-failure.workflow';
import { stackForSuite } from '../support/stack';
import { sharedTemporal, uniqueTaskQueue } from '../support/temporal';

const UI_ORIGIN = 'http://temporal-ui.test:8233';
const run = promisify(execFile);

describe('Temporal payloads encrypted with the keyring', function () {
  this.timeout(180_000);
  const suite = stackForSuite({ env: { TEMPORAL_UI_ORIGIN: UI_ORIGIN } });
  const email = `ada.${randomUUID().slice(0, 8)}@codec.example`;
  const description = `Lovelace engine ${randomUUID().slice(0, 8)}`;
  let paymentId: string;
  let financeKey: string;

  before(async () => {
    const created = await suite.api.post('/v1/payments', {
      amount: 1_250,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      description,
      customer: { email, name: 'Ada Lovelace' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    paymentId = created.body.id;
    financeKey = (await createFinanceKey(suite.stack.db)).apiKey;
  });

  /** `temporal <args>` against the tests' server, as an operator would run it. */
  async function temporalCli(args: string[]): Promise<string> {
    const { address, namespace } = await sharedTemporal();
    const cli = await ensureTemporalCli(loadConfig().temporal.cliPath);
    const { stdout } = await run(cli, [...args, '--address', address, '--namespace', namespace], { maxBuffer: 16 << 20 });
    return stdout;
  }

  /** The started event's input payloads, as the server keeps them (no codec on the way). */
  async function storedInput(workflowId: string): Promise<Payload[]> {
    const history = await (await sharedTemporal()).client.workflow.getHandle(workflowId).fetchHistory();
    return history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  }

  const asJson = (payloads: Payload[]) => ({
    payloads: payloads.map((p) => ({
      metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(p.data ?? []).toString('base64'),
    })),
  });

  function codec(path: 'decode' | 'encode', body: unknown, headers: Record<string, string>) {
    return fetch(`${suite.stack.apiUrl}/ops/codec/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  const decodedText = async (response: Response) => {
    const { payloads } = (await response.json()) as { payloads: Array<{ data: string }> };
    return payloads.map((p) => Buffer.from(p.data, 'base64').toString()).join('\n');
  };

  /** An /ops session cookie, logged in through the form as a browser would. */
  async function opsSessionCookie(): Promise<string> {
    const base = suite.stack.apiUrl;
    const form = await fetch(`${base}/ops`);
    const token = /name="csrf_token" value="([^"]+)"/.exec(await form.text())![1]!;
    const login = form.headers
      .getSetCookie()
      .find((c) => c.startsWith('hf_ops_login='))!
      .split(';')[0]!;
    const response = await fetch(`${base}/ops/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: login, origin: base },
      body: new URLSearchParams({ api_key: financeKey, csrf_token: token }).toString(),
    });
    assert.equal(response.status, 303);
    return response.headers
      .getSetCookie()
      .find((c) => c.startsWith('hf_ops='))!
      .split(';')[0]!;
  }

  it('`temporal workflow show` of the payment prints neither the email nor the description', async () => {
    const workflowId = paymentWorkflowId(paymentId);
    for (const format of [['--detailed'], ['--output', 'json']]) {
      const shown = await temporalCli(['workflow', 'show', '--workflow-id', workflowId, ...format]);
      assert.match(shown, /binary\/encrypted|YmluYXJ5L2VuY3J5cHRlZA/, 'the payloads are there, sealed');
      assert.ok(!shown.includes(email), `${format.join(' ')}: the email is not in clear`);
      assert.ok(!shown.includes(description), `${format.join(' ')}: the description is not in clear`);
      assert.ok(!shown.includes('Lovelace'), `${format.join(' ')}: nor the name`);
    }
    // The raw history too, every event's bytes.
    const raw = await (await sharedTemporal()).client.workflow.getHandle(workflowId).fetchHistory();
    const bytes = Buffer.from(proto.api.history.v1.History.encode(proto.api.history.v1.History.fromObject(raw)).finish());
    assert.ok(!bytes.includes(email) && !bytes.includes(description));
  });

  it('the Temporal CLI shows them decoded through the codec endpoint with a finance key', async () => {
    const shown = await temporalCli([
      'workflow',
      'show',
      '--workflow-id',
      paymentWorkflowId(paymentId),
      '--output',
      'json',
      '--codec-endpoint',
      `${suite.stack.apiUrl}/ops/codec`,
      '--codec-auth',
      `Bearer ${financeKey}`,
    ]);
    // JSON output keeps payload data in base64 (or, for JSON payloads, as JSON): read both.
    const readable = [
      shown,
      ...[...shown.matchAll(/"data": "([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString()),
    ].join('\n');
    assert.ok(readable.includes(email), 'the email, decoded');
    assert.ok(readable.includes(description), 'the description, decoded');
    assert.ok(!shown.includes('YmluYXJ5L2VuY3J5cHRlZA'), 'no payload left sealed');
  });

  it('the codec endpoint decodes for a finance key and for an /ops session', async () => {
    const sealed = await storedInput(paymentWorkflowId(paymentId));
    const byKey = await codec('decode', asJson(sealed), {
      authorization: `Bearer ${financeKey}`,
      'x-namespace': suite.stack.config.temporal.namespace,
    });
    assert.equal(byKey.status, 200);
    const text = await decodedText(byKey);
    assert.ok(text.includes(email) && text.includes(description), text);

    const bySession = await codec('decode', asJson(sealed), { cookie: await opsSessionCookie(), origin: UI_ORIGIN });
    assert.equal(bySession.status, 200);
    assert.equal(bySession.headers.get('access-control-allow-origin'), UI_ORIGIN);
    assert.equal(bySession.headers.get('access-control-allow-credentials'), 'true');
    assert.ok((await decodedText(bySession)).includes(email));
  });

  it('encodes with the current data key, and what it encodes decodes', async () => {
    const plain = {
      payloads: [
        {
          metadata: { encoding: Buffer.from('json/plain').toString('base64') },
          data: Buffer.from(JSON.stringify(email)).toString('base64'),
        },
      ],
    };
    const encoded = await codec('encode', plain, { authorization: `Bearer ${financeKey}` });
    assert.equal(encoded.status, 200);
    const body = (await encoded.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    assert.equal(Buffer.from(body.payloads[0]!.metadata.encoding!, 'base64').toString(), 'binary/encrypted');
    assert.ok(!Buffer.from(body.payloads[0]!.data, 'base64').includes(email));
    const decoded = await codec('decode', body, { authorization: `Bearer ${financeKey}` });
    assert.deepEqual(await decoded.json(), plain);
  });

  it('refuses a merchant key (403), no credentials (401), and another namespace (400)', async () => {
    const sealed = asJson(await storedInput(paymentWorkflowId(paymentId)));
    const { apiKey } = await suite.stack.merchant();
    const merchant = await codec('decode', sealed, { authorization: `Bearer ${apiKey}` });
    assert.equal(merchant.status, 403);
    assert.equal(((await merchant.json()) as { error: { code: string } }).error.code, 'api_key_wrong_role');
    const strangers: Array<Record<string, string>> = [{}, { cookie: 'hf_ops=not-a-session' }, { authorization: 'Bearer sk_nobody' }];
    for (const headers of strangers) {
      const stranger = await codec('decode', sealed, headers);
      assert.equal(stranger.status, 401, JSON.stringify(headers));
      assert.ok(!(await stranger.text()).includes(email));
    }
    const other = await codec('decode', sealed, { authorization: `Bearer ${financeKey}`, 'x-namespace': 'someone-else' });
    assert.equal(other.status, 400);
    assert.deepEqual(((await other.json()) as { error: { code: string; param: string } }).error, {
      type: 'invalid_request_error',
      code: 'namespace_unknown',
      param: 'X-Namespace',
      message: `This codec serves the namespace ${suite.stack.config.temporal.namespace} only.`,
    });
  });

  it('refuses malformed bodies with the offending field', async () => {
    const auth = { authorization: `Bearer ${financeKey}` };
    const cases: Array<[unknown, string]> = [
      [{ payloads: [{ data: 'not base64!' }] }, 'payloads[0][data]'],
      [{ payloads: [{ metadata: { 'bad\u0000name': 'AA==' } }] }, 'payloads[0][metadata]'],
      [{ payloads: 'x' }, 'payloads'],
      [{ payloads: [], extra: 1 }, 'extra'],
    ];
    for (const [body, param] of cases) {
      const response = await codec('decode', body, auth);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(((await response.json()) as { error: { param: string } }).error.param, param, JSON.stringify(body));
    }
    const form = await fetch(`${suite.stack.apiUrl}/ops/codec/decode`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '{}',
    });
    assert.equal(form.status, 415);
  });

  it('a tampered payload fails decoding loudly, naming it, instead of returning garbage', async () => {
    const sealed = asJson(await storedInput(paymentWorkflowId(paymentId)));
    const data = Buffer.from(sealed.payloads[0]!.data, 'base64');
    data[data.length - 1] = data[data.length - 1]! ^ 0x01;
    sealed.payloads[0]!.data = data.toString('base64');
    const response = await codec('decode', sealed, { authorization: `Bearer ${financeKey}` });
    assert.equal(response.status, 400);
    const { error } = (await response.json()) as { error: { code: string; param: string } };
    assert.equal(error.code, 'payload_tampered');
    assert.equal(error.param, 'payloads[0]');
  });

  it('answers the CORS preflight for the configured UI origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${suite.stack.apiUrl}/ops/codec/decode`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
      });
    const ours = await preflight(UI_ORIGIN);
    assert.equal(ours.status, 204);
    assert.equal(ours.headers.get('access-control-allow-origin'), UI_ORIGIN);
    assert.equal(ours.headers.get('access-control-allow-credentials'), 'true');
    assert.match(ours.headers.get('access-control-allow-headers') ?? '', /X-Namespace/i);
    assert.match(ours.headers.get('access-control-allow-methods') ?? '', /POST/);
    const theirs = await preflight('https://evil.example');
    assert.equal(theirs.status, 403);
    assert.equal(theirs.headers.get('access-control-allow-origin'), null);
    // An answer to another origin carries no CORS header: its page cannot read it.
    const answered = await codec('decode', { payloads: [] }, { authorization: `Bearer ${financeKey}`, origin: 'https://evil.example' });
    assert.equal(answered.headers.get('access-control-allow-origin'), null);
  });

  it('seals failure messages that quote personal data, and the client reads them back', async () => {
    // The production bundle converts the workflow's own failures with the encoding converter.
    assert.ok((await workflowBundle()).code.includes('failure-converter'), 'the worker bundle carries the failure converter');
    const { stack } = suite;
    const keyring = await openKeyring(stack.db, stack.config.encryption, () => {});
    const taskQueue = uniqueTaskQueue('personal-failure');
    const workflowId = `personal-failure-${randomUUID()}`;
    const activities: PersonalDataActivities = {
      async refuseCustomer(customer) {
        throw new Error(`the PSP refused ${customer}`);
      },
    };
    const worker = await Worker.create({
      connection: stack.connection,
      namespace: stack.config.temporal.namespace,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./fixtures/personal-data-failure.workflow'),
        failureConverterPath,
      }),
      activities,
      dataConverter: encryptedDataConverter(keyring),
    });
    try {
      const failed = await worker.runUntil(
        stack.client.workflow.execute('failsQuotingPersonalData', { taskQueue, workflowId, args: [email] }).then(
          () => assert.fail('the workflow should fail'),
          (error: unknown) => error,
        ),
      );
      assert.ok(failed instanceof WorkflowFailedError);
      assert.equal(failed.cause?.message, `the workflow refused ${email}`, 'decoded for the stack client');
      // The workflow's failure ← the activity failure ← the activity's own error.
      assert.equal(
        ((failed.cause?.cause as Error | undefined)?.cause as Error | undefined)?.message,
        `the PSP refused ${email}`,
        'the activity failure too',
      );
    } finally {
      keyring.close();
    }
    const shown = await temporalCli(['workflow', 'show', '--workflow-id', workflowId, '--output', 'json']);
    assert.match(shown, /ActivityTaskFailed|EVENT_TYPE_ACTIVITY_TASK_FAILED/);
    assert.ok(!shown.includes(email), 'neither failure message is in clear');
    assert.ok(!shown.includes('refused'), 'the message moved into the sealed attributes');
  });

  it('seals memos set through the client', async () => {
    const { stack } = suite;
    const workflowId = `memo-${randomUUID()}`;
    // Nothing polls this queue: the memo is written at start, the run is terminated after.
    const handle = await stack.client.workflow.start('paymentWorkflow', {
      taskQueue: uniqueTaskQueue('unpolled'),
      workflowId,
      args: [],
      memo: { customer: email },
    });
    try {
      assert.equal((await handle.describe()).memo?.customer, email, 'the stack client reads it');
      const raw = await (
        await sharedTemporal()
      ).client.workflowService.describeWorkflowExecution({
        namespace: stack.config.temporal.namespace,
        execution: { workflowId },
      });
      const field = raw.workflowExecutionInfo!.memo!.fields!.customer!;
      assert.equal(Buffer.from(field.metadata!.encoding!).toString(), 'binary/encrypted');
      assert.ok(!Buffer.from(field.data!).includes(email));
    } finally {
      await handle.terminate('test done');
    }
  });
});
