// The PSP faces' settlement reports, over real HTTP: Stripe's balance transactions read with
// the real SDK (auto-pagination, expanded sources), Adyen's settlement details CSV parsed
// here, and the report faults tests queue to exercise reconciliation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT } from '../../sim/credentials';
import { settlementFee } from '../../sim/fees';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { simulatorClient } from '../support/simulator-client';

/** Adyen's settlement details report columns, in order. */
const ADYEN_COLUMNS = [
  'Company Account',
  'Merchant Account',
  'Psp Reference',
  'Merchant Reference',
  'Payment Method',
  'Creation Date',
  'TimeZone',
  'Type',
  'Modification Reference',
  'Gross Currency',
  'Gross Debit (GC)',
  'Gross Credit (GC)',
  'Exchange Rate',
  'Net Currency',
  'Net Debit (NC)',
  'Net Credit (NC)',
  'Commission (NC)',
  'Markup (NC)',
  'Scheme Fees (NC)',
  'Interchange (NC)',
  'Payment Method Variant',
  'Modification Merchant Reference',
  'Batch Number',
];

type ReportRow = Record<string, string>;

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else if (char !== '\r') field += char;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** YYYYMMDD of a UTC instant: the simulator's Adyen batch number for that day. */
function batchOf(instant: Date): string {
  return instant.toISOString().slice(0, 10).replaceAll('-', '');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

interface Faces {
  sim: RunningSimulator;
  stripe: Stripe;
  client: ReturnType<typeof simulatorClient>;
}

async function startFaces(): Promise<Faces> {
  const sim = await startSimulator();
  const { port } = new URL(sim.stripeUrl);
  const stripe = new Stripe('sk_test_holdfast', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
  return { sim, stripe, client: simulatorClient(sim.url) };
}

/** A captured PaymentIntent carrying holdfast's payment id, as holdfast makes them. */
async function stripeCapture(faces: Faces, amount: number, currency = 'usd'): Promise<Stripe.PaymentIntent> {
  const intent = await faces.stripe.paymentIntents.create({
    amount,
    currency,
    payment_method: 'pm_card_visa',
    confirm: true,
    metadata: { holdfast_payment_id: `pay_${randomUUID()}` },
  });
  assert.equal(intent.status, 'succeeded');
  return intent;
}

/** Every transaction in the range, as holdfast reads them: the SDK's auto-pagination, sources expanded. */
async function listAll(faces: Faces, range: { gte: number; lt: number }, limit = 100): Promise<Stripe.BalanceTransaction[]> {
  const listed: Stripe.BalanceTransaction[] = [];
  for await (const txn of faces.stripe.balanceTransactions.list({ created: range, limit, expand: ['data.source'] })) listed.push(txn);
  return listed;
}

async function adyenCall(faces: Faces, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${faces.sim.adyenUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': SIM_ADYEN_API_KEY },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** An Adyen payment, captured at once unless `manualCapture`; returns its pspReference. */
async function adyenPayment(
  faces: Faces,
  amount: { value: number; currency: string },
  options: { reference?: string; manualCapture?: boolean; merchantAccount?: string } = {},
): Promise<string> {
  const answer = await adyenCall(faces, '/v72/payments', {
    merchantAccount: options.merchantAccount ?? SIM_ADYEN_MERCHANT_ACCOUNT,
    amount,
    reference: options.reference ?? `pay_${randomUUID()}`,
    returnUrl: 'https://shop.example/return',
    paymentMethod: { type: 'scheme', storedPaymentMethodId: 'pm_card_visa' },
    shopperReference: 'shopper_reports_test',
    recurringProcessingModel: 'CardOnFile',
    ...(options.manualCapture ? { additionalData: { manualCapture: 'true' } } : {}),
  });
  assert.equal(answer.status, 200);
  return answer.body.pspReference;
}

/** A capture or refund at the Adyen face; returns the modification's own pspReference. */
async function adyenModification(
  faces: Faces,
  payment: string,
  kind: 'captures' | 'refunds',
  amount: { value: number; currency: string },
  reference?: string,
): Promise<string> {
  const answer = await adyenCall(faces, `/v72/payments/${payment}/${kind}`, {
    merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT,
    amount,
    ...(reference === undefined ? {} : { reference }),
  });
  assert.equal(answer.status, 201);
  return answer.body.pspReference;
}

async function adyenReportText(faces: Faces, batch: string, merchantAccount = SIM_ADYEN_MERCHANT_ACCOUNT): Promise<string> {
  const url = `${faces.sim.adyenUrl}/reports/download/MerchantAccount/${merchantAccount}/settlement_detail_report_batch_${batch}.csv`;
  const response = await fetch(url, { headers: { 'x-api-key': SIM_ADYEN_API_KEY } });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
  return response.text();
}

async function adyenReport(faces: Faces, batch: string): Promise<ReportRow[]> {
  const [header, ...records] = parseCsv(await adyenReportText(faces, batch));
  assert.deepEqual(header, ADYEN_COLUMNS);
  return records.map((record) => {
    assert.equal(record.length, ADYEN_COLUMNS.length);
    return Object.fromEntries(ADYEN_COLUMNS.map((column, index) => [column, record[index]!]));
  });
}

describe('settlement reports of the simulated PSPs', () => {
  describe('Stripe balance transactions', () => {
    let faces: Faces;

    before(async () => {
      faces = await startFaces();
    });

    after(async () => {
      await faces.sim.close();
    });

    it('lists a charge per capture and a refund per refund, with fees, through the SDK with expanded sources', async () => {
      const gte = nowSeconds();
      const usd = await stripeCapture(faces, 5000);
      const jpy = await stripeCapture(faces, 1000, 'jpy');
      const refund = await faces.stripe.refunds.create({ payment_intent: usd.id, amount: 1200 });
      const lt = nowSeconds() + 1;

      // limit 2: the SDK's auto-pagination has to follow starting_after across pages.
      const listed = await listAll(faces, { gte, lt }, 2);

      const charge = listed.find((txn) => txn.type === 'charge' && (txn.source as Stripe.Charge).payment_intent === usd.id)!;
      assert.ok(charge, 'the USD capture is listed');
      assert.equal(charge.object, 'balance_transaction');
      assert.match(charge.id, /^txn_/);
      assert.equal(charge.amount, 5000);
      assert.equal(charge.fee, 175);
      assert.equal(charge.net, 4825);
      assert.equal(charge.currency, 'usd');
      assert.equal(charge.reporting_category, 'charge');
      assert.equal(charge.status, 'available');
      assert.equal(charge.exchange_rate, null);
      assert.deepEqual(charge.fee_details, [
        { amount: 175, application: null, currency: 'usd', description: 'Stripe processing fees', type: 'stripe_fee' },
      ]);
      assert.ok(charge.created >= gte && charge.created < lt);
      assert.ok(charge.available_on > charge.created);
      const source = charge.source as Stripe.Charge;
      assert.equal(source.object, 'charge');
      assert.equal(source.id, usd.latest_charge);
      assert.equal(source.balance_transaction, charge.id);
      assert.equal(source.amount_refunded, 1200);
      assert.deepEqual(source.metadata, usd.metadata);

      const refundTxn = listed.find((txn) => txn.type === 'refund' && (txn.source as Stripe.Refund).id === refund.id)!;
      assert.ok(refundTxn, 'the refund is listed');
      assert.equal(refundTxn.amount, -1200);
      assert.equal(refundTxn.fee, 0);
      assert.deepEqual(refundTxn.fee_details, []);
      assert.equal(refundTxn.net, -1200);
      assert.equal(refundTxn.reporting_category, 'refund');
      const refundSource = refundTxn.source as Stripe.Refund;
      assert.equal(refundSource.object, 'refund');
      assert.equal(refundSource.payment_intent, usd.id);
      assert.equal(refundSource.charge, usd.latest_charge);
      assert.equal(refundSource.balance_transaction, refundTxn.id);

      const yen = listed.find((txn) => txn.type === 'charge' && (txn.source as Stripe.Charge).payment_intent === jpy.id)!;
      assert.deepEqual([yen.amount, yen.fee, yen.net, yen.currency], [1000, 29, 971, 'jpy']);

      assert.equal(new Set(listed.map((txn) => txn.id)).size, listed.length, 'no transaction twice across pages');
      const created = listed.map((txn) => txn.created);
      assert.deepEqual(
        created,
        [...created].sort((a, b) => b - a),
        'newest first',
      );
      assert.ok(listed.indexOf(refundTxn) < listed.indexOf(charge), 'the refund, made after the capture, comes first');
    });

    it('pages a range of more than 100 transactions with limit 100', async () => {
      const gte = nowSeconds();
      const intents = await Promise.all(Array.from({ length: 105 }, (_, index) => stripeCapture(faces, 100 + index)));
      const lt = nowSeconds() + 1;
      const listCalls = async () => {
        const logged = (await (await fetch(`${faces.sim.url}/_sim/requests`)).json()) as { data: Array<{ path: string }> };
        return logged.data.filter((request) => request.path === '/v1/balance_transactions').length;
      };
      const callsBefore = await listCalls();

      const listed = await listAll(faces, { gte, lt });

      assert.ok((await listCalls()) - callsBefore >= 2, 'the SDK fetched more than one page');
      const listedIntents = listed.map((txn) => (txn.source as Stripe.Charge).payment_intent);
      for (const intent of intents) assert.equal(listedIntents.filter((id) => id === intent.id).length, 1, `${intent.id} listed once`);
      assert.equal(new Set(listed.map((txn) => txn.id)).size, listed.length);
    });

    it("answers Stripe's list shape with 10 by default, and only with a secret key", async () => {
      for (let i = 0; i < 11; i++) await stripeCapture(faces, 300);
      const url = `${faces.sim.stripeUrl}/v1/balance_transactions`;

      const listed = await fetch(url, { headers: { authorization: 'Bearer sk_test_holdfast' } });
      const body = (await listed.json()) as { object: string; url: string; data: Array<{ source: unknown }>; has_more: boolean };
      assert.equal(listed.status, 200);
      assert.equal(body.object, 'list');
      assert.equal(body.url, '/v1/balance_transactions');
      assert.equal(body.data.length, 10);
      assert.equal(body.has_more, true);
      assert.equal(typeof body.data[0].source, 'string', 'sources are ids unless expanded');

      const anonymous = await fetch(url);
      assert.equal(anonymous.status, 401);
      const unknown = await fetch(`${url}?type=charge`, { headers: { authorization: 'Bearer sk_test_holdfast' } });
      assert.equal(unknown.status, 400);
      assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'parameter_unknown');
    });
  });

  describe('Adyen settlement details report', () => {
    let faces: Faces;

    before(async () => {
      faces = await startFaces();
    });

    after(async () => {
      await faces.sim.close();
    });

    it("writes a Settled line per capture and a Refunded line per refund of the day, in the currency's decimals", async () => {
      const startedAt = Date.now();
      // A comma and quotes: the field has to be quoted, and comes back whole.
      const quotedReference = `pay_${randomUUID()},"odd"`;
      const eur = await adyenPayment(faces, { value: 1000, currency: 'EUR' }, { reference: quotedReference });
      const jpy = await adyenPayment(faces, { value: 1000, currency: 'JPY' }, { manualCapture: true });
      const captureReference = `cap_${randomUUID()}`;
      const jpyCapture = await adyenModification(faces, jpy, 'captures', { value: 1000, currency: 'JPY' }, captureReference);
      const kwd = await adyenPayment(faces, { value: 1000, currency: 'KWD' });
      const refundReference = `ref_${randomUUID()}`;
      const eurRefund = await adyenModification(faces, eur, 'refunds', { value: 300, currency: 'EUR' }, refundReference);
      const batch = batchOf(new Date());

      const rows = await adyenReport(faces, batch);

      const line = (reference: string, type: string) => {
        const found = rows.filter((row) => row['Psp Reference'] === reference && row.Type === type);
        assert.equal(found.length, 1, `one ${type} line for ${reference}`);
        return found[0]!;
      };
      const settled = line(eur, 'Settled');
      assert.equal(settled['Merchant Account'], SIM_ADYEN_MERCHANT_ACCOUNT);
      assert.equal(settled['Merchant Reference'], quotedReference);
      assert.equal(settled['Modification Reference'], eur, 'an automatic capture is booked under the payment');
      assert.equal(settled['Gross Currency'], 'EUR');
      assert.equal(settled['Net Currency'], 'EUR');
      assert.equal(settled['Gross Debit (GC)'], '');
      assert.equal(settled['Gross Credit (GC)'], '10.00');
      assert.equal(settled['Net Credit (NC)'], '9.64');
      assert.equal(settled['Commission (NC)'], '0.36');
      assert.deepEqual([settled['Markup (NC)'], settled['Scheme Fees (NC)'], settled['Interchange (NC)']], ['0.00', '0.00', '0.00']);
      assert.equal(settled.TimeZone, 'UTC');
      assert.equal(settled['Batch Number'], batch);
      assert.match(settled['Creation Date']!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      const bookedAt = Date.parse(`${settled['Creation Date']!.replace(' ', 'T')}Z`);
      assert.ok(bookedAt >= Math.floor(startedAt / 1000) * 1000 && bookedAt <= Date.now(), 'booked during the test');

      const refunded = line(eur, 'Refunded');
      assert.equal(refunded['Modification Reference'], eurRefund);
      assert.equal(refunded['Modification Merchant Reference'], refundReference);
      assert.equal(refunded['Merchant Reference'], quotedReference);
      assert.deepEqual([refunded['Gross Debit (GC)'], refunded['Gross Credit (GC)']], ['3.00', '']);
      assert.deepEqual([refunded['Net Debit (NC)'], refunded['Net Credit (NC)']], ['3.00', '']);
      assert.equal(refunded['Commission (NC)'], '0.00');

      const yen = line(jpy, 'Settled');
      assert.equal(yen['Modification Reference'], jpyCapture);
      assert.equal(yen['Modification Merchant Reference'], captureReference);
      assert.deepEqual([yen['Gross Credit (GC)'], yen['Net Credit (NC)'], yen['Commission (NC)']], ['1000', '994', '6']);

      const dinar = line(kwd, 'Settled');
      assert.deepEqual([dinar['Gross Credit (GC)'], dinar['Net Credit (NC)'], dinar['Commission (NC)']], ['1.000', '0.694', '0.306']);
      assert.equal(settlementFee('adyen', 'capture', 'kwd', 1000), 306);
    });

    it('quotes only the fields that need it', async () => {
      const plain = await adyenPayment(faces, { value: 2500, currency: 'EUR' });
      const text = await adyenReportText(faces, batchOf(new Date()));
      const record = text.split('\n').find((candidate) => candidate.includes(plain))!;
      assert.ok(record, 'the payment has a line');
      assert.ok(!record.includes('"'), record);
      assert.equal(record.split(',').length, ADYEN_COLUMNS.length);
    });

    it('leaves out other days and other merchant accounts, and an empty day is the header alone', async () => {
      const ours = await adyenPayment(faces, { value: 1000, currency: 'EUR' });
      const theirs = await adyenPayment(faces, { value: 1000, currency: 'EUR' }, { merchantAccount: `Other${randomUUID().slice(0, 8)}` });
      const today = batchOf(new Date());
      const yesterday = batchOf(new Date(Date.now() - 86_400_000));

      const todays = (await adyenReport(faces, today)).map((row) => row['Psp Reference']);
      const yesterdays = (await adyenReport(faces, yesterday)).map((row) => row['Psp Reference']);

      assert.ok(todays.includes(ours));
      assert.ok(!todays.includes(theirs));
      assert.ok(!yesterdays.includes(ours));
      assert.equal(await adyenReportText(faces, '20200101'), `${ADYEN_COLUMNS.join(',')}\n`);
    });

    it('needs the API key, and a real date as the batch', async () => {
      const base = `${faces.sim.adyenUrl}/reports/download/MerchantAccount/${SIM_ADYEN_MERCHANT_ACCOUNT}`;
      assert.equal((await fetch(`${base}/settlement_detail_report_batch_20261121.csv`)).status, 401);
      const notADay = await fetch(`${base}/settlement_detail_report_batch_20261332.csv`, { headers: { 'x-api-key': SIM_ADYEN_API_KEY } });
      assert.equal(notADay.status, 404);
    });
  });

  describe('report faults', () => {
    // A fresh simulator per test: "the oldest capture line" is then the test's own.
    let faces: Faces;

    beforeEach(async () => {
      faces = await startFaces();
    });

    afterEach(async () => {
      await faces.sim.close();
    });

    const todayRange = (gte: number) => ({ gte, lt: nowSeconds() + 1 });
    const chargeOf = (listed: Stripe.BalanceTransaction[], intent: Stripe.PaymentIntent) =>
      listed.filter((txn) => txn.type === 'charge' && (txn.source as Stripe.Charge).payment_intent === intent.id);

    it('missing (Stripe): the oldest capture is left out of the next listing only', async () => {
      const gte = nowSeconds();
      const oldest = await stripeCapture(faces, 1000);
      const newer = await stripeCapture(faces, 2000);
      await faces.client.reportFault('missing', 'stripe');

      const faulty = await listAll(faces, todayRange(gte));
      const next = await listAll(faces, todayRange(gte));

      assert.equal(chargeOf(faulty, oldest).length, 0);
      assert.equal(chargeOf(faulty, newer).length, 1);
      assert.equal(chargeOf(next, oldest).length, 1, 'the fault was used up');
      const [applied, ...more] = await faces.client.appliedReportFaults();
      assert.deepEqual(more, []);
      assert.deepEqual([applied!.kind, applied!.psp, applied!.payment_reference], ['missing', 'stripe', oldest.id]);
      assert.equal(applied!.line_id, chargeOf(next, oldest)[0]!.id);
    });

    it('amount_off (Stripe): the oldest capture is 500 too high in gross and net, its fee unchanged', async () => {
      const gte = nowSeconds();
      const oldest = await stripeCapture(faces, 1000);
      await faces.client.reportFault('amount_off', 'stripe');

      const [txn] = chargeOf(await listAll(faces, todayRange(gte)), oldest);

      assert.deepEqual([txn!.amount, txn!.fee, txn!.net], [1500, 59, 1441]);
      assert.equal((await faces.client.appliedReportFaults())[0]!.payment_reference, oldest.id);
    });

    it('duplicate (Stripe): a second transaction for the same charge, kept on every page', async () => {
      const gte = nowSeconds();
      const oldest = await stripeCapture(faces, 1000);
      await stripeCapture(faces, 2000);
      await stripeCapture(faces, 3000);
      await faces.client.reportFault('duplicate', 'stripe');

      // One transaction per page: the copy and the original are on pages fetched after the first.
      const twice = chargeOf(await listAll(faces, todayRange(gte), 1), oldest);
      const afterwards = chargeOf(await listAll(faces, todayRange(gte), 1), oldest);

      assert.equal(twice.length, 2);
      assert.notEqual(twice[0]!.id, twice[1]!.id);
      assert.equal((twice[0]!.source as Stripe.Charge).id, (twice[1]!.source as Stripe.Charge).id);
      assert.equal(afterwards.length, 1);
      const applied = (await faces.client.appliedReportFaults())[0]!;
      assert.ok(twice.some((txn) => txn.id === applied.line_id) && applied.line_id !== afterwards[0]!.id, 'line_id names the copy');
    });

    it('extra (Stripe): a real charge holdfast never asked for, inside the range, that can be refunded', async () => {
      // A past day with nothing in it: the extra charge is in USD and booked inside it.
      const range = { gte: Date.UTC(2020, 0, 1) / 1000, lt: Date.UTC(2020, 0, 2) / 1000 };
      await faces.client.reportFault('extra', 'stripe');

      const listed = await listAll(faces, range);

      assert.equal(listed.length, 1);
      const [extra] = listed;
      assert.deepEqual([extra!.amount, extra!.currency, extra!.type], [1234, 'usd', 'charge']);
      assert.ok(extra!.created >= range.gte && extra!.created < range.lt);
      const charge = extra!.source as Stripe.Charge;
      assert.deepEqual(charge.metadata, {});
      const applied = (await faces.client.appliedReportFaults())[0]!;
      assert.deepEqual([applied.kind, applied.payment_reference, applied.line_id], ['extra', charge.payment_intent, extra!.id]);

      const gte = nowSeconds();
      const refund = await faces.stripe.refunds.create({ payment_intent: charge.payment_intent as string });
      assert.equal(refund.status, 'succeeded');
      const refunds = (await listAll(faces, todayRange(gte))).filter((txn) => txn.type === 'refund');
      assert.deepEqual(
        refunds.map((txn) => [(txn.source as Stripe.Refund).payment_intent, txn.amount]),
        [[charge.payment_intent, -1234]],
      );
    });

    it('amount_off (Adyen): gross and net credit 5.00 too high, commission unchanged', async () => {
      const payment = await adyenPayment(faces, { value: 1000, currency: 'EUR' });
      await faces.client.reportFault('amount_off', 'adyen');

      const [line] = await adyenReport(faces, batchOf(new Date()));

      assert.equal(line!['Psp Reference'], payment);
      assert.deepEqual([line!['Gross Credit (GC)'], line!['Net Credit (NC)'], line!['Commission (NC)']], ['15.00', '14.64', '0.36']);
      assert.deepEqual(
        await faces.client
          .appliedReportFaults()
          .then((faults) => faults.map((fault) => [fault.kind, fault.psp, fault.payment_reference, fault.line_id])),
        [['amount_off', 'adyen', payment, payment]],
      );
    });

    it('duplicate (Adyen): the oldest Settled line twice', async () => {
      const oldest = await adyenPayment(faces, { value: 1000, currency: 'EUR' });
      const newer = await adyenPayment(faces, { value: 2000, currency: 'EUR' });
      await faces.client.reportFault('duplicate', 'adyen');

      const rows = await adyenReport(faces, batchOf(new Date()));

      assert.deepEqual(
        rows.map((row) => row['Psp Reference']),
        [oldest, oldest, newer],
      );
      assert.deepEqual(rows[0], rows[1]);
    });

    it('missing (Adyen) waits for a report with a capture to leave out', async () => {
      const batch = batchOf(new Date());
      await faces.client.reportFault('missing', 'adyen');
      assert.deepEqual(await adyenReport(faces, batch), [], 'nothing booked yet');
      assert.deepEqual(await faces.client.appliedReportFaults(), [], 'not applied to an empty report');

      const oldest = await adyenPayment(faces, { value: 1000, currency: 'EUR' });
      const newer = await adyenPayment(faces, { value: 2000, currency: 'EUR' });
      const faulty = await adyenReport(faces, batch);
      const next = await adyenReport(faces, batch);

      assert.deepEqual(
        faulty.map((row) => row['Psp Reference']),
        [newer],
      );
      assert.deepEqual(
        next.map((row) => row['Psp Reference']),
        [oldest, newer],
      );
    });

    it("extra (Adyen): a real payment in the oldest line's currency, with a sim_extra reference, that can be refunded", async () => {
      const batch = batchOf(new Date());
      await adyenPayment(faces, { value: 1000, currency: 'KWD' });
      await faces.client.reportFault('extra', 'adyen');

      const rows = await adyenReport(faces, batch);

      const extra = rows.find((row) => row['Merchant Reference'].startsWith('sim_extra_'))!;
      assert.ok(extra, 'an extra line');
      assert.deepEqual([extra.Type, extra['Gross Currency'], extra['Gross Credit (GC)']], ['Settled', 'KWD', '1.234']);
      const applied = (await faces.client.appliedReportFaults())[0]!;
      assert.deepEqual([applied.kind, applied.psp, applied.payment_reference], ['extra', 'adyen', extra['Psp Reference']]);

      const refund = await adyenModification(faces, applied.payment_reference, 'refunds', { value: 1234, currency: 'KWD' });
      const refunded = (await adyenReport(faces, batch)).filter((row) => row.Type === 'Refunded');
      assert.deepEqual(
        refunded.map((row) => [row['Psp Reference'], row['Modification Reference'], row['Gross Debit (GC)']]),
        [[applied.payment_reference, refund, '1.234']],
      );
    });

    it('a fault without a PSP goes to whichever report is fetched next', async () => {
      const gte = nowSeconds();
      const charged = await stripeCapture(faces, 1000);
      const payment = await adyenPayment(faces, { value: 1000, currency: 'EUR' });
      await faces.client.reportFault('missing');

      const adyenRows = await adyenReport(faces, batchOf(new Date()));
      const stripeListed = await listAll(faces, todayRange(gte));

      assert.deepEqual(adyenRows, []);
      assert.equal(chargeOf(stripeListed, charged).length, 1);
      assert.deepEqual(
        (await faces.client.appliedReportFaults()).map((fault) => [fault.psp, fault.payment_reference]),
        [['adyen', payment]],
      );
    });
  });
});
