// Checks the Adyen adapter and the simulator's Adyen face against Adyen's own OpenAPI documents
// (Checkout v72, standard webhooks): every request body the adapter sent, every answer the face
// gave, and every notification it delivered. A scenario drives each endpoint and outcome through
// the real adapter; the face keeps the JSON of each exchange (GET /_sim/adyen/exchanges).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createAdyenGateway } from '../../activities/psp/adyen/client';
import type { AuthorizeRequest, PspGateway } from '../../activities/psp/gateway';
import type { AdyenExchange } from '../../sim/adyen/state';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT } from '../../sim/credentials';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { eventually } from '../support/eventually';
import { simulatorClient } from '../support/simulator-client';

const SPECS = path.resolve(__dirname, '../../../shared/specs/adyen');
/** The Checkout spec's server URL ends in /v72; the face serves the same paths under it. */
const CHECKOUT_PREFIX = '/v72';

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: unknown;
  webhooks?: Record<string, Record<string, Operation>>;
}

interface Operation {
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses?: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
}

interface Notification {
  live: string;
  notificationItems: Array<{ NotificationRequestItem: { eventCode: string; pspReference: string; originalReference?: string } }>;
}

/** Validators for the schemas Adyen's documents name, found by operation and by event code. */
class AdyenSpecs {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly checkout: OpenApi = JSON.parse(readFileSync(path.join(SPECS, 'CheckoutService-v72.json'), 'utf8'));
  private readonly webhooks: OpenApi = JSON.parse(readFileSync(path.join(SPECS, 'Webhooks-v1.json'), 'utf8'));

  constructor() {
    addFormats(this.ajv);
    // Each document's components under its own id, so `#/components/...` refs resolve inside it.
    this.ajv.addSchema({ $id: 'checkout', components: this.checkout.components });
    this.ajv.addSchema({ $id: 'webhooks', components: this.webhooks.components });
  }

