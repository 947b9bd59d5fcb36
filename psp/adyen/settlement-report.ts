// Adyen's Settlement details report, fetched and read into report lines. The library has no
// report client, so this is a plain authenticated GET. Adyen serves reports from its
// Customer Area host, not the Checkout one: https://ca-test.adyen.com (TEST) or
// https://ca-live.adyen.com (LIVE), at /reports/download/MerchantAccount/<account>/<file>,
// with the API key of a user holding the report download role. holdfast asks for one file
// per UTC date, `settlement_detail_report_batch_<YYYYMMDD>.csv` (Adyen itself names the file
// by batch number; the simulator, and a report alias configured per day, by date).
import { currencyExponent, isSupportedCurrency } from '../../domain/money';
import type { ReportLine } from '../../domain/reconciliation/types';
import { PspRequestError } from '../../domain/psp-gateway';
import { parseCsv } from './csv';
import { gatewayErrorFromAdyenError } from './mappers';

export const SETTLEMENT_DETAIL_COLUMNS = [
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
] as const;

type Column = (typeof SETTLEMENT_DETAIL_COLUMNS)[number];
type Row = Record<Column, string>;

/** What Adyen kept of a line: everything it charged, in the net currency. */
const FEE_COLUMNS: readonly Column[] = ['Commission (NC)', 'Markup (NC)', 'Scheme Fees (NC)', 'Interchange (NC)'];

export interface AdyenReportSource {
  /** https://ca-test.adyen.com, https://ca-live.adyen.com, or the simulator's Adyen face. */
  reportBase: string;
  merchantAccount: string;
  apiKey: string;
  timeoutMs: number;
}

/** Every line created in [start, end), from each UTC date's file the range touches. */
export async function fetchAdyenSettlementReport(
  source: AdyenReportSource,
  range: { start: Date; end: Date },
): Promise<{ raw: string; lines: ReportLine[] }> {
  const files: string[] = [];
  const lines: ReportLine[] = [];
  for (const date of utcDatesOverlapping(range)) {
    const csv = await download(source, reportFileName(date));
    files.push(csv);
    lines.push(...reportLinesFromCsv(csv, date).filter((line) => inRange(line, range)));
  }
  // More than one file only when the business day is not a UTC day; kept as served, in order.
  return { raw: files.join('\n'), lines };
}

export function reportFileName(utcDate: string): string {
  return `settlement_detail_report_batch_${utcDate.replaceAll('-', '')}.csv`;
}

/** The UTC calendar dates (YYYY-MM-DD) that [start, end) overlaps. */
export function utcDatesOverlapping(range: { start: Date; end: Date }): string[] {
  const dates: string[] = [];
  const last = new Date(range.end.getTime() - 1).toISOString().slice(0, 10);
  for (let day = new Date(range.start.toISOString().slice(0, 10)); ; day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10);
    if (date > last) return dates;
    dates.push(date);
  }
}

async function download(source: AdyenReportSource, fileName: string): Promise<string> {
  const base = source.reportBase.replace(/\/$/, '');
  const url = `${base}/reports/download/MerchantAccount/${encodeURIComponent(source.merchantAccount)}/${fileName}`;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { headers: { 'X-API-Key': source.apiKey }, signal: AbortSignal.timeout(source.timeoutMs) });
    body = await response.text();
  } catch (error) {
    // Refused connections become PspNotReachedError; anything else stays as it is (retried).
    throw gatewayErrorFromAdyenError(error);
  }
  if (response.ok) return body;
  // A report not generated (yet) is no empty day: reconciling against nothing would call every
  // payment of the day missing. The run fails instead, visibly, and can be started again.
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    const code = response.status === 404 ? 'report_not_available' : `http_${response.status}`;
    throw new PspRequestError(`Adyen refused the report ${fileName} (${response.status})`, code);
  }
  throw new Error(`Adyen answered ${response.status} for the report ${fileName}`);
}

/**
 * The lines of one report file. A line's id is its batch number (the file's date when the
 * file gives none) and its line number in the file: the same on every download.
 */
