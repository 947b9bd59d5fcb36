// The business rules that refuse a request the schemas admit, per operation, for the OpenAPI
// document's `x-refused-by-rule`: a status, the error code it answers with and, where the
// code is a generic one, the params it names. A schema-valid request answered with anything
// not listed here (or in the document's statuses) is a bug in the document or in the code.
// Rules that belong to a request's shape belong in its zod schema instead.
import { BODY_LIMIT_KIB } from './middleware/json-body';

export interface RefusalRule {
  status: number;
  code: string;
  /** A regular expression the refusal's `param` matches, when `code` alone is too broad. */
  param?: string;
  rule: string;
}

/** Every /v1 operation: the card-data guard reads the whole request. */
const CARD_NUMBER: RefusalRule = {
  status: 400,
  code: 'raw_card_data_not_allowed',
  rule: 'A value in the body, query or Idempotency-Key looks like a card number (13–19 digits passing the Luhn check).',
};

/** Every POST with an Idempotency-Key (api/idempotent-post.ts). */
const KEY_REUSED: RefusalRule = {
  status: 422,
  code: 'idempotency_key_reused',
  rule: 'The Idempotency-Key was used before with a different request (or for a different object).',
};

/** Issue 11 §6: an address inside the network (loopback, private, link-local…) is refused as written. */
const urlNotAllowed: RefusalRule = {
  status: 400,
  code: 'url_not_allowed',
  param: '^url$',
  rule: 'The URL names an address holdfast does not deliver to.',
};

/** Every operation with a body (api/middleware/json-body.ts); only whitespace padding gets there. */
const BODY_TOO_LARGE: RefusalRule = {
  status: 413,
  code: 'body_too_large',
  rule: `The request body exceeds ${BODY_LIMIT_KIB} KiB.`,
};

const rule = (status: number, code: string, text: string, param?: string): RefusalRule => ({
  status,
  code,
  rule: text,
  ...(param ? { param } : {}),
});

/** See httpUrl in api/schemas/fields.ts: the parser's grammar is not a pattern. */
const unparsableUrl = (param: string) =>
  rule(
    400,
    'parameter_invalid',
    `${param} is not an absolute http(s) URL WHATWG's URL parser accepts, or it holds a user name or password.`,
    `^${param}$`,
  );

const paymentState = rule(400, 'payment_unexpected_state', "The payment's status does not allow this action.");
const payoutState = rule(400, 'payout_not_awaiting_approval', 'Only a payout awaiting approval can be approved or canceled.');
const dateInFuture = rule(400, 'date_in_future', 'The business date is after today in the platform time zone.', '^date$');
const pspNotConfigured = rule(400, 'psp_not_configured', 'The PSP has no credentials here.', '^psp$');

const keyRevoked = rule(400, 'api_key_revoked', 'The key is revoked.', '^id$');

const RULES: Record<string, RefusalRule[]> = {
  'POST /v1/api_keys/{id}/roll': [
    keyRevoked,
    rule(400, 'api_key_already_rolled', 'The key was rolled before: its successor is the one to roll.', '^id$'),
  ],
  'POST /v1/api_keys/{id}/revoke': [keyRevoked],
  'POST /v1/payments': [
    rule(400, 'splits_exceed_amount', 'The splits add up to more than the amount.', '^splits$'),
    rule(400, 'parameter_invalid', 'A seller appears more than once in splits.', '^splits\\[\\d+\\]\\[seller\\]$'),
    rule(400, 'resource_missing', 'A split names a seller this merchant does not have.', '^splits\\[\\d+\\]\\[seller\\]$'),
    unparsableUrl('return_url'),
  ],
  'POST /v1/payments/{id}/capture': [paymentState, rule(400, 'amount_too_large', 'More than the amount still capturable.', '^amount$')],
  'POST /v1/payments/{id}/cancel': [paymentState],
  'POST /v1/payments/{id}/confirm': [paymentState],
  'POST /v1/payments/{id}/refunds': [
    paymentState,
    rule(400, 'amount_too_large', 'More than the amount not yet refunded.', '^amount$'),
    rule(400, 'charge_already_refunded', 'The payment is refunded in full.'),
    rule(400, 'charge_disputed', 'The payment has an open dispute.'),
  ],
  'PUT /v1/routing_rules': [
    rule(
      400,
      'parameter_invalid',
      'A rule lists a PSP twice, or its min_amount exceeds its max_amount.',
      '^rules\\[\\d+\\]\\[(min_amount|psps\\]\\[\\d+\\]\\[psp)\\]$',
    ),
  ],
  'POST /v1/webhook_endpoints': [unparsableUrl('url'), urlNotAllowed],
  'POST /v1/webhook_endpoints/{id}': [unparsableUrl('url'), urlNotAllowed],
  'POST /v1/settings': [rule(400, 'psp_not_available', 'A PSP in default_psps has no credentials here.', '^default_psps\\[\\d+\\]$')],
  'POST /v1/sellers': [rule(400, 'psp_not_available', 'payout_psp has no credentials here.', '^payout_psp$')],
  'POST /v1/payouts': [
    rule(400, 'resource_missing', 'No such seller.', '^seller$'),
    rule(400, 'balance_insufficient', "The seller's available balance is lower than the amount.", '^amount$'),
  ],
  'POST /v1/payouts/{id}/cancel': [payoutState],
  'POST /v1/payouts/{id}/approve': [payoutState],
  'POST /v1/settlements': [
    dateInFuture,
    pspNotConfigured,
    rule(
      409,
      'settlement_in_progress',
      'A settlement run of the date at the PSP is in flight; not kept under the key, so retry it later.',
      '^date$',
    ),
  ],
  'POST /v1/reconciliations': [dateInFuture, pspNotConfigured],
  'GET /v1/reconciliation/exceptions': [rule(400, 'resource_missing', 'starting_after names no exception.', '^starting_after$')],
  'POST /v1/reconciliation/exceptions/{id}/resolve': [
    rule(
      422,
      'action_not_applicable',
      'The action does not fit this exception (fail: only a stopped step where no money moved).',
      '^action$',
    ),
  ],
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  parameters?: Array<{ name: string }>;
  requestBody?: object;
  responses: Record<string, { description: string }>;
  'x-refused-by-rule'?: RefusalRule[];
}

/** Adds each operation's rules to it, and their statuses to its responses. */
export function refusalRules<D extends { paths: Record<string, object> }>(document: D): D {
  for (const name of Object.keys(RULES)) {
    const [method, path] = name.split(' ') as [string, string];
    // A renamed route must not leave its rules behind, silently unread.
    if (!(method.toLowerCase() in ((document.paths[path] as object | undefined) ?? {})))
      throw new Error(`refusal rules for ${name}, which the document does not have`);
  }
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!METHODS.includes(method)) continue;
      const takesKey = (operation.parameters ?? []).some((p) => p.name === 'Idempotency-Key');
      const rules = [
        CARD_NUMBER,
        ...(operation.requestBody ? [BODY_TOO_LARGE] : []),
        ...(takesKey ? [KEY_REUSED] : []),
        ...(RULES[`${method.toUpperCase()} ${path}`] ?? []),
      ];
      operation['x-refused-by-rule'] = rules;
      for (const { status } of rules) {
        operation.responses[String(status)] ??= { description: 'Refused by a rule (x-refused-by-rule)' };
      }
    }
  }
  return document;
}