  /** The operation a path of the face belongs to, by matching the spec's path templates. */
  checkoutOperation(method: string, facePath: string): { template: string; operation: Operation } {
    assert.ok(facePath.startsWith(CHECKOUT_PREFIX), `${facePath} is under ${CHECKOUT_PREFIX}`);
    const specPath = facePath.slice(CHECKOUT_PREFIX.length);
    for (const [template, operations] of Object.entries(this.checkout.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const operation = operations[method.toLowerCase()];
      if (pattern.test(specPath) && operation) return { template, operation };
    }
    assert.fail(`no ${method} ${specPath} in Checkout v72`);
  }

  requestValidator(operation: Operation): ValidateFunction {
    return this.checkoutSchema(operation.requestBody!.content['application/json'].schema.$ref);
  }

  /** An undocumented status is a failure in itself. */
  responseValidator(operation: Operation, status: number): ValidateFunction {
    const response = operation.responses?.[String(status)];
    assert.ok(response?.content, `status ${status} is documented for this operation`);
    return this.checkoutSchema(response.content['application/json'].schema.$ref);
  }

  checkoutSchema(ref: string): ValidateFunction {
    return this.ajv.getSchema(`checkout${ref}`)!;
  }

  notificationValidator(eventCode: string): ValidateFunction {
    const operation = this.webhooks.webhooks?.[`/${eventCode}`]?.post;
    assert.ok(operation?.requestBody, `${eventCode} is a documented webhook`);
    return this.ajv.getSchema(`webhooks${operation.requestBody.content['application/json'].schema.$ref}`)!;
  }
}

function assertValid(validate: ValidateFunction, value: unknown, what: string): void {
  const valid = validate(value);
  assert.ok(valid, `${what} does not conform: ${JSON.stringify(validate.errors, null, 1)}\n${JSON.stringify(value)}`);
}

describe("Adyen adapter and simulator against Adyen's OpenAPI documents", () => {
  // Loaded in the hook, so a missing ../shared/specs fails this suite, not the whole run.
  let specs: AdyenSpecs;
  let sim: RunningSimulator;
  let sink: Server;
  const notifications: Notification[] = [];
  let exchanges: AdyenExchange[] = [];

  before(async function () {
    this.timeout(60_000);
    specs = new AdyenSpecs();
    sink = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        notifications.push(JSON.parse(body) as Notification);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('[accepted]');
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    sim = await startSimulator({ webhookTarget: `http://127.0.0.1:${(sink.address() as AddressInfo).port}` });
    await runScenario(sim, notifications);
    const response = await fetch(`${sim.url}/_sim/adyen/exchanges`);
    exchanges = ((await response.json()) as { data: AdyenExchange[] }).data;
  });

  after(async () => {
    await sim.close();
    await new Promise((resolve) => sink.close(resolve));
  });

  it('every request body the adapter sent conforms to Checkout v72', () => {
    for (const exchange of exchanges) {
      const { template, operation } = specs.checkoutOperation(exchange.method, exchange.path);
      assertValid(specs.requestValidator(operation), exchange.request, `the request to ${template}`);
    }
  });

  it('every answer of the face conforms, error bodies included', () => {
    for (const exchange of exchanges) {
      const { template, operation } = specs.checkoutOperation(exchange.method, exchange.path);
      assert.notEqual(exchange.status, null, `${template} was answered`);
      assertValid(specs.responseValidator(operation, exchange.status!), exchange.response, `the ${exchange.status} answer of ${template}`);
    }
  });

  it('every notification conforms to the standard webhook of its event code', () => {
    for (const notification of notifications) {
      const [{ NotificationRequestItem: item }] = notification.notificationItems;
      assertValid(specs.notificationValidator(item.eventCode), notification, `the ${item.eventCode} notification`);
    }
  });

  it('the scenario reached every endpoint, status and event code it claims to', () => {
    const reached = new Set(exchanges.map((exchange) => `${specs.checkoutOperation(exchange.method, exchange.path).template} ${exchange.status}`));
    for (const expected of [
      '/payments 200',
      '/payments 401',
      '/payments 422',
      '/payments 500',
      '/payments/details 200',
      '/payments/{paymentPspReference}/captures 201',
      '/payments/{paymentPspReference}/cancels 201',
      '/payments/{paymentPspReference}/refunds 201',
      '/payments/{paymentPspReference}/refunds 422',
    ]) {
      assert.ok(reached.has(expected), `reached ${expected} (reached: ${[...reached].join(', ')})`);
    }
    const eventCodes = new Set(notifications.map((n) => `${n.notificationItems[0].NotificationRequestItem.eventCode}`));
    assert.deepEqual([...eventCodes].sort(), ['AUTHORISATION', 'CANCELLATION', 'CAPTURE', 'CAPTURE_FAILED', 'REFUND', 'REFUND_FAILED']);
  });

  it('the validators refuse bodies that break the documents', () => {
    const paymentRequest = specs.checkoutSchema('#/components/schemas/PaymentRequest');
    const good = exchanges.find((exchange) => exchange.path === '/v72/payments')!.request as Record<string, unknown>;
    assert.equal(paymentRequest(good), true);
    assert.equal(paymentRequest({ ...good, amount: { value: '5000', currency: 'EUR' } }), false, 'a string amount');
    const { merchantAccount: _dropped, ...withoutAccount } = good;
    assert.equal(paymentRequest(withoutAccount), false, 'no merchantAccount');
    assert.equal(paymentRequest({ ...good, captureMethod: 'manual' }), false, 'a field Adyen does not have');

    const capture = specs.checkoutSchema('#/components/schemas/PaymentCaptureResponse');
    assert.equal(capture({ merchantAccount: 'M', paymentPspReference: 'P', pspReference: 'C', status: 'captured', amount: { value: 1, currency: 'EUR' } }), false);

    const [authorisation] = notifications.filter((n) => n.notificationItems[0].NotificationRequestItem.eventCode === 'AUTHORISATION');
    const item = authorisation.notificationItems[0].NotificationRequestItem;
    const tampered = { ...authorisation, notificationItems: [{ NotificationRequestItem: { ...item, originalReference: 'X' } }] };
    assert.equal(specs.notificationValidator('AUTHORISATION')(tampered), false, 'AUTHORISATION items have no originalReference');
  });
});

/** Every endpoint and outcome the adapter and the face know, through the real adapter. */
async function runScenario(sim: RunningSimulator, notifications: Notification[]): Promise<void> {
  const adyen = gatewayTo(sim, SIM_ADYEN_API_KEY);
  const control = simulatorClient(sim.url).control;
  const settled = async (eventCode: string, pspReference: string) =>
    eventually(`${eventCode} for ${pspReference}`, async () =>
      notifications.some(({ notificationItems: [{ NotificationRequestItem: item }] }) =>
        item.eventCode === eventCode && (item.pspReference === pspReference || item.originalReference === pspReference),
      ),
    );

  // Authorizations: approved (EUR and ISK), refused twice, an unknown token, 401, flaky 500s.
  const approved = await authorizedReference(adyen, authorization());
  await authorizedReference(adyen, authorization({ amount: 1000, currency: 'isk' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclined' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_unknown' })).catch(() => undefined);
  await gatewayTo(sim, '').authorize(authorization()).catch(() => undefined);
  const flaky = authorization({ paymentMethod: 'pm_sim_flaky' });
  for (let attempt = 0; attempt < 3; attempt++) await adyen.authorize(flaky).catch(() => undefined);

  // 3-D Secure, passed and failed, each completed with /payments/details.
  for (const outcome of ['passed', 'failed']) {
    const request = authorization({ paymentMethod: 'pm_card_threeDSecure2Required' });
    const challenge = await adyen.authorize(request);
    assert.equal(challenge.outcome, 'requires_action');
    if (challenge.outcome !== 'requires_action') return;
    const page = await fetch(`${challenge.redirectUrl}${outcome === 'failed' ? '?outcome=failed' : ''}`, { redirect: 'manual' });
    const redirectResult = new URL(page.headers.get('location')!).searchParams.get('redirectResult')!;
    await adyen.completeAction({ authorization: request, pspReference: challenge.pspReference, redirectResult });
  }

  // Modifications: capture and refunds (one too many), a cancel, an over-capture.
  await adyen.capture({ pspReference: approved, amount: 5000, currency: 'eur', idempotencyKey: `${approved}:capture` });
  await settled('CAPTURE', approved);
  await adyen.refund({ pspReference: approved, amount: 2000, currency: 'eur', refundId: 're_1', reason: 'duplicate', idempotencyKey: `${approved}:re_1` });
  await adyen.refund({ pspReference: approved, amount: 9000, currency: 'eur', refundId: 're_2', idempotencyKey: `${approved}:re_2` });
  await adyen.refund({ pspReference: approved, amount: 100, currency: 'usd', refundId: 're_3', idempotencyKey: `${approved}:re_3` }).catch(() => undefined);
  const toCancel = await authorizedReference(adyen, authorization());
  await adyen.cancel({ pspReference: toCancel, idempotencyKey: `${toCancel}:cancel` });
  const overCaptured = await authorizedReference(adyen, authorization());
  await adyen.capture({ pspReference: overCaptured, amount: 9000, currency: 'eur', idempotencyKey: `${overCaptured}:capture` });

  // The card scheme rejects a capture after Adyen accepted it.
  const rejectedRequest = authorization();
  const rejected = await authorizedReference(adyen, rejectedRequest);
  await control({ action: 'adyen_fail_modifications', merchant_reference: rejectedRequest.paymentId });
  await adyen.capture({ pspReference: rejected, amount: 5000, currency: 'eur', idempotencyKey: `${rejected}:capture` });

  // Scheme-rejected refund: capture a fresh payment, then mark it.
  const refundRejectedRequest = authorization();
  const refundRejected = await authorizedReference(adyen, refundRejectedRequest);
  await adyen.capture({ pspReference: refundRejected, amount: 5000, currency: 'eur', idempotencyKey: `${refundRejected}:capture` });
  await settled('CAPTURE', refundRejected);
  await control({ action: 'adyen_fail_modifications', merchant_reference: refundRejectedRequest.paymentId });
  await adyen.refund({ pspReference: refundRejected, amount: 500, currency: 'eur', refundId: 're_4', idempotencyKey: `${refundRejected}:re_4` });

  for (const [eventCode, reference] of [
    ['CANCELLATION', toCancel],
    ['CAPTURE', overCaptured],
    ['CAPTURE_FAILED', rejected],
    ['REFUND_FAILED', refundRejected],
  ]) {
    await settled(eventCode, reference);
  }
}

function gatewayTo(sim: RunningSimulator, apiKey: string): PspGateway {
  return createAdyenGateway({ apiKey, merchantAccount: SIM_ADYEN_MERCHANT_ACCOUNT, environment: 'TEST', baseUrl: sim.adyenUrl });
}

function authorization(fields: Partial<AuthorizeRequest> = {}): AuthorizeRequest {
  const paymentId = `pay_${randomUUID()}`;
  return {
    paymentId,
    merchantId: 'mer_conformance',
    amount: 5000,
    currency: 'eur',
    paymentMethod: 'pm_card_visa',
    idempotencyKey: `${paymentId}:authorize`,
    returnUrl: `https://shop.example/return/${paymentId}`,
    ...fields,
  };
}

async function authorizedReference(adyen: PspGateway, request: AuthorizeRequest): Promise<string> {
  const result = await adyen.authorize(request);
  assert.equal(result.outcome, 'authorized');
  return result.pspReference;
}
