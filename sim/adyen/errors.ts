// Adyen's error body, the ServiceError `{status, errorCode, message, errorType, pspReference}`,
// as a throwable so handlers can refuse a request from any depth and one renderer answers it.
// Codes and messages follow the examples in Adyen's Checkout spec where it has one.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { pspReference } from './ids';

export type AdyenErrorType = 'validation' | 'security' | 'configuration' | 'internal';

export interface ServiceError {
  status: number;
  errorCode: string;
  message: string;
  errorType: AdyenErrorType;
  pspReference: string;
}

export class AdyenApiError extends Error {
  readonly body: ServiceError;

  constructor(status: number, errorCode: string, message: string, errorType: AdyenErrorType) {
    super(message);
    this.name = 'AdyenApiError';
    this.body = { status, errorCode, message, errorType, pspReference: pspReference() };
  }
}

export function unparseableBody(detail: string): AdyenApiError {
  return new AdyenApiError(400, '702', `Unexpected input: ${detail}`, 'validation');
}

export function invalidField(field: string, why: string): AdyenApiError {
  return new AdyenApiError(400, '702', `Invalid value for field '${field}': ${why}`, 'validation');
}

export function requiredField(field: string): AdyenApiError {
  return new AdyenApiError(422, '130', `Required field '${field}' is not provided.`, 'validation');
}

export function invalidAmount(why: string): AdyenApiError {
  return new AdyenApiError(422, '137', `Invalid amount specified: ${why}`, 'validation');
}

export function unauthorized(): AdyenApiError {
  return new AdyenApiError(401, '000', 'HTTP Status Response - Unauthorized', 'security');
}

export function invalidMerchantAccount(): AdyenApiError {
  return new AdyenApiError(403, '901', 'Invalid Merchant Account', 'security');
}

/** Adyen's answer to a stored payment method it does not have. */
export function contractNotFound(): AdyenApiError {
  return new AdyenApiError(422, '800', 'Contract not found', 'validation');
}

export function unknownPayment(): AdyenApiError {
  return new AdyenApiError(422, '167', 'Original pspReference required for this operation', 'validation');
}

/** Adyen gives the same answer to a key reused with another body and to one still in flight. */
export function idempotencyConflict(): AdyenApiError {
  return new AdyenApiError(422, '704', 'Request already processed or in progress', 'validation');
}

export function internalError(): AdyenApiError {
  return new AdyenApiError(500, '000', 'Internal error', 'internal');
}

/** What a face in `psp_down` 503 mode answers to everything. */
export function serviceUnavailable(): ServiceError {
  return new AdyenApiError(503, '000', 'Service Unavailable', 'internal').body;
}

export const unknownRoute: RequestHandler = (req) => {
  throw new AdyenApiError(404, '000', `No endpoint at ${req.method} ${req.path}`, 'validation');
};

/** Answers every failure as a ServiceError; anything unexpected is a 500. */
export const renderAdyenError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const adyenError = asAdyenError(error);
  res.status(adyenError.body.status).json(adyenError.body);
};

function asAdyenError(error: unknown): AdyenApiError {
  if (error instanceof AdyenApiError) return error;
  // body-parser's errors carry the HTTP status of a malformed request.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return unparseableBody(String((error as Error).message));
  console.error('simulator: unexpected error in the Adyen face', error);
  return internalError();
}
