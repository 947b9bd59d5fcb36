// Stripe's error envelope, `{"error": {type, code, message, param, ...}}`, as a throwable so
// handlers can refuse a request from any depth and one renderer answers it.

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  charge?: string;
  doc_url?: string;
  payment_intent?: unknown;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    /**
     * Stripe saves an idempotent result only once an endpoint began executing; a request
     * refused while its parameters were validated leaves the key free for a corrected retry.
     */
    readonly refusedBeforeExecution = false,
  ) {
    super(body.message);
    this.name = 'StripeApiError';
  }
}

export function invalidParam(message: string, param: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, param, ...(code ? { code } : {}) }, true);
}

export function unexpectedState(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message });
}

export function noSuchObject(kind: string, id: string, param: string): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

export function internalError(): StripeApiError {
  return new StripeApiError(500, {
    type: 'api_error',
    message: 'An unknown error occurred while processing your request. Please retry.',
  });
}

/** What Stripe answers while it is unavailable (`psp_down` in 503 mode). */
export function serviceUnavailableBody(): { error: StripeErrorBody } {
  return {
    error: {
      type: 'api_error',
      message: 'Stripe is temporarily unavailable. Please retry your request later.',
    },
  };
}
