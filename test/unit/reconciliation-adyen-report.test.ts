// Adyen's Settlement details report read into report lines: the mapping of its columns, exact
// minor units from major-unit strings, and the fetch of one file per UTC date over HTTP.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PspRequestError } from '../../domain/psp-gateway';
import {
  fetchAdyenSettlementReport,
  minorUnits,
  reportLinesFromCsv,
  SETTLEMENT_DETAIL_COLUMNS,
  utcDatesOverlapping,
} from '../../psp/adyen/settlement-report';

const HEADER = SETTLEMENT_DETAIL_COLUMNS.join(',');

/** One report row; fields by column name, the rest empty. */
function row(fields: Partial<Record<(typeof SETTLEMENT_DETAIL_COLUMNS)[number], string>>): string {
  const values: Record<string, string> = {
    'Company Account': 'HoldfastCompany',
    'Merchant Account': 'HoldfastECOM',
    'Creation Date': '2026-11-21 10:15:30',
    TimeZone: 'UTC',
    'Gross Currency': 'EUR',
    'Net Currency': 'EUR',
    'Batch Number': '7',
    ...fields,
  };
  return SETTLEMENT_DETAIL_COLUMNS.map((column) => {
    const value = values[column] ?? '';
    return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }).join(',');
}

const SETTLED_FIELDS = {
  'Psp Reference': '8816178914079738',
  'Merchant Reference': 'pay_1',
  Type: 'Settled',
  'Gross Credit (GC)': '10.99',
  'Commission (NC)': '0.12',
  'Markup (NC)': '0.10',
  'Scheme Fees (NC)': '0.02',
  'Interchange (NC)': '0.15',
} as const;
const SETTLED = row({
  ...SETTLED_FIELDS,
  'Payment Method': 'visa',
  'Modification Reference': '8816178914081234',
  'Net Credit (NC)': '10.60',
});
const REFUNDED = row({
  'Psp Reference': '8816178914079738',
  'Merchant Reference': 'pay_1',
  Type: 'Refunded',
  'Creation Date': '2026-11-21 18:00:00',
  'Modification Reference': '8816178914099999',
  'Gross Debit (GC)': '4.00',
  'Net Debit (NC)': '4.00',
  'Modification Merchant Reference': 'rfd_1',
});
const PAYOUT = row({ Type: 'MerchantPayout', 'Merchant Reference': 'Payout of batch 7', 'Net Debit (NC)': '6.60' });

