// GET /v1/payment_intents/search: the one clause holdfast uses, `metadata['key']:'value'`
// (either quote style, backslash escapes), an exact match. Any other query is refused with
// Stripe's 400 rather than answered wrongly. Unlike Stripe's index, which lags writes by up
// to a minute, the simulator finds a PaymentIntent as soon as it exists.
import { Router } from 'express';
import type { SimContext } from '../context';
import { invalidParam } from './errors';
import { paymentIntentObject } from './objects';
import { onlyKnownParams, optionalString } from './params';

const SEARCH_PATH = '/payment_intents/search';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

/** `metadata[<quoted key>]:<quoted value>`, the quotes either ' or ", escaped with a backslash. */
const METADATA_CLAUSE = /^\s*metadata\[(['"])((?:\\.|(?!\1)[^\\])*)\1\]:(['"])((?:\\.|(?!\3)[^\\])*)\3\s*$/;

export interface MetadataClause {
  key: string;
  value: string;
}

/** The clause a search query asks for, or undefined if it is anything else. */
export function metadataClause(query: string): MetadataClause | undefined {
  const match = METADATA_CLAUSE.exec(query);
  if (!match) return undefined;
  return { key: unescape(match[2]!), value: unescape(match[4]!) };
}

export function isSearchPath(path: string): boolean {
  return path === SEARCH_PATH;
}

export function paymentIntentSearchRoutes(context: SimContext): Router {
  const router = Router();

  router.get(SEARCH_PATH, (req, res) => {
    const params = onlyKnownParams(req.query, ['query', 'limit', 'page']);
    const query = optionalString(params, 'query');
    if (query === undefined) throw invalidParam('Missing required param: query.', 'query', 'parameter_missing');
    const clause = metadataClause(query);
    if (!clause) {
      throw invalidParam(
        `The simulator's search understands one clause of the form metadata['key']:'value'; could not run the query: ${query}`,
        'query',
      );
    }
    const limit = limitParam(optionalString(params, 'limit'));
    const offset = offsetOfPage(optionalString(params, 'page'));

    // Newest first; the store keeps creation order, which breaks ties within one second.
    const matches = [...context.store.paymentIntents.values()]
      .filter((intent) => intent.metadata[clause.key] === clause.value)
      .reverse()
      .sort((a, b) => b.created - a.created);
    const page = matches.slice(offset, offset + limit);
    const hasMore = offset + limit < matches.length;
    res.json({
      object: 'search_result',
      data: page.map(paymentIntentObject),
      has_more: hasMore,
      next_page: hasMore ? pageToken(offset + limit) : null,
      url: `/v1${SEARCH_PATH}`,
    });
  });

  return router;
}

function unescape(quoted: string): string {
  return quoted.replace(/\\(.)/g, '$1');
}

function limitParam(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw invalidParam(`Invalid limit: must be an integer between 1 and ${MAX_LIMIT}`, 'limit');
  }
  return limit;
}

// Page tokens are opaque at Stripe; here they carry the offset of the page they start.

function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function offsetOfPage(token: string | undefined): number {
  if (token === undefined) return 0;
  const offset = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString())?.[1];
  if (offset === undefined) throw invalidParam(`Invalid page: ${token}`, 'page');
  return Number(offset);
}
