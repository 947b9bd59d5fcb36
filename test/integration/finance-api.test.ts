// Finance's API over HTTP: keys and roles, input validation, the settlement read side, the
// exceptions queue and a person's decision on an exception, and the two CLI commands finance
// runs (`keys create`, `settle`). Settlement and exception rows are written directly where a
// test is about reading them; the settlement flow itself is tested in settlement-day.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { startApi } from '../../api/server';
import { createFinanceKey } from '../../db/queries/merchants';
import { apiKeys, auditLog, exceptions, settlementBatches, settlementItems, settlements } from '../../db/schema';
import { businessDateOf } from '../../domain/settlement/business-date';
import { eventually } from '../support/eventually';
import { apiClient, type ApiClient, type HttpAnswer } from '../support/http';
import { insertException as insertExceptionRow } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { sharedTemporal } from '../support/temporal';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
const unique = () => randomBytes(6).toString('hex');
const today = () => businessDateOf(new Date(), 'UTC');
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

let dayCount = 0;
/** A past business date no other test in this suite uses (settlements are unique per date and PSP). */
function uniquePastDate(): string {
  dayCount += 1;
  return new Date(Date.UTC(2021, 0, 1) + dayCount * 86_400_000).toISOString().slice(0, 10);
}

function refused(answer: HttpAnswer, status: number, code: string, param?: string): void {
  const body = JSON.stringify(answer.body);
  assert.equal(answer.status, status, body);
  assert.equal(answer.body.error.code, code, body);
  assert.equal(answer.body.error.param, param, body);
  assert.ok(answer.body.error.message, body);
}