export function reportLinesFromCsv(csv: string, fileDate: string): ReportLine[] {
  const [header, ...records] = parseCsv(csv).filter((fields) => !(fields.length === 1 && fields[0] === ''));
  if (!header || header.join(',') !== SETTLEMENT_DETAIL_COLUMNS.join(',')) {
    throw new Error(`not a settlement details report: header is ${JSON.stringify(header?.join(','))}`);
  }
  return records.map((fields, index) => {
    const lineNumber = index + 2;
    if (fields.length !== SETTLEMENT_DETAIL_COLUMNS.length) {
      throw new Error(`settlement report line ${lineNumber} has ${fields.length} fields, not ${SETTLEMENT_DETAIL_COLUMNS.length}`);
    }
    const row = Object.fromEntries(SETTLEMENT_DETAIL_COLUMNS.map((column, i) => [column, fields[i]!.trim()])) as Row;
    const lineId = `${row['Batch Number'] || fileDate.replaceAll('-', '')}:${lineNumber}`;
    return reportLineFromRow(row, lineId, lineNumber);
  });
}

function reportLineFromRow(row: Row, lineId: string, lineNumber: number): ReportLine {
  const where = `settlement report line ${lineNumber}`;
  const createdAt = creationInstant(row['Creation Date'], row.TimeZone, where);
  const references = {
    paymentReference: row['Psp Reference'],
    ...(row['Modification Reference'] ? { modificationReference: row['Modification Reference'] } : {}),
    ...(row['Merchant Reference'] ? { merchantReference: row['Merchant Reference'] } : {}),
  };
  const kind = row.Type === 'Settled' ? 'capture' : row.Type === 'Refunded' ? 'refund' : 'other';
  if (kind === 'other') {
    // Fees, payouts, chargebacks …: counted, never matched, so their figures are not read.
    return { lineId, kind, ...references, amount: 0, fee: 0, currency: row['Gross Currency'].toLowerCase(), createdAt };
  }
  const currency = row['Gross Currency'].toLowerCase();
  if (!isSupportedCurrency(currency)) throw new Error(`${where}: unsupported currency ${JSON.stringify(row['Gross Currency'])}`);
  if (row['Net Currency'].toLowerCase() !== currency) {
    throw new Error(`${where}: net currency ${row['Net Currency']} differs from gross currency ${row['Gross Currency']}`);
  }
  if (!references.paymentReference) throw new Error(`${where}: a ${row.Type} line without a Psp Reference`);
  const amount = minorUnits(kind === 'capture' ? row['Gross Credit (GC)'] : row['Gross Debit (GC)'], currency, where);
  if (amount <= 0) throw new Error(`${where}: a ${row.Type} line must have a positive gross amount`);
  const fee = FEE_COLUMNS.reduce((sum, column) => sum + minorUnits(row[column], currency, where), 0);
  return { lineId, kind, ...references, amount, fee, currency, createdAt };
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * "12.34" in a currency with 2 decimals is 1234: the digits are shifted as a string, so no
 * binary fraction ever rounds a cent. More decimals than the currency has are an error unless
 * they are zeros; an empty cell is 0.
 */
export function minorUnits(value: string, currency: string, where = 'amount'): number {
  if (value === '') return 0;
  const match = DECIMAL.exec(value);
  if (!match) throw new Error(`${where}: ${JSON.stringify(value)} is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new Error(`${where}: ${value} has more decimals than ${currency} (${exponent})`);
  }
  const digits = `${whole}${fraction.slice(0, exponent).padEnd(exponent, '0')}`;
  const amount = Number(digits);
  if (!Number.isSafeInteger(amount)) throw new Error(`${where}: ${value} is too large`);
  return sign === '-' && amount !== 0 ? -amount : amount;
}

/** Adyen writes local wall time plus the zone's name; UTC (and GMT) are the zones read here. */
function creationInstant(date: string, timeZone: string, where: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(date);
  if (!match) throw new Error(`${where}: Creation Date ${JSON.stringify(date)} is not YYYY-MM-DD HH:MM:SS`);
  if (timeZone !== 'UTC' && timeZone !== 'GMT') {
    throw new Error(`${where}: time zone ${JSON.stringify(timeZone)} is not supported; configure the report in UTC`);
  }
  const written = `${match[1]}T${match[2]}`;
  const instant = new Date(`${written}Z`);
  // Date rolls 2026-02-30 over into March instead of refusing it.
  if (Number.isNaN(instant.getTime()) || instant.toISOString().slice(0, 19) !== written) {
    throw new Error(`${where}: Creation Date ${date} is not a real time`);
  }
  return instant.toISOString();
}

function inRange(line: ReportLine, range: { start: Date; end: Date }): boolean {
  const at = Date.parse(line.createdAt);
  return at >= range.start.getTime() && at < range.end.getTime();
}
