// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests, so
// the document cannot drift from what the API accepts. It is exact: a request it admits is
// accepted, or answered with a status it lists — and a schema-valid request refused by a
// business rule (a card number in it, a balance too low) names that rule and its error code
// under `x-refused-by-rule`, which test/integration/openapi-fuzz.test.ts holds it to.
import { z } from 'zod';
import { IDEMPOTENCY_KEY_PATTERN } from './idempotency-key';
import { PATH_PARAMETER_PATTERN, QUERY_VALUE_MAX_LENGTH } from './middleware/request-target';
import { refusalRules } from './openapi-rules';
import {
  apiKeyObject,
  createApiKeyBody,
  createdApiKeyObject,
  listApiKeysQuery,
  revokeApiKeyBody,
  rollApiKeyBody,
} from './schemas/api-keys';
import { withRateLimits } from './openapi-rate-limits';
import { exceptionList, listExceptionsQuery } from './schemas/exceptions';
import {
  approvePayoutBody,
  cancelPayoutBody,
  createPayoutBody,
  createSellerBody,
  listDisputesQuery,
  listPayoutsQuery,
  listQuery,
  submitEvidenceBody,
  updateSellerBody,
} from './schemas/marketplace';
import { disputeObject, payoutObject, sellerObject } from './schemas/marketplace-objects';
import { balanceObject, errorObject, ledgerTransactionObject, list, paymentObject, refundObject } from './schemas/objects';
import {
  cancelPaymentBody,
  capturePaymentBody,
  confirmPaymentBody,
  createPaymentBody,
  createRefundBody,
  ledgerTransactionsQuery,
  listPaymentRefundsQuery,
  listPaymentsQuery,
  listRefundsQuery,
} from './schemas/payments';
import {
  createReconciliationBody,
  listReconciliationExceptionsQuery,
  reconciliationExceptionObject,
  reconciliationObject,
  resolveReconciliationExceptionBody,
  startedReconciliationObject,
} from './schemas/reconciliations';
import { pspObject, putRoutingRulesBody, routingRuleObject } from './schemas/routing';
import { settingsObject, updateSettingsBody } from './schemas/settings';
import { createSettlementBody, listSettlementsQuery, settlementDetailObject, settlementObject } from './schemas/settlements';
import {
  createdWebhookEndpointObject,
  createWebhookEndpointBody,
  deletedWebhookEndpointObject,
  eventObject,
  listEventsQuery,
  redeliverEventBody,
  redeliveryObject,
  rotateWebhookEndpointSecretBody,
  updateWebhookEndpointBody,
  webhookEndpointObject,
} from './schemas/webhooks';

const schema = (type: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(type, { io, unrepresentable: 'any' });
const json = (type: z.ZodType, io: 'input' | 'output' = 'output') => ({ content: { 'application/json': { schema: schema(type, io) } } });
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: true,
  description: 'Any 1 to 255 printable ASCII characters, unique per request (a UUID); a retry sends the same key.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN },
};
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: PATH_PARAMETER_PATTERN } });
const idParam = pathParam('id');
const errors = {
  '400': { description: 'Invalid request (code and param say what is wrong)', ...json(errorObject) },
  '401': { description: 'Missing or invalid API key', ...json(errorObject) },
  '403': {
    description:
      "api_key_wrong_role: a finance key on a merchant's route, or the other way round; api_key_scope_insufficient: a restricted key without the scope the route needs (named in required_scope)",
    ...json(errorObject),
  },
  '404': { description: 'No such object for this merchant', ...json(errorObject) },
};
const financeErrors = { ...errors, '404': { description: 'No such object', ...json(errorObject) } };
/** Finance's POSTs under an Idempotency-Key (settlements, reconciliations). */
const financePostErrors = {
  '409': { description: 'idempotency_key_in_use, or settlement_in_progress', ...json(errorObject) },
  '422': { description: 'idempotency_key_reused', ...json(errorObject) },
};
const batchIdParam = pathParam('batchId');
const postErrors = {
  ...errors,
  '409': { description: 'idempotency_key_in_use', ...json(errorObject) },
  '422': { description: 'idempotency_key_reused', ...json(errorObject) },
};