describe('finance API', function () {
  this.timeout(120_000);
  const suite = stackForSuite();
  let finance: ApiClient;
  let financeKeyId: string;

  before(async () => {
    const key = await createFinanceKey(suite.stack.db);
    finance = apiClient(suite.stack.apiUrl, key.apiKey);
    financeKeyId = key.id;
  });

  /** A settlement of a past date at stripe: one usd batch (2 accepted, 1 rejected), one eur batch waiting. */
  async function insertSettlement() {
    const { db } = suite.stack;
    const date = uniquePastDate();
    const id = `stl_${date.replaceAll('-', '')}_stripe_${unique()}`;
    const merchant = `mer_${unique()}`;
    await db.insert(settlements).values({
      id,
      businessDate: date,
      psp: 'stripe',
      status: 'submitted',
      workflowId: `settlement-${id}`,
      collectedUntil: new Date(),
    });
    const usdBatch = `stb_${unique()}`;
    const eurBatch = `stb_${unique()}`;
    const response = '{"batch":"x","results":[{"item":"a","status":"accepted","fee":30}]}';
    await db.insert(settlementBatches).values([
      {
        id: usdBatch,
        settlementId: id,
        merchantId: merchant,
        currency: 'usd',
        round: 1,
        idempotencyKey: `idem_${unique()}`,
        status: 'partially_accepted',
        itemCount: 3,
        gross: 7_500,
        fees: 50,
        net: 5_950,
        rawRequest: `H,${usdBatch},stripe,${merchant},usd,2021-01-01T00:00:00Z\nT,3,7500\n`,
        rawResponse: response,
        submittedAt: new Date('2021-01-02T00:00:00Z'),
      },
      {
        id: eurBatch,
        settlementId: id,
        merchantId: merchant,
        currency: 'eur',
        round: 1,
        idempotencyKey: `idem_${unique()}`,
        status: 'prepared',
        itemCount: 1,
        gross: 900,
        rawRequest: `H,${eurBatch},stripe,${merchant},eur,2021-01-01T00:00:00Z\nT,1,900\n`,
      },
    ]);
    const item = (fields: Partial<typeof settlementItems.$inferInsert> & { batchId: string; currency: string; receivable: number }) => ({
      id: `sti_${unique()}`,
      settlementId: id,
      ledgerTransactionId: `ltx_${unique()}`,
      kind: 'capture' as const,
      merchantId: merchant,
      paymentId: `pay_${unique()}`,
      pspReference: `pi_${unique()}`,
      amount: Math.abs(fields.receivable),
      merchantShare: fields.receivable,
      status: 'accepted' as const,
      submissions: 1,
      ...fields,
    });
    await db
      .insert(settlementItems)
      .values([
        item({ batchId: usdBatch, currency: 'usd', receivable: 5_000, fee: 30 }),
        item({ batchId: usdBatch, currency: 'usd', receivable: 3_500, status: 'rejected', rejectReason: 'account_closed' }),
        item({ batchId: usdBatch, currency: 'usd', receivable: -1_000, kind: 'refund', refundId: `re_${unique()}`, fee: 20 }),
        item({ batchId: eurBatch, currency: 'eur', receivable: 900, status: 'pending', submissions: 0 }),
      ]);
    return { id, date, usdBatch, eurBatch, response };
  }

  const insertException = (fields: Parameters<typeof insertExceptionRow>[1] = {}) =>
    insertExceptionRow(suite.stack.db, { businessDate: uniquePastDate(), ...fields });

  describe('keys and roles', () => {
    it('`holdfast keys create --role finance` prints one JSON line with a working key, stored only as its hash', async () => {
      const env = { ...process.env, DATABASE_URL: suite.stack.databaseUrl };
      const { stdout } = await promisify(execFile)(process.execPath, [HOLDFAST, 'keys', 'create', '--role', 'finance'], { env });
      const lines = stdout.trim().split('\n');
      assert.equal(lines.length, 1, stdout);
      const printed = JSON.parse(lines[0]!);
      assert.deepEqual(Object.keys(printed).sort(), ['api_key', 'id', 'role']);
      assert.equal(printed.role, 'finance');
      assert.match(printed.id, /^key_[A-Za-z0-9]+$/);
      assert.match(printed.api_key, /^sk_hf_[A-Za-z0-9]{32}$/);

      const [row] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, printed.id));
      assert.equal(row!.role, 'finance');
      assert.equal(row!.merchantId, null);
      assert.equal(row!.keyHash, createHash('sha256').update(printed.api_key).digest('hex'));
      assert.ok(!JSON.stringify(row).includes(printed.api_key), 'the secret itself is not stored');

      const answer = await apiClient(suite.stack.apiUrl, printed.api_key).get(`/v1/settlements?date=${today()}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    });

    it('`holdfast keys create` without --role finance is a usage error (exit 2) that creates nothing', async () => {
      const env = { ...process.env, DATABASE_URL: suite.stack.databaseUrl };
      const before = (await suite.stack.db.select().from(apiKeys)).length;
      for (const args of [
        ['keys', 'create'],
        ['keys', 'create', '--role', 'merchant'],
        ['keys', 'list', '--role', 'finance'],
      ]) {
        await assert.rejects(
          promisify(execFile)(process.execPath, [HOLDFAST, ...args], { env }),
          (error: { code: number; stderr: string }) => {
            assert.equal(error.code, 2, args.join(' '));
            assert.match(error.stderr, /usage: holdfast keys create --role finance/);
            return true;
          },
        );
      }
      assert.equal((await suite.stack.db.select().from(apiKeys)).length, before);
    });

    it('refuses a finance key on every merchant route with 403 api_key_wrong_role', async () => {
      for (const answer of [
        await finance.get('/v1/payments'),
        await finance.post('/v1/payments', { amount: 100, currency: 'usd', payment_method: 'pm_card_visa' }),
        await finance.get('/v1/balance'),
        await finance.get('/v1/exceptions'),
        await finance.get('/v1/webhook_endpoints'),
      ]) {
        refused(answer, 403, 'api_key_wrong_role');
        assert.equal(answer.body.error.type, 'permission_error');
      }
    });

    it('refuses a merchant key on every finance route with 403 api_key_wrong_role, before reading the request', async () => {
      const merchant = suite.api;
      for (const answer of [
        await merchant.get(`/v1/settlements?date=${today()}`),
        await merchant.post('/v1/settlements', { date: today() }),
        await merchant.get('/v1/settlements/stl_anything'),
        await merchant.post('/v1/reconciliations', { date: today(), psp: 'stripe' }),
        await merchant.get('/v1/reconciliation/exceptions'),
        await merchant.post('/v1/reconciliation/exceptions/exc_00/resolve', { action: 'accept', note: 'x' }),
      ]) {
        refused(answer, 403, 'api_key_wrong_role');
        assert.equal(answer.body.error.type, 'permission_error');
      }
    });

    it('still answers 401 without a key or with an unknown one', async () => {
      refused(await apiClient(suite.stack.apiUrl).get(`/v1/settlements?date=${today()}`), 401, 'api_key_missing');
      refused(await apiClient(suite.stack.apiUrl, 'sk_hf_unknown').get('/v1/reconciliation/exceptions'), 401, 'api_key_invalid');
    });
  });

  describe('validation', () => {
    it('POST /v1/settlements refuses a missing, malformed, impossible or future date, an unknown PSP and unknown fields', async () => {
      refused(await finance.post('/v1/settlements', {}), 400, 'parameter_missing', 'date');
      refused(await finance.post('/v1/settlements', { date: '21-11-2026' }), 400, 'parameter_invalid', 'date');
      refused(await finance.post('/v1/settlements', { date: '2026-02-30' }), 400, 'parameter_invalid', 'date');
      refused(await finance.post('/v1/settlements', { date: 20261121 }), 400, 'parameter_invalid', 'date');
      refused(await finance.post('/v1/settlements', { date: tomorrow() }), 400, 'date_in_future', 'date');
      refused(await finance.post('/v1/settlements', { date: today(), psp: 'paypal' }), 400, 'parameter_invalid', 'psp');
      refused(await finance.post('/v1/settlements', { date: today(), merchant: 'mer_x' }), 400, 'parameter_unknown', 'merchant');
      refused(await finance.post('/v1/settlements', undefined, { rawBody: '{"date":' }), 400, 'invalid_json');
    });

    it('refuses a PSP this deployment has no gateway for with psp_not_configured', async () => {
      const { stack } = suite;
      const stripeOnly = await startApi({
        config: stack.config,
        db: stack.db,
        temporal: stack.client,
        port: 0,
        wiring: { stripe: stack.wiring.stripe },
      });
      try {
        const { apiKey } = await createFinanceKey(stack.db);
        const client = apiClient(stripeOnly.url, apiKey);
        refused(await client.post('/v1/settlements', { date: today(), psp: 'adyen' }), 400, 'psp_not_configured', 'psp');
        refused(await client.post('/v1/reconciliations', { date: today(), psp: 'adyen' }), 400, 'psp_not_configured', 'psp');
      } finally {
        await stripeOnly.stop();
      }
    });

    it('GET /v1/settlements needs a valid date and takes only date and psp', async () => {
      refused(await finance.get('/v1/settlements'), 400, 'parameter_missing', 'date');
      refused(await finance.get('/v1/settlements?date=2026-13-01'), 400, 'parameter_invalid', 'date');
      refused(await finance.get(`/v1/settlements?date=${today()}&psp=paypal`), 400, 'parameter_invalid', 'psp');
      refused(await finance.get(`/v1/settlements?date=${today()}&status=open`), 400, 'parameter_unknown', 'status');
    });

    it('POST /v1/reconciliations needs a past-or-today date and a PSP', async () => {
      refused(await finance.post('/v1/reconciliations', { date: today() }), 400, 'parameter_missing', 'psp');
      refused(await finance.post('/v1/reconciliations', { psp: 'stripe' }), 400, 'parameter_missing', 'date');
      refused(await finance.post('/v1/reconciliations', { date: tomorrow(), psp: 'stripe' }), 400, 'date_in_future', 'date');
      refused(
        await finance.post('/v1/reconciliations', { date: today(), psp: 'stripe' }, { idempotencyKey: 'k'.repeat(256) }),
        400,
        'idempotency_key_invalid',
        'Idempotency-Key',
      );
    });

    it('GET /v1/reconciliation/exceptions validates every filter', async () => {
      const cases: Array<[string, string, string]> = [
        ['status=closed', 'parameter_invalid', 'status'],
        ['category=1', 'parameter_invalid', 'category'],
        ['category=two', 'parameter_invalid', 'category'],
        ['kind=Amount-Mismatch', 'parameter_invalid', 'kind'],
        ['psp=paypal', 'parameter_invalid', 'psp'],
        ['date=2026-02-29', 'parameter_invalid', 'date'],
        ['limit=0', 'parameter_invalid', 'limit'],
        ['limit=101', 'parameter_invalid', 'limit'],
        ['starting_after=pay_123', 'parameter_invalid', 'starting_after'],
        ['starting_after=exc_0123456789abcdef', 'resource_missing', 'starting_after'],
        ['merchant=mer_x', 'parameter_unknown', 'merchant'],
      ];
      for (const [query, code, param] of cases) {
        refused(await finance.get(`/v1/reconciliation/exceptions?${query}`), 400, code, param);
      }
    });

    it('POST …/resolve needs a known action and a note of 1 to 1000 characters', async () => {
      const id = await insertException();
      const path = `/v1/reconciliation/exceptions/${id}/resolve`;
      refused(await finance.post(path, { action: 'delete', note: 'why' }), 400, 'parameter_invalid', 'action');
      refused(await finance.post(path, { note: 'why' }), 400, 'parameter_missing', 'action');
      refused(await finance.post(path, { action: 'accept' }), 400, 'parameter_missing', 'note');
      refused(await finance.post(path, { action: 'accept', note: '   ' }), 400, 'parameter_invalid', 'note');
      refused(await finance.post(path, { action: 'accept', note: 'x'.repeat(1001) }), 400, 'parameter_invalid', 'note');
      refused(await finance.post(path, { action: 'accept', note: 'x', by: 'me' }), 400, 'parameter_unknown', 'by');
      const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.id, id));
      assert.equal(row!.status, 'open', 'a refused request changes nothing');
    });
  });

  describe('reading settlements', () => {
    it('GET /v1/settlements/:id answers the settlement with per-currency totals, batches and items', async () => {
      const inserted = await insertSettlement();
      const answer = await finance.get(`/v1/settlements/${inserted.id}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const settlement = answer.body;
      assert.deepEqual(Object.keys(settlement).sort(), [
        'batches',
        'created',
        'date',
        'id',
        'items',
        'object',
        'psp',
        'status',
        'totals',
        'updated',
      ]);
      assert.equal(settlement.object, 'settlement');
      assert.equal(settlement.date, inserted.date);
      assert.equal(settlement.status, 'submitted');
      assert.deepEqual(settlement.totals, [
        { currency: 'eur', items: 1, accepted: 0, rejected: 0, pending: 1, gross: 900, fees: 0, net: 0 },
        // Gross counts every item (the refund negative); fees and net only the accepted ones.
        { currency: 'usd', items: 3, accepted: 2, rejected: 1, pending: 0, gross: 7_500, fees: 50, net: 3_950 },
      ]);
      const usd = settlement.batches.find((b: { id: string }) => b.id === inserted.usdBatch);
      assert.deepEqual(Object.keys(usd).sort(), [
        'currency',
        'fees',
        'gross',
        'id',
        'idempotency_key',
        'item_count',
        'merchant',
        'net',
        'round',
        'status',
        'submitted_at',
      ]);
      assert.deepEqual(
        [usd.status, usd.item_count, usd.gross, usd.fees, usd.net, usd.submitted_at],
        ['partially_accepted', 3, 7_500, 50, 5_950, Date.parse('2021-01-02T00:00:00Z') / 1000],
      );
      const eur = settlement.batches.find((b: { id: string }) => b.id === inserted.eurBatch);
      assert.deepEqual([eur.fees, eur.net, eur.submitted_at], [null, null, null]);
      assert.equal(settlement.items.length, 4);
      const rejected = settlement.items.find((i: { status: string }) => i.status === 'rejected');
      assert.deepEqual(Object.keys(rejected).sort(), [
        'amount',
        'batch',
        'currency',
        'fee',
        'id',
        'kind',
        'payment',
        'psp_reference',
        'refund',
        'reject_reason',
        'status',
        'submissions',
      ]);
      assert.deepEqual(
        [rejected.amount, rejected.reject_reason, rejected.batch, rejected.fee],
        [3_500, 'account_closed', inserted.usdBatch, null],
      );
      const refund = settlement.items.find((i: { kind: string }) => i.kind === 'refund');
      assert.match(refund.refund, /^re_/);
      assert.equal(refund.amount, 1_000);
    });

    it('GET /v1/settlements?date= lists the settlements of that date, without items, and filters by PSP', async () => {
      const inserted = await insertSettlement();
      const list = await finance.get(`/v1/settlements?date=${inserted.date}`);
      assert.equal(list.status, 200);
      assert.equal(list.body.object, 'list');
      assert.deepEqual(
        list.body.data.map((s: { id: string }) => s.id),
        [inserted.id],
      );
      assert.equal(list.body.data[0].items, undefined);
      assert.equal(list.body.data[0].totals.length, 2);
      assert.equal(list.body.data[0].batches.length, 2);
      assert.deepEqual((await finance.get(`/v1/settlements?date=${inserted.date}&psp=adyen`)).body.data, []);
      assert.deepEqual((await finance.get(`/v1/settlements?date=${uniquePastDate()}`)).body.data, []);
    });

    it('serves the batch file as text/csv and the acquirer response as JSON, byte for byte', async () => {
      const inserted = await insertSettlement();
      const file = await fetch(`${suite.stack.apiUrl}/v1/settlements/${inserted.id}/batches/${inserted.usdBatch}/file`, {
        headers: { authorization: `Bearer ${(await createFinanceKey(suite.stack.db)).apiKey}` },
      });
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(await file.text(), new RegExp(`^H,${inserted.usdBatch},stripe,mer_[0-9a-f]+,usd,`));
      const response = await finance.get(`/v1/settlements/${inserted.id}/batches/${inserted.usdBatch}/response`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(JSON.stringify(response.body), inserted.response);
    });

    it('answers 404 resource_missing for an unknown settlement, batch, or a batch not answered yet', async () => {
      const inserted = await insertSettlement();
      refused(await finance.get('/v1/settlements/stl_19990101_stripe'), 404, 'resource_missing', 'id');
      refused(await finance.get(`/v1/settlements/${inserted.id}/batches/stb_nope/file`), 404, 'resource_missing', 'batch');
      refused(await finance.get(`/v1/settlements/stl_19990101_stripe/batches/${inserted.usdBatch}/file`), 404, 'resource_missing', 'batch');
      refused(await finance.get(`/v1/settlements/${inserted.id}/batches/${inserted.eurBatch}/response`), 404, 'resource_missing', 'batch');
      refused(await finance.get('/v1/reconciliations/rec_nope'), 404, 'resource_missing', 'id');
    });
  });

  describe('the exceptions queue', () => {
    it('lists exceptions newest first, filtered by status, kind, category, PSP and date', async () => {
      const date = uniquePastDate();
      const a = await insertException({ businessDate: date, psp: 'adyen', kind: 'fee_mismatch', category: 2 });
      const b = await insertException({ businessDate: date, psp: 'adyen', kind: 'duplicate_line', category: 3 });
      const c = await insertException({ businessDate: date, psp: 'adyen', kind: 'fee_mismatch', category: 2, status: 'resolved' });
      await insertException({ businessDate: date, psp: 'stripe', kind: 'fee_mismatch', category: 2 });
      const ids = async (query: string) => {
        const answer = await finance.get(`/v1/reconciliation/exceptions?psp=adyen&date=${date}${query}`);
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        return answer.body.data.map((e: { id: string }) => e.id);
      };
      assert.deepEqual(await ids(''), [c, b, a]);
      assert.deepEqual(await ids('&status=open'), [b, a]);
      assert.deepEqual(await ids('&status=resolved'), [c]);
      assert.deepEqual(await ids('&category=3'), [b]);
      assert.deepEqual(await ids('&kind=fee_mismatch&status=open'), [a]);

      const [view] = (await finance.get(`/v1/reconciliation/exceptions?psp=adyen&date=${date}&category=3`)).body.data;
      assert.deepEqual(view, {
        id: b,
        object: 'reconciliation_exception',
        kind: 'duplicate_line',
        category: 3,
        status: 'open',
        subject: view.subject,
        psp: 'adyen',
        date,
        merchant: null,
        payment: null,
        context: { note: 'inserted by test' },
        resolution: null,
        created: view.created,
        resolved_at: null,
      });
      assert.ok(Math.abs(view.created - Date.now() / 1000) < 60);
    });

    it('pages with limit, has_more and starting_after', async () => {
      const date = uniquePastDate();
      const inserted = [];
      for (let i = 0; i < 3; i += 1) inserted.push(await insertException({ businessDate: date }));
      const newestFirst = [...inserted].reverse();
      const first = await finance.get(`/v1/reconciliation/exceptions?date=${date}&limit=2`);
      assert.deepEqual(
        first.body.data.map((e: { id: string }) => e.id),
        newestFirst.slice(0, 2),
      );
      assert.equal(first.body.has_more, true);
      const next = await finance.get(`/v1/reconciliation/exceptions?date=${date}&limit=2&starting_after=${newestFirst[1]}`);
      assert.deepEqual(
        next.body.data.map((e: { id: string }) => e.id),
        newestFirst.slice(2),
      );
      assert.equal(next.body.has_more, false);
    });
  });

  describe('resolving an exception', () => {
    it('accept resolves it, names the finance key in the resolution and the audit log, and answers the exception', async () => {
      const id = await insertException();
      const answer = await finance.post(`/v1/reconciliation/exceptions/${id}/resolve`, {
        action: 'accept',
        note: 'PSP confirmed by email',
      });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.id, id);
      assert.equal(answer.body.object, 'reconciliation_exception');
      assert.equal(answer.body.status, 'resolved');
      assert.equal(typeof answer.body.resolved_at, 'number');
      assert.equal(answer.body.resolution.by, financeKeyId);
      assert.equal(answer.body.resolution.note, 'PSP confirmed by email');

      const audit = await suite.stack.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
      assert.equal(audit.length, 1);
      assert.deepEqual([audit[0]!.actor, audit[0]!.action, audit[0]!.subjectType], [financeKeyId, 'accept', 'exception']);
      assert.equal((audit[0]!.details as { note: string }).note, 'PSP confirmed by email');
    });

    it('answers 404 for an unknown exception, 409 for one already resolved, 422 for an action that does not fit', async () => {
      refused(
        await finance.post(`/v1/reconciliation/exceptions/exc_${'0'.repeat(24)}/resolve`, { action: 'accept', note: 'x' }),
        404,
        'resource_missing',
        'id',
      );
      const resolved = await insertException({ status: 'resolved', resolvedAt: new Date() });
      refused(
        await finance.post(`/v1/reconciliation/exceptions/${resolved}/resolve`, { action: 'accept', note: 'x' }),
        409,
        'exception_conflict',
      );
      // No difference in its context: nothing to book.
      const bare = await insertException();
      refused(
        await finance.post(`/v1/reconciliation/exceptions/${bare}/resolve`, { action: 'write_off', note: 'x' }),
        422,
        'action_not_applicable',
        'action',
      );
      const unknownOutcome = await insertException({ kind: 'psp_outcome_unknown', psp: null, businessDate: null });
      refused(
        await finance.post(`/v1/reconciliation/exceptions/${unknownOutcome}/resolve`, { action: 'retry', note: 'x' }),
        422,
        'action_not_applicable',
        'action',
      );
      const [row] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.id, bare));
      assert.equal(row!.status, 'open');
    });
  });

  describe('settling through the API and the CLI', () => {
    it('POST /v1/settlements needs an Idempotency-Key, starts one settlement per configured PSP, and answers a retried key the same', async () => {
      const date = today();
      refused(await finance.post('/v1/settlements', { date }, { idempotencyKey: null }), 400, 'idempotency_key_missing', 'Idempotency-Key');
      const key = `stl-${unique()}`;
      const first = await finance.post('/v1/settlements', { date }, { idempotencyKey: key });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.object, 'list');
      assert.deepEqual(first.body.data.map((s: { psp: string }) => s.psp).sort(), ['adyen', 'stripe']);
      for (const settlement of first.body.data) {
        assert.equal(settlement.object, 'settlement');
        assert.equal(settlement.date, date);
        assert.ok(['prepared', 'submitted', 'reconciled'].includes(settlement.status), settlement.status);
      }
      assert.deepEqual(first.body.data.map((s: { id: string }) => s.id).sort(), [
        `stl_${date.replaceAll('-', '')}_adyen`,
        `stl_${date.replaceAll('-', '')}_stripe`,
      ]);
      const retried = await finance.post('/v1/settlements', { date }, { idempotencyKey: key });
      assert.equal(retried.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(retried.body, first.body);
      refused(
        await finance.post('/v1/settlements', { date, psp: 'stripe' }, { idempotencyKey: key }),
        422,
        'idempotency_key_reused',
        'Idempotency-Key',
      );
      // Finished before the CLI's test settles the date again.
      for (const { id } of first.body.data) {
        await eventually(
          `settlement ${id} reconciled`,
          async () => (await finance.get(`/v1/settlements/${id}`)).body.status === 'reconciled',
          60_000,
        );
      }
    });

    it('POST /v1/reconciliations needs an Idempotency-Key', async () => {
      refused(
        await finance.post('/v1/reconciliations', { date: today(), psp: 'stripe' }, { idempotencyKey: null }),
        400,
        'idempotency_key_missing',
        'Idempotency-Key',
      );
    });

    it('POST /v1/reconciliations starts a run (the same one again for a retried Idempotency-Key) that GET then shows completed', async () => {
      const date = uniquePastDate();
      const key = `rec-${unique()}`;
      const started = await finance.post('/v1/reconciliations', { date, psp: 'stripe' }, { idempotencyKey: key });
      assert.equal(started.status, 202, JSON.stringify(started.body));
      assert.deepEqual(
        { ...started.body, id: undefined },
        { id: undefined, object: 'reconciliation', date, psp: 'stripe', status: 'running' },
      );
      assert.match(started.body.id, /^rec_[0-9a-f]{24}$/);
      const retried = await finance.post('/v1/reconciliations', { date, psp: 'stripe' }, { idempotencyKey: key });
      assert.equal(retried.body.id, started.body.id);
      const otherDate = await finance.post('/v1/reconciliations', { date: uniquePastDate(), psp: 'stripe' }, { idempotencyKey: key });
      assert.notEqual(otherDate.body.id, started.body.id, 'the same key with another body is another run');

      const run = await eventually(`run ${started.body.id} completed`, async () => {
        const answer = await finance.get(`/v1/reconciliations/${started.body.id}`);
        return answer.status === 200 && answer.body.status === 'completed' && answer.body;
      });
      assert.deepEqual(Object.keys(run).sort(), [
        'date',
        'failure_reason',
        'finished',
        'id',
        'object',
        'psp',
        'started',
        'status',
        'summary',
      ]);
      assert.deepEqual([run.object, run.date, run.psp], ['reconciliation', date, 'stripe']);
      assert.ok(run.finished >= run.started);
      assert.deepEqual(Object.keys(run.summary).sort(), ['auto_fixed', 'cleared', 'exceptions', 'matched', 'report_lines']);
    });

    it('`holdfast settle` follows a settlement to the end and prints its progress and a summary', async () => {
      const { stack } = suite;
      const temporal = await sharedTemporal();
      const env = {
        ...process.env,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: temporal.namespace,
        TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
        DATABASE_URL: stack.databaseUrl,
        // The stack's: the command decodes the settlement's sealed results with its keyring.
        HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey,
        // Only what the command decides "configured" from; the suite's worker talks to its simulator.
        ADYEN_API_KEY: 'configured-for-the-command',
      };
      // The command's own deadline, so a settlement that never ends cannot leave it running.
      const settleWith = async (...extra: string[]) =>
        (
          await promisify(execFile)(process.execPath, [HOLDFAST, 'settle', '--date', today(), '--psp', 'adyen', ...extra], {
            env,
            timeout: 90_000,
          })
        ).stdout;
      const stdout = await settleWith();
      const [keyLine, ...lines] = stdout.trim().split('\n');
      const date = today();
      const key = /^idempotency key (\S+) \(retry with --idempotency-key \1\)$/.exec(keyLine ?? '')?.[1];
      assert.ok(key, stdout);
      assert.ok(lines.length >= 2, stdout);
      for (const line of lines.slice(0, -1))
        assert.match(line, new RegExp(`^adyen ${date}  .+  round \\d+  batches \\d+/\\d+  items \\d+ accepted`));
      // The API's test settled the date first: this invocation's new key is a supplementary run.
      const run2 = `stl_${date.replaceAll('-', '')}_adyen_r2`;
      assert.match(lines.at(-1)!, new RegExp(`^adyen ${date}  settled ${run2}: \\d+ items`));
      const settled = await finance.get(`/v1/settlements/${run2}`);
      assert.equal(settled.body.status, 'reconciled');

      // The same key again follows the same run; it starts none.
      const retried = await settleWith('--idempotency-key', key);
      assert.match(retried.trim().split('\n').at(-1)!, new RegExp(`^adyen ${date}  settled ${run2}: `));
      const runs = await finance.get(`/v1/settlements?date=${date}&psp=adyen`);
      assert.deepEqual(runs.body.data.map((s: { id: string }) => s.id).sort(), [`stl_${date.replaceAll('-', '')}_adyen`, run2]);
    });

    it('`holdfast settle` refuses a future date, an unknown PSP and a PSP not configured, with exit code 2', async () => {
      const temporal = await sharedTemporal();
      const env = { ...process.env, TEMPORAL_ADDRESS: temporal.address, STRIPE_SECRET_KEY: 'sk_test_configured' };
      const cases: Array<[string[], RegExp]> = [
        [['--date', tomorrow()], /after today/],
        [['--date', '2026-02-30'], /real date/],
        [['--date', today(), '--psp', 'paypal'], /unknown PSP/],
        [['--date', today(), '--psp', 'adyen'], /adyen is not configured/],
      ];
      for (const [args, message] of cases) {
        await assert.rejects(
          promisify(execFile)(process.execPath, [HOLDFAST, 'settle', ...args], { env }),
          (error: { code: number; stderr: string }) => {
            assert.equal(error.code, 2, args.join(' '));
            assert.match(error.stderr, message);
            return true;
          },
        );
      }
    });
  });
});
