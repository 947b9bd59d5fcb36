// Personal data at rest on the real stack: nothing a merchant sent about a person is stored in
// clear, a tampered value is refused rather than shown, and a data-key rotation by the CLI
// reseals every row onto the new key while the service keeps answering the same; the old key
// is retired only when no row and no Temporal history can still need it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { createHoldfastClient } from '@holdfast/client';
import { createFinanceKey } from '../../db/queries/merchants';
import { businessDateOf } from '../../domain/settlement/business-date';
import { openKeyring } from '../../db/sealed/open-keyring';
import { UnknownDataKey } from '../../keyring/keyring';
import { keyIdOf, openText, sealText } from '../../keyring/sealed-text';
import { rowsUsingKey } from '../../db/sealed/reseal-rows';
import { SEALED_TABLE_NAMES } from '../../domain/sealed-tables';
import { eventually } from '../support/eventually';
import { stackForSuite } from '../support/stack';
import { sharedTemporal } from '../support/temporal';
import { answered, withId } from '../support/typed-answers';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');

describe('personal data encrypted at rest, and data-key rotation', function () {
  this.timeout(240_000);
  const suite = stackForSuite();
  const tag = randomUUID().slice(0, 8);
  const email = `grace.${tag}@rest.example`;
  const name = `Grace Hopper ${tag}`;
  const description = `Cobol compiler ${tag}`;
  const orderRef = `order-${tag}-kept-secret`;
  const legacySecret = `whsec_legacy${tag}`;
  let paymentId: string;
  let endpoint: { id: string; secret: string };
  let owner: PgClient;

  before(async () => {
    owner = new PgClient({ connectionString: suite.stack.ownerDatabaseUrl });
    await owner.connect();
    const payment = answered(
      await suite.client.POST('/v1/payments', {
        params: { header: { 'Idempotency-Key': `rest-${tag}` } },
        body: {
          amount: 2_500,
          currency: 'usd',
          payment_method: 'pm_card_visa',
          // Manual capture: the workflow stays open, a history that began before the rotation.
          capture_method: 'manual',
          description,
          metadata: { order: orderRef },
          customer: { email, name },
        },
      }),
      201,
    );
    paymentId = payment.id;
    // Only refund.failed: nothing is delivered to the address below during the suite.
    const created = answered(
      await suite.client.POST('/v1/webhook_endpoints', { body: { url: 'http://127.0.0.1:9/hooks', events: ['refund.failed'] } }),
      201,
    );
    endpoint = { id: created.id, secret: created.secret };
    await eventually('the payment and its event to be recorded', async () => {
      const rows = await owner.query(
        `select (select count(*) from payments where id = $1)::int + (select count(*) from events where payment_id = $1)::int as n`,
        [paymentId],
      );
      return rows.rows[0].n >= 2;
    });
  });
  after(() => owner?.end());

  async function tableDump(): Promise<string> {
    const tables = await owner.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    const lines: string[] = [];
    for (const { name: table } of tables.rows) {
      const rows = await owner.query(`select row_to_json(t)::text as row from "${table}" t`);
      lines.push(...rows.rows.map((row: { row: string }) => row.row));
    }
    return lines.join('\n');
  }

  async function paymentRow(): Promise<{
    description: string;
    metadata: Record<string, string>;
    customer: string;
    data_key_id: string;
    customer_email_index: string;
    metadata_index: string[];
  }> {
    return (
      await owner.query(
        'select description, metadata, customer, data_key_id, customer_email_index, metadata_index from payments where id = $1',
        [paymentId],
      )
    ).rows[0];
  }

  async function assertPaymentReadsBack(): Promise<void> {
    const fetched = answered(await suite.client.GET('/v1/payments/{id}', withId(paymentId)), 200);
    assert.equal(fetched.description, description);
    assert.deepEqual(fetched.metadata, { order: orderRef });
    assert.deepEqual(fetched.customer, { email, name });
  }

  /** The CLI as an operator runs it, against this stack; its exit code and output. */
  async function holdfast(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const temporal = await sharedTemporal();
    const { stack } = suite;
    const processEnv = {
      ...process.env,
      DATABASE_URL: stack.databaseUrl,
      MIGRATION_DATABASE_URL: stack.ownerDatabaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
      HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey!,
      ...env,
    };
    return new Promise((resolve) => {
      execFile(process.execPath, [HOLDFAST, 'keys', ...args], { env: processEnv }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  async function keyState(keyId: string) {
    return (
      await owner.query('select state, wrapped_key is not null as held, superseded_at, retired_at from data_keys where id = $1', [keyId])
    ).rows[0];
  }

  it("keeps the request's fingerprint as a keyed hash: a dump cannot confirm a guessed email by hashing a body", async () => {
    const stored = await owner.query<{ claim: string; bound: string }>(
      `select k.request_hash as claim, d.request_hash as bound from idempotency_keys k join derived_ids d on d.object_id = $2 where k.key = $1`,
      [`rest-${tag}`, paymentId],
    );
    const { claim, bound } = stored.rows[0]!;
    assert.match(claim, /^k1:/);
    assert.equal(bound, claim);
    // What a plain hash of the guessed request would be (the fingerprint releases before this one kept).
    const guessed = {
      amount: 2_500,
      capture_method: 'manual',
      currency: 'usd',
      customer: { email, name },
      description,
      metadata: { order: orderRef },
      payment_method: 'pm_card_visa',
    };
    const plain = createHash('sha256')
      .update(`POST /v1/payments\n${JSON.stringify(guessed)}`)
      .digest('hex');
    const dump = await tableDump();
    assert.ok(!dump.includes(plain), 'the plain hash of the body is nowhere');
  });

  it('keeps none of it in clear in any table, and the merchant reads it back', async () => {
    const dump = await tableDump();
    for (const secret of [email, name, description, orderRef, endpoint.secret])
      assert.ok(!dump.includes(secret), `${secret} is stored in clear`);
    // The dump is not empty of this payment: its row is there, sealed.
    const row = await paymentRow();
    assert.match(row.description, /^hf1:dk_[0-9a-f]{16}:/);
    await assertPaymentReadsBack();
  });

  it('answers an error, never garbage, for a value altered at rest', async () => {
    const { description: sealed } = await paymentRow();
    const at = sealed.length - 20;
    const altered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    await owner.query('update payments set description = $2 where id = $1', [paymentId, altered]);
    try {
      const answer = await suite.client.GET('/v1/payments/{id}', withId(paymentId));
      assert.equal(answer.response.status, 500);
      assert.equal(answer.data, undefined);
      // Its code and alert are tampered-ciphertext.test.ts's; here: nothing of the value comes back.
      const body = JSON.stringify(answer.error);
      assert.match(body, /"code":"\w+"/);
      assert.ok(!body.includes(description) && !body.includes(altered), body);
    } finally {
      await owner.query('update payments set description = $2 where id = $1', [paymentId, sealed]);
    }
    await assertPaymentReadsBack();
  });

  it("keeps a reconciliation's stored PSP report sealed: Stripe's charges in it carry the payment's description", async () => {
    // Sent to Stripe with the payment, and echoed by its balance transactions (and their expanded charge).
    const reported = `Night train ticket ${tag}`;
    const sale = answered(
      await suite.client.POST('/v1/payments', {
        body: { amount: 1_200, currency: 'usd', payment_method: 'pm_card_visa', psp: 'stripe', description: reported },
      }),
      201,
    );
    assert.equal(sale.status, 'captured');
    const finance = createHoldfastClient({ baseUrl: suite.stack.apiUrl, apiKey: (await createFinanceKey(suite.stack.db)).apiKey });
    const run = answered(
      await finance.POST('/v1/reconciliations', { body: { date: businessDateOf(new Date(), 'UTC'), psp: 'stripe' } }),
      202,
    );
    const { raw_report: stored } = await eventually(`reconciliation ${run.id} to keep its report`, async () => {
      const rows = await owner.query('select raw_report from reconciliation_runs where id = $1 and raw_report is not null', [run.id]);
      return rows.rows[0] as { raw_report: string } | undefined;
    });
    assert.ok(!stored.includes(reported), 'the payment description is stored in clear in reconciliation_runs.raw_report');
    assert.match(stored, /^hf1:dk_[0-9a-f]{16}:/);
    // Still the report as served, for an auditor with the keyring.
    assert.ok((await openText(suite.stack.keyring, stored, 'reconciliation_runs.raw_report')).includes(reported));
  });

  describe('rotation', () => {
    let oldKeyId: string;
    let newKeyId: string;
    let sealedWithOld: string;

    before(async () => {
      oldKeyId = (await paymentRow()).data_key_id;
      assert.equal(oldKeyId, suite.stack.keyring.currentKeyId);
      sealedWithOld = sealText(suite.stack.keyring, 'kept under the old key', 'test.rotation', oldKeyId);
      // A value written before encryption at rest, in clear: the rotation seals it too.
      await owner.query('update webhook_endpoints set previous_secret = $2 where id = $1', [endpoint.id, legacySecret]);
    });

    it('rotate-data-key --wait reseals every row onto the new key, and the service answers the same', async () => {
      const before = await paymentRow();
      const run = await holdfast(['rotate-data-key', '--wait']);
      assert.equal(run.code, 0, run.stderr);
      const [, keyId] = /data key (dk_[0-9a-f]{16}) is active/.exec(run.stdout) ?? [];
      assert.ok(keyId, run.stdout);
      newKeyId = keyId;
      assert.notEqual(newKeyId, oldKeyId);
      assert.match(run.stdout, new RegExp(`resealing in workflow reseal-${newKeyId}`));
      assert.match(run.stdout, /resealed payments [1-9]\d* done, 0 left .*webhook_endpoints [1-9]\d* done, 0 left/);

      assert.deepEqual(await rowsUsingKey(suite.stack.db, oldKeyId), Object.fromEntries(SEALED_TABLE_NAMES.map((table) => [table, 0])));
      const after = await paymentRow();
      assert.equal(after.data_key_id, newKeyId);
      for (const sealed of [after.description, after.metadata.order!, after.customer]) assert.equal(keyIdOf(sealed), newKeyId);
      // The blind indexes use the blind-index key, which never rotates: lists still find the payment.
      assert.equal(after.customer_email_index, before.customer_email_index);
      assert.deepEqual(after.metadata_index, before.metadata_index);
      const { data: eventData } = (await owner.query('select data from events where payment_id = $1 limit 1', [paymentId])).rows[0];
      assert.equal(keyIdOf(eventData), newKeyId);
      const { response_body: answer } = (await owner.query('select response_body from idempotency_keys where key = $1', [`rest-${tag}`]))
        .rows[0];
      assert.equal(keyIdOf(answer), newKeyId);
      const secrets = (await owner.query('select secret, previous_secret from webhook_endpoints where id = $1', [endpoint.id])).rows[0];
      assert.equal(keyIdOf(secrets.secret), newKeyId);
      assert.equal(await openText(suite.stack.keyring, secrets.secret, 'webhook_endpoints.secret'), endpoint.secret);
      assert.equal(keyIdOf(secrets.previous_secret), newKeyId);
      assert.equal(await openText(suite.stack.keyring, secrets.previous_secret, 'webhook_endpoints.secret'), legacySecret);

      const state = await keyState(oldKeyId);
      assert.equal(state.state, 'decrypt_only');
      assert.ok(state.superseded_at instanceof Date);
      await assertPaymentReadsBack();
      // Until it is retired, what the old key sealed still opens.
      assert.equal(await openText(suite.stack.keyring, sealedWithOld, 'test.rotation'), 'kept under the old key');
      const dump = await tableDump();
      for (const secret of [email, description, orderRef, legacySecret]) assert.ok(!dump.includes(secret), `${secret} is stored in clear`);
    });

    it('data-keys lists both keys, the old one sealing no row', async () => {
      const run = await holdfast(['data-keys']);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`^${oldKeyId}\\s+data\\s+decrypt_only\\s+\\S+\\s+\\S+\\s+-\\s+0$`, 'm'));
      assert.match(run.stdout, new RegExp(`^${newKeyId}\\s+data\\s+active\\s+\\S+\\s+-\\s+-\\s+[1-9]\\d*$`, 'm'));
    });

    it('refuses to retire the active key, a key rows still use, and a key histories from before the rotation may hold', async () => {
      const active = await holdfast(['retire-data-key', newKeyId]);
      assert.equal(active.code, 1);
      assert.match(active.stderr, new RegExp(`data key ${newKeyId} is the active one`));

      const stale = sealText(suite.stack.keyring, 'whsec_sealed_before', 'webhook_endpoints.secret', oldKeyId);
      const { previous_secret: resealed } = (
        await owner.query('select previous_secret from webhook_endpoints where id = $1', [endpoint.id])
      ).rows[0];
      await owner.query('update webhook_endpoints set previous_secret = $2 where id = $1', [endpoint.id, stale]);
      try {
        const inUse = await holdfast(['retire-data-key', oldKeyId]);
        assert.equal(inUse.code, 1);
        assert.match(inUse.stderr, new RegExp(`1 rows are still sealed with ${oldKeyId} \\(webhook_endpoints 1\\)`));
      } finally {
        await owner.query('update webhook_endpoints set previous_secret = $2 where id = $1', [endpoint.id, resealed]);
      }

      // The payment's workflow began before the rotation and is still open (awaiting capture).
      const histories = await holdfast(['retire-data-key', oldKeyId]);
      assert.equal(histories.code, 1);
      const [, count] = /(\d+) workflow histories in namespace \S+ may hold payloads sealed with/.exec(histories.stderr) ?? [];
      assert.ok(Number(count) >= 1, histories.stderr);
      const state = await keyState(oldKeyId);
      assert.equal(state.state, 'decrypt_only');
      assert.equal(state.held, true);
    });

    it('retires a superseded key where no row and no history needs it: what it sealed opens no more', async () => {
      // A namespace no workflow ever ran in: the setting where no history predates the key.
      const temporal = await sharedTemporal();
      const namespace = `retire-${randomUUID()}`;
      await temporal.client.connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
      const empty = new Client({ connection: temporal.client.connection, namespace });
      await eventually(
        'the new namespace to answer',
        async () => (await empty.workflow.count().catch(() => undefined))?.count === 0,
        60_000,
      );

      const retired = await holdfast(['retire-data-key', oldKeyId], { TEMPORAL_NAMESPACE: namespace });
      assert.equal(retired.code, 0, retired.stderr);
      assert.match(retired.stdout, new RegExp(`data key ${oldKeyId} is retired`));
      const state = await keyState(oldKeyId);
      assert.equal(state.state, 'retired');
      assert.equal(state.held, false);
      assert.ok(state.retired_at instanceof Date);

      const fresh = await openKeyring(suite.stack.db, suite.stack.config.encryption, () => {}, { refresh: false });
      try {
        await assert.rejects(openText(fresh, sealedWithOld, 'test.rotation'), UnknownDataKey);
      } finally {
        fresh.close();
      }
      await assertPaymentReadsBack();
      const again = await holdfast(['retire-data-key', oldKeyId], { TEMPORAL_NAMESPACE: namespace });
      assert.equal(again.code, 1);
      assert.match(again.stderr, /was retired already/);
    });
  });
});