function post(summary: string, body: z.ZodType, status: string, result: z.ZodType, withId: boolean) {
  return {
    post: {
      summary,
      parameters: withId ? [idParam, idempotencyKey] : [idempotencyKey],
      requestBody: { required: hasRequiredFields(body), ...json(body, 'input') },
      responses: { [status]: { description: 'OK', ...json(result) }, ...postErrors },
    },
  };
}

/** A body may be left out (it reads as `{}`) unless it has a field that must be given. */
function hasRequiredFields(body: z.ZodType): boolean {
  return ((schema(body, 'input') as { required?: string[] }).required ?? []).length > 0;
}

export function openApiDocument() {
  const document = {
    openapi: '3.1.0',
    info: { title: 'holdfast', version: '1', description: 'Payment orchestration API. Amounts are integer minor units.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths: {
      '/v1/payments': {
        ...post('Create a payment', createPaymentBody, '201', paymentObject, false),
        get: {
          summary: 'List payments, newest first; the filters combine, and the cursor pages through what they leave',
          parameters: queryParameters(listPaymentsQuery),
          responses: { '200': { description: 'OK', ...json(list(paymentObject)) }, ...errors },
        },
      },
      '/v1/payments/{id}': {
        get: {
          summary: 'Retrieve a payment',
          parameters: [idParam],
          responses: { '200': { description: 'OK', ...json(paymentObject) }, ...errors },
        },
      },
      '/v1/payments/{id}/capture': post('Capture an authorized payment', capturePaymentBody, '200', paymentObject, true),
      '/v1/payments/{id}/cancel': post('Void an authorized payment', cancelPaymentBody, '200', paymentObject, true),
      '/v1/payments/{id}/confirm': post(
        'Ask the PSP where a 3-D Secure payment stands once the shopper is back',
        confirmPaymentBody,
        '200',
        paymentObject,
        true,
      ),
      '/v1/payments/{id}/refunds': {
        ...post('Refund a captured payment', createRefundBody, '201', refundObject, true),
        get: {
          summary: "The payment's refunds, newest first",
          parameters: [idParam, ...queryParameters(listPaymentRefundsQuery)],
          responses: { '200': { description: 'OK', ...json(list(refundObject)) }, ...errors },
        },
      },
      '/v1/refunds': {
        get: {
          summary: "The merchant's refunds, newest first (404 when `payment` is not the merchant's)",
          parameters: queryParameters(listRefundsQuery),
          responses: { '200': { description: 'OK', ...json(list(refundObject)) }, ...errors },
        },
      },
      '/v1/refunds/{id}': {
        get: {
          summary: 'Retrieve a refund',
          parameters: [idParam],
          responses: { '200': { description: 'OK', ...json(refundObject) }, ...errors },
        },
      },
      '/v1/balance': {
        get: {
          summary: 'Pending and available balances per currency',
          responses: { '200': { description: 'OK', ...json(balanceObject) }, ...errors },
        },
      },
      '/v1/ledger/transactions': {
        get: {
          summary: "A payment's ledger transactions",
          parameters: queryParameters(ledgerTransactionsQuery),
          responses: { '200': { description: 'OK', ...json(list(ledgerTransactionObject)) }, ...errors },
        },
      },
      '/v1/routing_rules': {
        get: {
          summary: "The merchant's routing rules, first match wins",
          responses: { '200': { description: 'OK', ...json(list(routingRuleObject)) }, ...errors },
        },
        put: {
          summary: "Replace the merchant's routing rules at once (idempotent: no Idempotency-Key)",
          requestBody: { required: true, ...json(putRoutingRulesBody, 'input') },
          responses: { '200': { description: 'The rules now in force', ...json(list(routingRuleObject)) }, ...errors },
        },
      },
      '/v1/exceptions': {
        get: {
          summary: 'Payments a workflow could not decide within its deadline (PSP outcome unknown), newest first',
          parameters: queryParameters(listExceptionsQuery),
          responses: { '200': { description: 'OK', ...json(exceptionList) }, ...errors },
        },
      },
      '/v1/settings': {
        get: { summary: "The merchant's own settings", responses: { '200': { description: 'OK', ...json(settingsObject) }, ...errors } },
        ...post(
          'Change settings: a field left out stays, null resets it to the platform default; new payments use them at once',
          updateSettingsBody,
          '200',
          settingsObject,
          false,
        ),
      },
      '/payments/{id}/return': {
        get: {
          summary:
            "The shopper's page after 3-D Secure (the default return_url): only whether the payment succeeded, failed or is still processing",
          security: [],
          parameters: [idParam],
          responses: {
            '200': { description: 'The outcome page', content: { 'text/html': { schema: { type: 'string' } } } },
            '404': { description: 'No such payment', content: { 'text/html': { schema: { type: 'string' } } } },
          },
        },
      },
      '/v1/psps': {
        get: {
          summary: 'Every PSP: configured or not, and its circuit breaker',
          responses: { '200': { description: 'OK', ...json(list(pspObject)) }, ...errors },
        },
      },
      '/v1/webhook_endpoints': {
        ...post(
          'Create a webhook endpoint (https, public address: else 400 url_not_allowed); the answer shows its signing secret, once',
          createWebhookEndpointBody,
          '201',
          createdWebhookEndpointObject,
          false,
        ),
        get: {
          summary: 'List webhook endpoints',
          responses: { '200': { description: 'OK', ...json(list(webhookEndpointObject)) }, ...errors },
        },
      },
      '/v1/webhook_endpoints/{id}': {
        get: {
          summary: 'Retrieve a webhook endpoint',
          parameters: [idParam],
          responses: { '200': { description: 'OK', ...json(webhookEndpointObject) }, ...errors },
        },
        ...post(
          'Change a webhook endpoint: url (400 url_not_allowed as on create), events, enabled',
          updateWebhookEndpointBody,
          '200',
          webhookEndpointObject,
          true,
        ),
        delete: {
          summary: 'Delete a webhook endpoint; it is sent nothing more',
          parameters: [idParam],
          responses: { '200': { description: 'Deleted', ...json(deletedWebhookEndpointObject) }, ...errors },
        },
      },
      '/v1/webhook_endpoints/{id}/rotate_secret': post(
        'Replace the signing secret; the previous one also signs until expires_in_seconds from now. The answer shows the new secret, once',
        rotateWebhookEndpointSecretBody,
        '200',
        createdWebhookEndpointObject,
        true,
      ),
      '/v1/events': {
        get: {
          summary: 'List events sent to webhook endpoints, newest first',
          parameters: queryParameters(listEventsQuery),
          responses: { '200': { description: 'OK', ...json(list(eventObject)) }, ...errors },
        },
      },
      '/v1/events/{id}': {
        get: {
          summary: 'Retrieve an event',
          parameters: [idParam],
          responses: { '200': { description: 'OK', ...json(eventObject) }, ...errors },
        },
      },
      '/v1/events/{id}/redeliver': post(
        'Send an event again to every endpoint subscribed to it',
        redeliverEventBody,
        '202',
        redeliveryObject,
        true,
      ),
      ...apiKeyPaths(),
      ...marketplacePaths(),
      ...financePaths(),
    },
  };
  return withRateLimits(refusalRules(withLinks(document)));
}

