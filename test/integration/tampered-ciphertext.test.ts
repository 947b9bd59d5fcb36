// A sealed value altered in the database, or moved to another column, is refused rather than
// returned as garbage: the API answers 500 stored_value_tampered without any of it, logs the
// data key (not the value) and counts it on /metrics, which HoldfastCiphertextTampered pages on.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client as PgClient } from 'pg';
import { createLogger } from '../../telemetry/logger';
import { answered } from '../support/typed-answers';
import { startTestStack, type TestStack } from '../support/stack';

const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;

describe('a tampered ciphertext at rest', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let merchant: Awaited<ReturnType<TestStack['merchant']>>;
  let owner: PgClient;
  let logged = '';

  before(async function () {
    this.timeout(300_000);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    stack = await startTestStack({ logger: createLogger('info', sink), env: { METRICS_TOKEN } });
    merchant = await stack.merchant();
    owner = new PgClient({ connectionString: stack.ownerDatabaseUrl });
    await owner.connect();
  });
  after(async () => {
    await owner?.end();
    await stack?.stop();
  });

  async function payment(description: string) {
    const body = {
      amount: 1500,
      currency: 'usd' as const,
      payment_method: 'pm_card_visa',
      description,
      customer: { email: `${description}@example.com` },
    };
    return answered(await merchant.client.POST('/v1/payments', { body }), 201);
  }

  async function tamperedCount(context: string): Promise<number> {
    const metrics = await (await fetch(`${stack.apiUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const line = metrics.split('\n').find((l) => l.startsWith(`holdfast_ciphertext_tampered_total{context="${context}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('one altered byte: the payment answers 500 stored_value_tampered, logged by key and counted, nothing of the value returned', async () => {
    const description = `tamper-${randomBytes(6).toString('hex')}`;
    const created = await payment(description);
    const stored = await owner.query<{ description: string }>('SELECT description FROM payments WHERE id = $1', [created.id]);
    const sealed = stored.rows[0]!.description;
    assert.match(sealed, /^hf1:dk_[0-9a-f]{16}:/);
    // A character in the middle of the ciphertext, so every bit of it is significant.
    const at = sealed.length - 12;
    const altered = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1);
    await owner.query('UPDATE payments SET description = $2 WHERE id = $1', [created.id, altered]);
    const before = await tamperedCount('payments.description');

    const answer = await merchant.api.get(`/v1/payments/${created.id}`);
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'stored_value_tampered');
    const text = JSON.stringify(answer.body);
    assert.ok(!text.includes(description) && !text.includes(altered), text);
    const listed = await merchant.api.get('/v1/payments?limit=100');
    assert.equal(listed.status, 500, 'a list holding it is refused too, not answered with a gap');
    assert.equal(await tamperedCount('payments.description'), before + 2);

    const lines = logged.split('\n').filter((l) => l.includes('ciphertext_tampered'));
    assert.ok(
      lines.some((l) => l.includes(sealed.split(':')[1]!) && l.includes('payments.description')),
      'the log names the key and the column',
    );
    assert.ok(!logged.includes(description), 'the value itself is never logged');

    // Put back, the same row answers again: the refusal was about the bytes, not the row.
    await owner.query('UPDATE payments SET description = $2 WHERE id = $1', [created.id, sealed]);
    assert.equal(
      answered(await merchant.client.GET('/v1/payments/{id}', { params: { path: { id: created.id } } }), 200).description,
      description,
    );
  });

  it('a sealed value moved to another column is refused: each is bound to its column', async () => {
    const created = await payment(`moved-${randomBytes(6).toString('hex')}`);
    await owner.query(`UPDATE payments SET description = customer #>> '{}' WHERE id = $1`, [created.id]);
    const answer = await merchant.api.get(`/v1/payments/${created.id}`);
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'stored_value_tampered');
    assert.ok(!JSON.stringify(answer.body).includes('@example.com'), 'the customer does not surface as the description');
  });

  it('a value written in clear over a sealed row is refused and counted; a row from before encryption (no key) still reads', async () => {
    const created = await payment(`forged-${randomBytes(6).toString('hex')}`);
    const before = await tamperedCount('payments.description');
    await owner.query(`UPDATE payments SET description = 'Refund to account 12-34' WHERE id = $1`, [created.id]);
    const answer = await merchant.api.get(`/v1/payments/${created.id}`);
    assert.equal(answer.status, 500);
    assert.equal(answer.body.error.code, 'stored_value_tampered');
    assert.ok(!JSON.stringify(answer.body).includes('Refund to account'), 'the planted text is not shown');
    assert.equal(await tamperedCount('payments.description'), before + 1);

    // Written before encryption at rest: no data key named, values in clear until a reseal.
    const legacy = await payment(`legacy-${randomBytes(6).toString('hex')}`);
    await owner.query(
      `UPDATE payments SET description = 'written in 2025', metadata = '{}', customer = NULL, data_key_id = NULL WHERE id = $1`,
      [legacy.id],
    );
    const read = answered(await merchant.client.GET('/v1/payments/{id}', { params: { path: { id: legacy.id } } }), 200);
    assert.equal(read.description, 'written in 2025');
  });
});
