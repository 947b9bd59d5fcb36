// GET /reports/download/MerchantAccount/:merchantAccount/settlement_detail_report_batch_<n>.csv:
// Adyen's settlement details report for one merchant account, behind the face's X-API-Key.
// Adyen numbers its settlement batches in sequence; the simulator settles once per UTC day,
// so its batch number is that day as YYYYMMDD (batch 20261121 is 2026-11-21, 00:00–24:00 UTC),
// which lets holdfast name the report of a date without asking which batch it was.
// Amounts are written in major units with the currency's decimals, fields quoted only when
// they must be (RFC 4180), one line per record; a day without bookings is the header alone.
import { Router } from 'express';
import { dayBounds, isBusinessDate } from '../../domain/settlement/business-date';
import type { SimContext } from '../context';
import { reportWithQueuedFault } from '../reports/apply-fault';
import { adyenReportSource, type SettlementLine } from '../reports/adyen-settlement-lines';
import { csvRecord } from '../reports/csv';
import { majorUnits } from '../reports/major-units';
import { cardBrand } from './notifications';

/** The simulator's Adyen company account, above its merchant accounts. */
const COMPANY_ACCOUNT = 'HoldfastSimulator';
const REPORT_FILE = /^settlement_detail_report_batch_(\d{4})(\d{2})(\d{2})\.csv$/;

const COLUMNS = [
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

export function settlementReportRoutes(context: SimContext): Router {
  const router = Router();

  router.get('/reports/download/MerchantAccount/:merchantAccount/:file', (req, res, next) => {
    const [, year, month, day] = REPORT_FILE.exec(req.params.file) ?? [];
    const date = `${year}-${month}-${day}`;
    // Not a report's name, or no such day: the face's 404.
    if (!isBusinessDate(date)) return next();
    const { merchantAccount } = req.params;
    const lines = reportWithQueuedFault(context.reportFaults, adyenReportSource(context.store, merchantAccount, dayBounds(date, 'UTC')));
    const batchNumber = `${year}${month}${day}`;
    const records = [COLUMNS, ...lines.map((line) => reportRecord(line, batchNumber))];
    res.type('text/csv').send(records.map((record) => `${csvRecord(record)}\n`).join(''));
  });

  return router;
}

function reportRecord(line: SettlementLine, batchNumber: string): string[] {
  const { payment, modification, currency } = line;
  const amount = (minor: number) => majorUnits(minor, currency);
  const settled = line.type === 'Settled';
  const brand = cardBrand(payment.paymentMethod);
  return [
    COMPANY_ACCOUNT,
    payment.merchantAccount,
    payment.pspReference,
    payment.reference,
    brand,
    // `YYYY-MM-DD HH:MM:SS` in the TimeZone column's zone.
    modification.bookedAt.slice(0, 19).replace('T', ' '),
    'UTC',
    line.type,
    modification.pspReference,
    currency.toUpperCase(),
    settled ? '' : amount(line.gross),
    settled ? amount(line.gross) : '',
    '1',
    currency.toUpperCase(),
    settled ? '' : amount(line.net),
    settled ? amount(line.net) : '',
    amount(line.fee),
    amount(0),
    amount(0),
    amount(0),
    brand,
    modification.reference ?? '',
    batchNumber,
  ];
}