/** What each created object's id leads to: the stateful phase of the fuzzer follows these. */
const LINKS: Array<[from: string, status: string, to: string[]]> = [
  [
    '/v1/payments',
    '201',
    [
      '/v1/payments/{id}',
      '/v1/payments/{id}/capture',
      '/v1/payments/{id}/cancel',
      '/v1/payments/{id}/confirm',
      '/v1/payments/{id}/refunds',
    ],
  ],
  ['/v1/payments/{id}/refunds', '201', ['/v1/refunds/{id}']],
  ['/v1/sellers', '201', ['/v1/sellers/{id}', '/v1/sellers/{id}/balance']],
  ['/v1/payouts', '201', ['/v1/payouts/{id}', '/v1/payouts/{id}/cancel']],
  ['/v1/webhook_endpoints', '201', ['/v1/webhook_endpoints/{id}']],
  ['/v1/api_keys', '201', ['/v1/api_keys/{id}', '/v1/api_keys/{id}/roll', '/v1/api_keys/{id}/revoke']],
];

function withLinks<D extends { paths: Record<string, Record<string, { responses?: Record<string, object> }>> }>(document: D): D {
  for (const [from, status, targets] of LINKS) {
    const response = document.paths[from]!.post!.responses![status] as { links?: Record<string, object> };
    response.links = {};
    for (const to of targets) {
      for (const method of Object.keys(document.paths[to]!)) {
        const pointer = `#/paths/${to.replaceAll('/', '~1')}/${method}`;
        response.links[`${method}${to.replace(/\W+/g, '_')}`] = { operationRef: pointer, parameters: { id: '$response.body#/id' } };
      }
    }
  }
  return document;
}

