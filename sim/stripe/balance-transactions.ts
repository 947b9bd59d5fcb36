// GET /v1/balance_transactions: the Stripe face's settlement report, newest first, in Stripe's
// list shape, with `created[gte]`, `created[lt]`, `limit`, `starting_after` and
// `expand[]=data.source`. A listing without `starting_after` builds the report afresh (and
// takes a queued report fault); its later pages read that same listing, kept per range, so
// a fault applied to page one stays applied on every page the SDK's auto-pagination fetches.
import { type Request, Router } from 'express';
import type { SimContext } from '../context';
import { reportWithQueuedFault } from '../reports/apply-fault';
import { balanceTransactionObject, chargeObject, expandedRefundObject } from '../reports/stripe-objects';
import { type BalanceTxn, type CreatedRange, stripeReportSource } from '../reports/stripe-transactions';
import { invalidParam, noSuchObject } from './errors';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

interface ListParams {
  range: CreatedRange;
  limit: number;
  startingAfter?: string;
  expandSource: boolean;
}

export function balanceTransactionRoutes(context: SimContext): Router {
  const router = Router();
  /** The latest listing of each range, newest first. */
  const listings = new Map<string, BalanceTxn[]>();

  router.get('/balance_transactions', (req, res) => {
    const params = listParams(req);
    const rangeKey = `${params.range.gte ?? ''}..${params.range.lt ?? ''}`;
    let listing = params.startingAfter === undefined ? undefined : listings.get(rangeKey);
    if (!listing) {
      listing = reportWithQueuedFault(context.reportFaults, stripeReportSource(context.store, params.range)).reverse();
      listings.set(rangeKey, listing);
    }

    const start = params.startingAfter === undefined ? 0 : indexAfter(listing, params.startingAfter);
    const page = listing.slice(start, start + params.limit);
    res.json({
      object: 'list',
      url: '/v1/balance_transactions',
      has_more: start + params.limit < listing.length,
      data: page.map((txn) => balanceTransactionObject(txn, params.expandSource ? sourceObject(context, txn) : txn.source)),
    });
  });

  return router;
}

function indexAfter(listing: BalanceTxn[], startingAfter: string): number {
  const index = listing.findIndex((txn) => txn.id === startingAfter);
  if (index === -1) throw noSuchObject('balance transaction', startingAfter, 'starting_after');
  return index + 1;
}

function sourceObject(context: SimContext, txn: BalanceTxn): unknown {
  if (txn.type === 'refund') {
    const refund = context.store.refunds.get(txn.source);
    if (!refund) throw new Error(`balance transaction ${txn.id} has no refund ${txn.source}`);
    return expandedRefundObject(refund);
  }
  const intent = context.store.paymentIntents.get(txn.paymentIntent);
  if (!intent) throw new Error(`balance transaction ${txn.id} has no PaymentIntent ${txn.paymentIntent}`);
  return chargeObject(intent);
}

/**
 * Read from the raw query string: the SDK sends `created[gte]=…&expand[0]=data.source`, and
 * reading the bracketed names as written does not depend on the app's query parser.
 */
function listParams(req: Request): ListParams {
  const params: ListParams = { range: {}, limit: DEFAULT_LIMIT, expandSource: false };
  for (const [name, value] of new URL(req.originalUrl, 'http://simulator').searchParams) {
    if (name === 'created[gte]') params.range.gte = timestamp(name, value);
    else if (name === 'created[lt]') params.range.lt = timestamp(name, value);
    else if (name === 'limit') params.limit = limit(value);
    else if (name === 'starting_after') params.startingAfter = value;
    else if (/^expand\[\d*\]$/.test(name)) {
      if (value !== 'data.source') throw invalidParam(`This property cannot be expanded (${value}).`, 'expand');
      params.expandSource = true;
    } else {
      throw invalidParam(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
    }
  }
  return params;
}

function timestamp(name: string, raw: string): number {
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw invalidParam(`Invalid integer: ${raw}`, name);
  return Number(raw);
}

function limit(raw: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= MAX_LIMIT)) throw invalidParam(`Invalid limit: must be an integer between 1 and ${MAX_LIMIT}`, 'limit');
  return value;
}