describe('Adyen settlement report', () => {
  describe('reading a file', () => {
    it('maps Settled to a capture and Refunded to a refund, with references, amounts and fees in minor units', () => {
      const lines = reportLinesFromCsv([HEADER, SETTLED, REFUNDED].join('\r\n'), '2026-11-21');
      assert.deepEqual(lines, [
        {
          lineId: '7:2',
          kind: 'capture',
          paymentReference: '8816178914079738',
          modificationReference: '8816178914081234',
          merchantReference: 'pay_1',
          amount: 1099,
          // Commission + markup + scheme fees + interchange.
          fee: 39,
          currency: 'eur',
          createdAt: '2026-11-21T10:15:30.000Z',
        },
        {
          lineId: '7:3',
          kind: 'refund',
          paymentReference: '8816178914079738',
          modificationReference: '8816178914099999',
          merchantReference: 'pay_1',
          amount: 400,
          fee: 0,
          currency: 'eur',
          createdAt: '2026-11-21T18:00:00.000Z',
        },
      ]);
    });

    it('keeps other types as `other` lines, counted but not read for money', () => {
      const [payout] = reportLinesFromCsv(`${HEADER}\r\n${PAYOUT}\r\n`, '2026-11-21');
      assert.equal(payout?.kind, 'other');
      assert.equal(payout?.amount, 0);
    });

    it('reads a quoted merchant reference holding a comma', () => {
      const [line] = reportLinesFromCsv(`${HEADER}\r\n${row({ ...SETTLED_FIELDS, 'Merchant Reference': 'pay_1, again' })}`, '2026-11-21');
      assert.equal(line?.merchantReference, 'pay_1, again');
    });

    it('converts by the currency’s own decimals: JPY 0, KWD 3', () => {
      const settledIn = (currency: string, gross: string, commission: string) =>
        reportLinesFromCsv(
          `${HEADER}\r\n${row({ ...SETTLED_FIELDS, 'Gross Currency': currency, 'Net Currency': currency, 'Gross Credit (GC)': gross, 'Commission (NC)': commission, 'Markup (NC)': '', 'Scheme Fees (NC)': '', 'Interchange (NC)': '' })}`,
          '2026-11-21',
        )[0];
      const yen = settledIn('JPY', '1500', '12');
      assert.deepEqual([yen?.amount, yen?.fee, yen?.currency], [1500, 12, 'jpy']);
      const dinar = settledIn('KWD', '1.234', '0.005');
      assert.deepEqual([dinar?.amount, dinar?.fee, dinar?.currency], [1234, 5, 'kwd']);
    });

    it('refuses a header that is not the settlement details report’s', () => {
      const reordered = [...SETTLEMENT_DETAIL_COLUMNS].reverse().join(',');
      assert.throws(() => reportLinesFromCsv(`${reordered}\r\n`, '2026-11-21'), /not a settlement details report/);
      assert.throws(() => reportLinesFromCsv(HEADER.replace('Batch Number', 'Batch'), '2026-11-21'), /not a settlement details report/);
    });

    it('refuses a line with a missing field, a zone it cannot read, or an impossible date', () => {
      assert.throws(() => reportLinesFromCsv(`${HEADER}\r\n${SETTLED.slice(0, SETTLED.lastIndexOf(','))}`, '2026-11-21'), /has 22 fields/);
      assert.throws(
        () => reportLinesFromCsv(`${HEADER}\r\n${row({ ...SETTLED_FIELDS, TimeZone: 'CET' })}`, '2026-11-21'),
        /time zone "CET"/,
      );
      assert.throws(
        () => reportLinesFromCsv(`${HEADER}\r\n${row({ ...SETTLED_FIELDS, 'Creation Date': '2026-02-30 10:00:00' })}`, '2026-11-21'),
        /not a real time/,
      );
    });
  });

  describe('minor units from decimal strings', () => {
    it('is exact where floats are not', () => {
      // 0.29 * 100 = 28.999999999999996 as a float.
      assert.equal(minorUnits('0.29', 'usd'), 29);
      assert.equal(minorUnits('1234567.89', 'eur'), 123456789);
      assert.equal(minorUnits('7', 'usd'), 700);
      assert.equal(minorUnits('7.5', 'usd'), 750);
      assert.equal(minorUnits('-1.05', 'usd'), -105);
      assert.equal(minorUnits('', 'usd'), 0);
    });

    it('accepts trailing zeros beyond the currency’s decimals but not digits', () => {
      assert.equal(minorUnits('10.9900', 'usd'), 1099);
      assert.throws(() => minorUnits('10.991', 'usd'), /more decimals than usd/);
      assert.throws(() => minorUnits('10.5', 'jpy'), /more decimals than jpy/);
    });

    it('refuses what is not a plain decimal', () => {
      for (const value of ['1,000.00', '1e3', '12.', '.5', 'abc']) assert.throws(() => minorUnits(value, 'usd'), /not a decimal amount/);
    });
  });

  it('asks for each UTC date a business day overlaps', () => {
    // A Berlin business day: 23:00 UTC the day before until 23:00 UTC.
    assert.deepEqual(utcDatesOverlapping({ start: new Date('2026-11-20T23:00:00Z'), end: new Date('2026-11-21T23:00:00Z') }), [
      '2026-11-20',
      '2026-11-21',
    ]);
    assert.deepEqual(utcDatesOverlapping({ start: new Date('2026-11-21T00:00:00Z'), end: new Date('2026-11-22T00:00:00Z') }), [
      '2026-11-21',
    ]);
  });

  describe('fetching over HTTP', () => {
    let server: Server;
    let base: string;
    const requests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
    const files: Record<string, string> = {
      '/reports/download/MerchantAccount/HoldfastECOM/settlement_detail_report_batch_20261120.csv': [
        HEADER,
        row({ ...SETTLED_FIELDS, 'Psp Reference': 'A_BEFORE', 'Creation Date': '2026-11-20 22:59:59' }),
        row({ ...SETTLED_FIELDS, 'Psp Reference': 'B_INSIDE', 'Creation Date': '2026-11-20 23:00:00' }),
      ].join('\r\n'),
      '/reports/download/MerchantAccount/HoldfastECOM/settlement_detail_report_batch_20261121.csv': [
        HEADER,
        row({ ...SETTLED_FIELDS, 'Psp Reference': 'C_INSIDE', 'Creation Date': '2026-11-21 22:59:59' }),
        row({ ...SETTLED_FIELDS, 'Psp Reference': 'D_AFTER', 'Creation Date': '2026-11-21 23:00:00' }),
      ].join('\r\n'),
    };

    before(async () => {
      server = createServer((req, res) => {
        requests.push({ url: req.url!, headers: req.headers });
        const file = files[req.url!];
        if (file === undefined) res.writeHead(404).end('not found');
        else res.writeHead(200, { 'content-type': 'text/csv' }).end(file);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const source = () => ({ reportBase: base, merchantAccount: 'HoldfastECOM', apiKey: 'AQE_key', timeoutMs: 5_000 });

    it('downloads each UTC date’s file with the API key and keeps the lines created inside the range', async () => {
      requests.length = 0;
      const report = await fetchAdyenSettlementReport(source(), {
        start: new Date('2026-11-20T23:00:00Z'),
        end: new Date('2026-11-21T23:00:00Z'),
      });
      assert.deepEqual(
        report.lines.map((l) => l.paymentReference),
        ['B_INSIDE', 'C_INSIDE'],
      );
      assert.deepEqual(
        requests.map((r) => [r.url.split('/').at(-1), r.headers['x-api-key']]),
        [
          ['settlement_detail_report_batch_20261120.csv', 'AQE_key'],
          ['settlement_detail_report_batch_20261121.csv', 'AQE_key'],
        ],
      );
      // The files as served, every line, for the run's record.
      assert.ok(report.raw.includes('A_BEFORE') && report.raw.includes('D_AFTER'));
    });

    it('refuses to treat a report that is not there as an empty day', async () => {
      await assert.rejects(
        fetchAdyenSettlementReport(source(), { start: new Date('2026-11-25T00:00:00Z'), end: new Date('2026-11-26T00:00:00Z') }),
        (error: unknown) => error instanceof PspRequestError && error.code === 'report_not_available',
      );
    });
  });
});