/** A merchant's API keys: an unrestricted key only (else 403 api_key_scope_insufficient). */
function apiKeyPaths() {
  return {
    '/v1/api_keys': {
      ...post(
        'Create an API key, unrestricted or with scopes; the answer shows its secret, once',
        createApiKeyBody,
        '201',
        createdApiKeyObject,
        false,
      ),
      get: {
        summary: 'List API keys, newest first, revoked and expired ones included; secrets are never shown',
        parameters: queryParameters(listApiKeysQuery),
        responses: { '200': { description: 'OK', ...json(list(apiKeyObject)) }, ...errors },
      },
    },
    '/v1/api_keys/{id}': {
      get: {
        summary: 'Retrieve an API key',
        parameters: [idParam],
        responses: { '200': { description: 'OK', ...json(apiKeyObject) }, ...errors },
      },
    },
    '/v1/api_keys/{id}/roll': post(
      'Replace a key by a new one with the same name and scopes; the old one keeps working for expires_in_seconds (at most a week). The answer shows the new secret, once',
      rollApiKeyBody,
      '200',
      createdApiKeyObject,
      true,
    ),
    '/v1/api_keys/{id}/revoke': post(
      'Revoke a key: every API instance refuses it within a second',
      revokeApiKeyBody,
      '200',
      apiKeyObject,
      true,
    ),
  };
}

/** Sellers, their wallets and payouts, and disputes: merchant routes, but for the approval. */
function marketplacePaths() {
  const read = (summary: string, result: z.ZodType, parameters: object[]) => ({
    get: { summary, parameters, responses: { '200': { description: 'OK', ...json(result) }, ...errors } },
  });
  return {
    '/v1/sellers': {
      ...post('Create a seller of the marketplace', createSellerBody, '201', sellerObject, false),
      ...read('List sellers, newest first', list(sellerObject), queryParameters(listQuery(/^sel_[a-z0-9]+$/))),
    },
    '/v1/sellers/{id}': {
      ...post("Change a seller's name or payout schedule", updateSellerBody, '200', sellerObject, true),
      ...read('Retrieve a seller', sellerObject, [idParam]),
    },
    '/v1/sellers/{id}/balance': read(
      "A seller's available, pending and reserved balances per currency, in GET /v1/balance's shape",
      balanceObject,
      [idParam],
    ),
    '/v1/payouts': {
      ...post(
        "Pay out a seller's available funds (400 balance_insufficient when they do not suffice)",
        createPayoutBody,
        '201',
        payoutObject,
        false,
      ),
      ...read('List payouts, newest first', list(payoutObject), queryParameters(listPayoutsQuery)),
    },
    '/v1/payouts/{id}': read('Retrieve a payout', payoutObject, [idParam]),
    '/v1/payouts/{id}/cancel': post(
      'Cancel a payout waiting for approval; its funds are available again',
      cancelPayoutBody,
      '200',
      payoutObject,
      true,
    ),
    '/v1/payouts/{id}/approve': {
      post: {
        summary: 'Approve a payout above PAYOUT_APPROVAL_THRESHOLD (a finance key only)',
        parameters: [idParam],
        requestBody: { required: false, ...json(approvePayoutBody, 'input') },
        responses: { '200': { description: 'OK', ...json(payoutObject) }, ...financeErrors },
      },
    },
    '/v1/payout_approvals': {
      get: {
        summary: "Every merchant's payouts waiting for approval, oldest first (a finance key only)",
        responses: { '200': { description: 'OK', ...json(list(payoutObject.extend({ merchant: z.string() }))) }, ...financeErrors },
      },
    },
    '/v1/disputes': read('List disputes, newest first', list(disputeObject), queryParameters(listDisputesQuery)),
    '/v1/disputes/{id}': read('Retrieve a dispute', disputeObject, [idParam]),
    '/v1/disputes/{id}/evidence': post(
      'Submit evidence before the due date, once; it goes to the PSP',
      submitEvidenceBody,
      '200',
      disputeObject,
      true,
    ),
  };
}

