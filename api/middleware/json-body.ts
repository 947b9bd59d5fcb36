// JSON bodies only, parsed strictly, small. Parse failures become precise 4xx errors.
import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ApiError, invalidRequest } from '../errors';

/**
 * Room for the largest body the schemas admit written the way many JSON encoders write it,
 * every non-ASCII character escaped (an emoji is 12 bytes): a payment's 50 metadata values of
 * 500 characters alone can reach 330 KB. 64 KiB refused evidence the document allowed.
 */
export const BODY_LIMIT_KIB = 512;

/** Each JSON body's text, for checks that need a number's digits as sent (beyond 2^53). */
const sources = new WeakMap<IncomingMessage, string>();

export const jsonSourceOf = (req: IncomingMessage): string | undefined => sources.get(req);

const parse = express.json({
  limit: `${BODY_LIMIT_KIB}kb`,
  strict: true,
  verify: (req, _res, buf, encoding) => {
    try {
      sources.set(req, buf.toString(encoding as BufferEncoding));
    } catch {
      // An encoding Buffer cannot decode: the numbers are then judged as parsed.
    }
  },
});

export const jsonBody: RequestHandler = (req, res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    next(new ApiError(415, 'invalid_request_error', 'unsupported_media_type', 'Send request bodies as application/json.'));
    return;
  }
  parse(req, res, next);
};

/** Maps body-parser's errors; must sit right after jsonBody. */
export const jsonBodyErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    // The parser's message quotes the body; it is not passed on (it could hold a card number).
    next(invalidRequest('invalid_json', 'The request body is not valid JSON.'));
  } else if (type === 'entity.too.large') {
    next(new ApiError(413, 'invalid_request_error', 'body_too_large', `The request body exceeds ${BODY_LIMIT_KIB} KiB.`));
  } else if (type !== undefined) {
    next(invalidRequest('invalid_body', 'The request body could not be read.'));
  } else {
    next(error);
  }
};
