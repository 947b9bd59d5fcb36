// Refuses any request that carries something that looks like a card number: in the request
// target (path and query), in the headers that carry request data (stored, logged or echoed)
// and in the body. Both halves run before anything can store or log what they check: the
// target's right after the request id is assigned, the body's right after it is parsed.
import type { RequestHandler } from 'express';
import { containsCardNumber, findCardNumber } from '../../domain/card-number';
import { invalidRequest } from '../errors';
import { jsonSourceOf } from './json-body';

/** Headers whose values holdfast stores (the key and ids derived from it) or logs and echoes. */
const REQUEST_DATA_HEADERS = ['Idempotency-Key', 'X-Request-Id'];

const refusal = (param: string) =>
  invalidRequest(
    'raw_card_data_not_allowed',
    'Raw card numbers are not accepted. Send a payment method token (e.g. "pm_card_visa") instead.',
    param,
  );

/** The path as the routes will see it: percent-decoded, or byte by byte when it is not UTF-8. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/**
 * Node reads header bytes as Latin-1; a client sending UTF-8 (full-width digits) is read as
 * mojibake that still holds the number's bytes, so the value is also read as UTF-8.
 */
const headerHoldsCardNumber = (value: string) =>
  containsCardNumber(value) || containsCardNumber(Buffer.from(value, 'latin1').toString('utf8'));

/** Path, query and request-data headers; for every route, the PSPs' and /ops included. */
export const cardDataInRequestTarget: RequestHandler = (req, _res, next) => {
  const param =
    (containsCardNumber(decodedPath(req.path)) ? '(path)' : undefined) ??
    findCardNumber(req.query) ??
    REQUEST_DATA_HEADERS.find((header) => headerHoldsCardNumber(req.get(header) ?? ''));
  next(param ? refusal(param) : undefined);
};

/** The parsed body; a JSON body's numbers are judged by their literal text. */
export const cardDataGuard: RequestHandler = (req, _res, next) => {
  const param = findCardNumber(req.body, jsonSourceOf(req));
  next(param ? refusal(param) : undefined);
};