/** Finance's routes: a finance key only (holdfast keys create --role finance). */
function financePaths() {
  const financeJson = (summary: string, body: z.ZodType, status: string, result: z.ZodType, parameters: object[] = [], refusals = {}) => ({
    post: {
      summary,
      parameters,
      requestBody: { required: true, ...json(body, 'input') },
      responses: { [status]: { description: 'OK', ...json(result) }, ...financeErrors, ...refusals },
    },
  });
  const read = (summary: string, result: z.ZodType, parameters: object[]) => ({
    get: { summary, parameters, responses: { '200': { description: 'OK', ...json(result) }, ...financeErrors } },
  });
  const document = (summary: string, type: string) => ({
    get: {
      summary,
      parameters: [idParam, batchIdParam],
      responses: {
        '200': { description: 'As exchanged, byte for byte', content: { [type]: { schema: { type: 'string' } } } },
        ...financeErrors,
      },
    },
  });
  return {
    '/v1/settlements': {
      ...financeJson(
        'Settle a business date at one PSP or every configured one; a new Idempotency-Key settles the date again (a supplementary run takes only what earlier runs did not)',
        createSettlementBody,
        '200',
        list(settlementObject),
        [idempotencyKey],
        financePostErrors,
      ),
      ...read('The settlements of a business date', list(settlementObject), queryParameters(listSettlementsQuery)),
    },
    '/v1/settlements/{id}': read('A settlement with its totals, batches and items', settlementDetailObject, [idParam]),
    '/v1/settlements/{id}/batches/{batchId}/file': document('The batch file as sent to the acquirer', 'text/csv'),
    '/v1/settlements/{id}/batches/{batchId}/response': document("The acquirer's answer to the batch as received", 'application/json'),
    '/v1/reconciliations': financeJson(
      "Match a PSP's report of a business date against the ledger; a retry with the same Idempotency-Key answers the same run",
      createReconciliationBody,
      '202',
      startedReconciliationObject,
      [idempotencyKey],
      financePostErrors,
    ),
    '/v1/reconciliations/{id}': read('A reconciliation run and its summary', reconciliationObject, [idParam]),
    '/v1/reconciliation/exceptions': read(
      'The exceptions queue, newest first',
      list(reconciliationExceptionObject),
      queryParameters(listReconciliationExceptionsQuery),
    ),
    '/v1/reconciliation/exceptions/{id}/resolve': financeJson(
      'Resolve an open exception: the action is carried out and recorded in the audit log with the note',
      resolveReconciliationExceptionBody,
      '200',
      reconciliationExceptionObject,
      [idParam],
      {
        '409': { description: 'exception_conflict: already resolved', ...json(errorObject) },
        '422': { description: 'action_not_applicable: the action does not fit this exception (param: action)', ...json(errorObject) },
      },
    ),
  };
}

/**
 * A query schema's fields as parameters; the request-target check bounds every value's length.
 * An object field is sent as `name[key]=value` (deepObject, what api/deep-object-query.ts reads).
 */
function queryParameters(query: z.ZodType) {
  const { properties, required = [] } = schema(query, 'input') as { properties: Record<string, object>; required?: string[] };
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    ...(required.includes(name) ? { required: true } : {}),
    ...('type' in s && s.type === 'object' ? { style: 'deepObject', explode: true } : {}),
    schema: 'maxLength' in s || !('type' in s) || s.type !== 'string' ? s : { ...s, maxLength: QUERY_VALUE_MAX_LENGTH },
  }));
}
