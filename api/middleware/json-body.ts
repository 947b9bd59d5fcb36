// JSON bodies only, parsed strictly, small. Parse failures become precise 4xx errors.
import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { ApiError, invalidRequest } from '../errors';

/** Each JSON body's text, for checks that need a number's digits as sent (beyond 2^53). */
const sources = new WeakMap<IncomingMessage, string>();

export const jsonSourceOf = (req: IncomingMessage): string | undefined => sources.get(req);

const parse = express.json({
  limit: '64kb',
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
    next(new ApiError(413, 'invalid_request_error', 'body_too_large', 'The request body exceeds 64 KiB.'));
  } else if (type !== undefined) {
    next(invalidRequest('invalid_body', 'The request body could not be read.'));
  } else {
    next(error);
  }
};
