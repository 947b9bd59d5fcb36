// resealBatch on a real database: rows move onto the current key (values in clear get sealed),
// blind indexes stay as they were, and a row written between the batch's read and its write
// keeps what that write put there.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { createMerchant } from '../../db/queries/merchants';
import { disputes, payments, reconciliationRuns, webhookEndpoints } from '../../db/schema';
import { openEvidence, sealEvidence } from '../../db/sealed/dispute-evidence';
import { openPaymentFields, sealPaymentFields, type PaymentPersonalData } from '../../db/sealed/payment-fields';
import { resealBatch, rowsToReseal, rowsUsingKey } from '../../db/sealed/reseal-rows';
import { openWebhookSecret, sealWebhookSecret } from '../../db/sealed/webhook-secrets';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
import type { Keyring } from '../../keyring/keyring';
import { keyIdOf, sealText } from '../../keyring/sealed-text';
import { testKeyring } from '../support/keyring';
import { freshDatabase, type FreshDatabase } from '../support/postgres';

describe('resealBatch', function () {
  this.timeout(120_000);
  let database: FreshDatabase;
  let keyring: Keyring;
  let merchantId: string;

  before(async function () {
    this.timeout(300_000);
    database = await freshDatabase();
    keyring = await testKeyring(database.db);
    merchantId = (await createMerchant(database.db, { name: 'Reseal merchant' })).id;
  });
  after(() => database?.close());

  /** The database, except that `write` lands just before the batch's second statement: its compare-and-set. */
  function racing(db: Database, write: () => Promise<void>): Database {
    let statements = 0;
    return new Proxy(db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return async (query: Parameters<Database['execute']>[0]) => {
          if (++statements === 2) await write();
          return target.execute(query);
        };
      },
    });
  }

  async function addEndpoint(secret: string): Promise<string> {
    const id = `we_${randomUUID().replaceAll('-', '')}`;
    await database.db.insert(webhookEndpoints).values({ id, merchantId, url: 'https://example.test/hooks', events: ['*'], secret });
    return id;
  }

  async function storedSecret(id: string): Promise<string> {
    const [row] = await database.db.select({ secret: webhookEndpoints.secret }).from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    return row!.secret;
  }

  it('leaves a webhook secret changed between its read and its write as the other write made it', async () => {
    const raced = await addEndpoint(sealWebhookSecret(keyring, 'whsec_first'));
    const untouched = await addEndpoint(sealWebhookSecret(keyring, 'whsec_second'));
    const oldKeyId = keyring.currentKeyId;
    const newKeyId = await keyring.rotate();

    // A process whose keyring has not seen the rotation yet rolls the secret meanwhile.
    const rolled = sealText(keyring, 'whsec_rolled', 'webhook_endpoints.secret', oldKeyId);
    const write = async () => {
      await database.db.update(webhookEndpoints).set({ secret: rolled }).where(eq(webhookEndpoints.id, raced));
    };
    const outcome = await resealBatch(racing(database.db, write), keyring, 'webhook_endpoints', undefined, 100);
    assert.deepEqual(outcome, { selected: 2, resealed: 1, skipped: 1, last: null });
    assert.equal(await storedSecret(raced), rolled);
    assert.equal(keyIdOf(await storedSecret(untouched)), newKeyId);
    assert.equal(await openWebhookSecret(keyring, await storedSecret(untouched)), 'whsec_second');
    assert.equal(await rowsToReseal(database.db, 'webhook_endpoints', newKeyId), 1);

    // The next batch takes the rolled secret, as it was rolled.
    assert.deepEqual(await resealBatch(database.db, keyring, 'webhook_endpoints', undefined, 100), {
      selected: 1,
      resealed: 1,
      skipped: 0,
      last: null,
    });
    assert.equal(keyIdOf(await storedSecret(raced)), newKeyId);
    assert.equal(await openWebhookSecret(keyring, await storedSecret(raced)), 'whsec_rolled');
    assert.equal((await rowsUsingKey(database.db, oldKeyId)).webhook_endpoints, 0);
  });

  async function addPayment(columns: Partial<typeof payments.$inferInsert>): Promise<string> {
    const id = `pay_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
    const now = new Date();
    await database.db.insert(payments).values({
      id,
      merchantId,
      workflowId: `payment-${id}`,
      status: 'authorized',
      amount: 1_000,
      amountCapturable: 1_000,
      amountCaptured: 0,
      amountRefunded: 0,
      currency: 'usd',
      captureMethod: 'manual',
      psp: 'stripe',
      metadata: {},
      history: [],
      version: 1,
      createdAt: now,
      updatedAt: now,
      ...columns,
    });
    return id;
  }

  function sealedColumns(data: PaymentPersonalData): Partial<typeof payments.$inferInsert> {
    const sealed = sealPaymentFields(keyring, { ...data, merchantId });
    return {
      description: sealed.description,
      metadata: sealed.metadata,
      customer: sealed.customer as never,
      dataKeyId: sealed.data_key_id,
      customerEmailIndex: sealed.customer_email_index,
      metadataIndex: sealed.metadata_index,
    };
  }

  async function paymentRow(id: string) {
    const [row] = await database.db.select().from(payments).where(eq(payments.id, id));
    return row!;
  }

  it('moves payments onto the new key, seals those kept in clear, keeps blind indexes, and loses no concurrent transition', async () => {
    const original = {
      description: 'Analytical engine',
      metadata: { order: 'o-1' },
      customer: { email: 'ada@reseal.example', name: 'Ada' },
    };
    const plain = await addPayment(sealedColumns(original));
    const raced = await addPayment(sealedColumns({ description: 'before', metadata: {} }));
    // Written before encryption at rest: everything in clear, no key.
    const legacy = await addPayment({
      description: 'Difference engine',
      metadata: { order: 'o-legacy' },
      customer: { email: 'charles@reseal.example' },
    });
    const oldKeyId = keyring.currentKeyId;
    const plainBefore = await paymentRow(plain);
    const newKeyId = await keyring.rotate();

    // The payment's workflow records a transition between the batch's read and its write.
    const transition = sealedColumns({ description: 'changed meanwhile', metadata: { order: 'o-2' } });
    const write = async () => {
      await database.db
        .update(payments)
        .set({ ...transition, version: sql`${payments.version} + 1` })
        .where(eq(payments.id, raced));
    };
    const outcome = await resealBatch(racing(database.db, write), keyring, 'payments', undefined, 100);
    assert.deepEqual(outcome, { selected: 3, resealed: 2, skipped: 1, last: null });

    const plainAfter = await paymentRow(plain);
    assert.equal(plainAfter.dataKeyId, newKeyId);
    for (const sealed of [plainAfter.description!, plainAfter.metadata.order!, plainAfter.customer as unknown as string])
      assert.equal(keyIdOf(sealed), newKeyId);
    assert.deepEqual(await openPaymentFields(keyring, plainAfter), original);
    assert.equal(plainAfter.customerEmailIndex, plainBefore.customerEmailIndex);
    assert.deepEqual(plainAfter.metadataIndex, plainBefore.metadataIndex);
    assert.equal(plainAfter.version, plainBefore.version);

    const racedAfter = await paymentRow(raced);
    assert.equal(racedAfter.version, 2);
    assert.equal((await openPaymentFields(keyring, racedAfter)).description, 'changed meanwhile');

    const legacyAfter = await paymentRow(legacy);
    assert.equal(legacyAfter.dataKeyId, newKeyId);
    assert.equal(keyIdOf(legacyAfter.description!), newKeyId);
    assert.deepEqual(await openPaymentFields(keyring, legacyAfter), {
      description: 'Difference engine',
      metadata: { order: 'o-legacy' },
      customer: { email: 'charles@reseal.example' },
    });
    assert.equal(legacyAfter.customerEmailIndex, null);

    assert.equal((await rowsUsingKey(database.db, oldKeyId)).payments, 0);
    assert.equal(await rowsToReseal(database.db, 'payments', newKeyId), 0);
  });

  it('reseals dispute evidence, sealed or kept in clear, a batch of `limit` rows at a time', async () => {
    const addDispute = async (evidenceText: string | null) => {
      const id = `dp_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
      await database.db.insert(disputes).values({
        id,
        merchantId,
        paymentId: 'pay_disputed',
        psp: 'stripe',
        pspDisputeReference: `du_${id}`,
        amount: 500,
        currency: 'usd',
        status: 'needs_response',
        evidenceDueBy: new Date(),
        evidenceText,
        shares: [],
        version: 1,
      });
      return id;
    };
    const sealed = await addDispute(sealEvidence(keyring, 'the parcel was signed for'));
    const inClear = await addDispute('the shopper wrote to us');
    const without = await addDispute(null);
    const oldKeyId = keyring.currentKeyId;
    const newKeyId = await keyring.rotate();
    assert.equal(await rowsToReseal(database.db, 'disputes', newKeyId), 2);

    // In primary-key order, each batch after the last one's row: a pass reads each row once.
    const [earlier, later] = [sealed, inClear].sort();
    const first = await resealBatch(database.db, keyring, 'disputes', undefined, 1);
    assert.deepEqual(first, { selected: 1, resealed: 1, skipped: 0, last: [earlier] });
    assert.equal(await rowsToReseal(database.db, 'disputes', newKeyId), 1);
    const second = await resealBatch(database.db, keyring, 'disputes', undefined, 1, first.last!);
    assert.deepEqual(second, { selected: 1, resealed: 1, skipped: 0, last: [later] });
    assert.deepEqual(await resealBatch(database.db, keyring, 'disputes', undefined, 1, second.last!), {
      selected: 0,
      resealed: 0,
      skipped: 0,
      last: null,
    });

    const rows = await database.db
      .select()
      .from(disputes)
      .where(sql`${disputes.id} in (${sealed}, ${inClear}, ${without})`);
    const evidence = async (id: string) =>
      (
        await openEvidence(
          keyring,
          rows.find((row) => row.id === id)!,
        )
      ).evidenceText;
    assert.equal(await evidence(sealed), 'the parcel was signed for');
    assert.equal(await evidence(inClear), 'the shopper wrote to us');
    assert.equal(await evidence(without), null);
    for (const id of [sealed, inClear]) assert.equal(keyIdOf(rows.find((row) => row.id === id)!.evidenceText!), newKeyId);
    assert.equal((await rowsUsingKey(database.db, oldKeyId)).disputes, 0);
  });

  it('reseals PSP reports two at a time, however many rows a batch asks for: a report can be tens of MB', async () => {
    const report = 'x'.repeat(1_000_000);
    const ids = Array.from({ length: 5 }, () => `rec_${randomUUID().replaceAll('-', '').slice(0, 20)}`);
    await database.db.insert(reconciliationRuns).values(
      ids.map((id) => ({
        id,
        businessDate: '2026-12-01',
        psp: 'stripe',
        status: 'completed' as const,
        workflowId: `reconcile-${id}`,
        rawReport: sealText(keyring, report, 'reconciliation_runs.raw_report'),
      })),
    );
    const newKeyId = await keyring.rotate();
    let batch = await resealBatch(database.db, keyring, 'reconciliation_runs', undefined, 500);
    const sizes = [batch.selected];
    while (batch.last) {
      batch = await resealBatch(database.db, keyring, 'reconciliation_runs', undefined, 500, batch.last);
      sizes.push(batch.selected);
    }
    assert.deepEqual(sizes, [2, 2, 1]);
    assert.equal(await rowsToReseal(database.db, 'reconciliation_runs', newKeyId), 0);
  });

  it('refuses to reseal a value written in clear over a sealed row, rather than seal it as genuine', async () => {
    const forged = await addPayment({
      ...sealedColumns({ description: 'genuine', metadata: {}, customer: undefined }),
      description: 'planted by hand',
    });
    await keyring.rotate();
    await assert.rejects(
      resealBatch(database.db, keyring, 'payments', undefined, 500),
      (error: Error) => error instanceof TamperedCiphertext && /in clear/.test(error.message),
    );
    assert.equal((await paymentRow(forged)).description, 'planted by hand', 'left for a person to look at');
    await database.db.delete(payments).where(eq(payments.id, forged));
  });
});
