// Checks the Adyen adapter and the simulator's Adyen face against Adyen's own OpenAPI documents
// (Checkout v72, Payout v68, Disputes v30, standard webhooks): every request body the adapter
// sent, every answer the face gave, and every notification it delivered. A scenario drives each endpoint and outcome through
// the real adapter; the face keeps the JSON of each exchange (GET /_sim/adyen/exchanges).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createAdyenGateway } from '../../psp/adyen/client';
import type { AuthorizeRequest, PayoutRequest, PspGateway } from '../../domain/psp-gateway';
import type { AdyenExchange } from '../../sim/adyen/state';
import type { SimDisputeSummary } from '../../sim/disputes';
import { SIM_ADYEN_API_KEY, SIM_ADYEN_MERCHANT_ACCOUNT } from '../../sim/credentials';
import { type RunningSimulator, startSimulator } from '../../sim/server';
import { eventually } from '../support/eventually';
import { simulatorClient } from '../support/simulator-client';

const SPECS = path.resolve(__dirname, '../../../shared/specs/adyen');

/**
 * Each API's document and the path its server URL ends in (/v72, /pal/servlet/Payout/v68,
 * /ca/services/DisputeService/v30); the face serves each spec's paths under it.
 */
const APIS = {
  checkout: { file: 'CheckoutService-v72.json', prefix: '/v72' },
  payout: { file: 'PayoutService-v68.json', prefix: '/pal/servlet/Payout/v68' },
  disputes: { file: 'DisputeService-v30.json', prefix: '/ca/services/DisputeService/v30' },
} as const;
type Api = keyof typeof APIS;

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
  notificationItems: Array<{
    NotificationRequestItem: {
      eventCode: string;
      pspReference: string;
      originalReference?: string;
      success: string;
      additionalData?: Record<string, string>;
    };
  }>;
}

/** An operation of one of the APIs, found from a path the face served. */
interface FoundOperation {
  api: Api;
  template: string;
  operation: Operation;
}

/** Validators for the schemas Adyen's documents name, found by operation and by event code. */
class AdyenSpecs {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly documents = Object.fromEntries(
    Object.entries(APIS).map(([api, { file }]) => [api, JSON.parse(readFileSync(path.join(SPECS, file), 'utf8')) as OpenApi]),
  ) as Record<Api, OpenApi>;
  private readonly webhooks: OpenApi = JSON.parse(readFileSync(path.join(SPECS, 'Webhooks-v1.json'), 'utf8'));

  constructor() {
    addFormats(this.ajv);
    // Each document's components under its own id, so `#/components/...` refs resolve inside it.
    for (const [api, document] of Object.entries(this.documents)) this.ajv.addSchema({ $id: api, components: document.components });
    this.ajv.addSchema({ $id: 'webhooks', components: this.webhooks.components });
  }

  /** The operation a path of the face belongs to: the API by its prefix, then the spec's path templates. */
  operation(method: string, facePath: string): FoundOperation {
    const api = (Object.keys(APIS) as Api[]).find((name) => facePath.startsWith(`${APIS[name].prefix}/`));
    assert.ok(
      api,
      `${facePath} is under one of ${Object.values(APIS)
        .map(({ prefix }) => prefix)
        .join(', ')}`,
    );
    const specPath = facePath.slice(APIS[api].prefix.length);
    for (const [template, operations] of Object.entries(this.documents[api].paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      const operation = operations[method.toLowerCase()];
      if (pattern.test(specPath) && operation) return { api, template, operation };
    }
    assert.fail(`no ${method} ${specPath} in ${APIS[api].file}`);
  }

  requestValidator({ api, operation }: FoundOperation): ValidateFunction {
    return this.schema(api, operation.requestBody!.content['application/json'].schema.$ref);
  }

  /** An undocumented status is a failure in itself. */
  responseValidator({ api, operation }: FoundOperation, status: number): ValidateFunction {
    const response = operation.responses?.[String(status)];
    assert.ok(response?.content, `status ${status} is documented for this operation`);
    return this.schema(api, response.content['application/json'].schema.$ref);
  }

  schema(api: Api, ref: string): ValidateFunction {
    return this.ajv.getSchema(`${api}${ref}`)!;
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

  it('every request body the adapter sent conforms to Checkout v72, Payout v68 or Disputes v30', () => {
    for (const exchange of exchanges) {
      const found = specs.operation(exchange.method, exchange.path);
      assertValid(specs.requestValidator(found), exchange.request, `the request to ${found.template}`);
    }
  });

  it('every answer of the face conforms, error bodies included', () => {
    for (const exchange of exchanges) {
      const found = specs.operation(exchange.method, exchange.path);
      assert.notEqual(exchange.status, null, `${found.template} was answered`);
      assertValid(
        specs.responseValidator(found, exchange.status!),
        exchange.response,
        `the ${exchange.status} answer of ${found.template}`,
      );
    }
  });

  it('every notification conforms to the standard webhook of its event code', () => {
    for (const notification of notifications) {
      const [{ NotificationRequestItem: item }] = notification.notificationItems;
      assertValid(specs.notificationValidator(item.eventCode), notification, `the ${item.eventCode} notification`);
    }
  });

  it('the scenario reached every endpoint, status and event code it claims to', () => {
    const reached = new Set(exchanges.map((exchange) => `${specs.operation(exchange.method, exchange.path).template} ${exchange.status}`));
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
      '/submitThirdParty 200',
      '/submitThirdParty 401',
      '/supplyDefenseDocument 200',
      '/defendDispute 200',
    ]) {
      assert.ok(reached.has(expected), `reached ${expected} (reached: ${[...reached].join(', ')})`);
    }
    const eventCodes = new Set(notifications.map((n) => `${n.notificationItems[0].NotificationRequestItem.eventCode}`));
    assert.deepEqual([...eventCodes].sort(), [
      'AUTHORISATION',
      'CANCELLATION',
      'CAPTURE',
      'CAPTURE_FAILED',
      'CHARGEBACK',
      'CHARGEBACK_REVERSED',
      'NOTIFICATION_OF_CHARGEBACK',
      'PAYOUT_THIRDPARTY',
      'REFUND',
      'REFUND_FAILED',
    ]);
    const payoutOutcomes = notifications
      .map(({ notificationItems: [{ NotificationRequestItem: item }] }) => item)
      .filter((item) => item.eventCode === 'PAYOUT_THIRDPARTY')
      .map((item) => item.success);
    assert.deepEqual([...new Set(payoutOutcomes)].sort(), ['false', 'true'], 'paid and failed payouts were notified');
    const refusedDefense = exchanges.some(
      (exchange) => exchange.path.endsWith('/supplyDefenseDocument') && JSON.stringify(exchange.response).includes('"success":false'),
    );
    assert.ok(refusedDefense, 'a defense of a closed dispute was refused');
  });

  it('the validators refuse bodies that break the documents', () => {
    const paymentRequest = specs.schema('checkout', '#/components/schemas/PaymentRequest');
    const good = exchanges.find((exchange) => exchange.path === '/v72/payments')!.request as Record<string, unknown>;
    assert.equal(paymentRequest(good), true);
    assert.equal(paymentRequest({ ...good, amount: { value: '5000', currency: 'EUR' } }), false, 'a string amount');
    const { merchantAccount: _dropped, ...withoutAccount } = good;
    assert.equal(paymentRequest(withoutAccount), false, 'no merchantAccount');
    assert.equal(paymentRequest({ ...good, captureMethod: 'manual' }), false, 'a field Adyen does not have');

    const capture = specs.schema('checkout', '#/components/schemas/PaymentCaptureResponse');
    assert.equal(
      capture({
        merchantAccount: 'M',
        paymentPspReference: 'P',
        pspReference: 'C',
        status: 'captured',
        amount: { value: 1, currency: 'EUR' },
      }),
      false,
    );

    const [authorisation] = notifications.filter((n) => n.notificationItems[0].NotificationRequestItem.eventCode === 'AUTHORISATION');
    const item = authorisation.notificationItems[0].NotificationRequestItem;
    const tampered = { ...authorisation, notificationItems: [{ NotificationRequestItem: { ...item, originalReference: 'X' } }] };
    assert.equal(specs.notificationValidator('AUTHORISATION')(tampered), false, 'AUTHORISATION items have no originalReference');

    const submit = specs.schema('payout', '#/components/schemas/SubmitRequest');
    const payout = exchanges.find((exchange) => exchange.path.endsWith('/submitThirdParty'))!.request as Record<string, unknown>;
    assert.equal(submit(payout), true);
    const { shopperEmail: _noEmail, ...withoutEmail } = payout;
    assert.equal(submit(withoutEmail), false, 'no shopperEmail');
    assert.equal(submit({ ...payout, recurring: { contract: 'PAYOUTS' } }), false, 'an unknown recurring contract');

    const defended = specs.schema('disputes', '#/components/schemas/DefendDisputeResponse');
    assert.equal(defended({ disputeServiceResult: { success: 'true' } }), false, 'success is a boolean');

    const [chargeback] = notifications.filter((n) => n.notificationItems[0].NotificationRequestItem.eventCode === 'CHARGEBACK');
    const chargebackItem = chargeback.notificationItems[0].NotificationRequestItem;
    const unknownStatus = {
      ...chargeback,
      notificationItems: [
        { NotificationRequestItem: { ...chargebackItem, additionalData: { ...chargebackItem.additionalData, disputeStatus: 'Closed' } } },
      ],
    };
    assert.equal(specs.notificationValidator('CHARGEBACK')(unknownStatus), false, 'disputeStatus is one of the documented values');
  });
});

/** Every endpoint and outcome the adapter and the face know, through the real adapter. */
async function runScenario(sim: RunningSimulator, notifications: Notification[]): Promise<void> {
  const adyen = gatewayTo(sim, SIM_ADYEN_API_KEY);
  const control = simulatorClient(sim.url).control;
  const settled = async (eventCode: string, pspReference: string) =>
    eventually(`${eventCode} for ${pspReference}`, async () =>
      notifications.some(
        ({ notificationItems: [{ NotificationRequestItem: item }] }) =>
          item.eventCode === eventCode && (item.pspReference === pspReference || item.originalReference === pspReference),
      ),
    );

  // Authorizations: approved (EUR and ISK), refused twice, an unknown token, 401, flaky 500s.
  const approved = await authorizedReference(adyen, authorization());
  await authorizedReference(adyen, authorization({ amount: 1000, currency: 'isk' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclined' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds' }));
  await adyen.authorize(authorization({ paymentMethod: 'pm_card_unknown' })).catch(() => undefined);
  await gatewayTo(sim, '')
    .authorize(authorization())
    .catch(() => undefined);
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
  await adyen.refund({
    pspReference: approved,
    amount: 2000,
    currency: 'eur',
    refundId: 're_1',
    reason: 'duplicate',
    idempotencyKey: `${approved}:re_1`,
  });
  await adyen.refund({ pspReference: approved, amount: 9000, currency: 'eur', refundId: 're_2', idempotencyKey: `${approved}:re_2` });
  await adyen
    .refund({ pspReference: approved, amount: 100, currency: 'usd', refundId: 're_3', idempotencyKey: `${approved}:re_3` })
    .catch(() => undefined);
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
  await adyen.refund({
    pspReference: refundRejected,
    amount: 500,
    currency: 'eur',
    refundId: 're_4',
    idempotencyKey: `${refundRejected}:re_4`,
  });

  // Payouts: paid, failed at the bank, and one refused for want of an API key.
  const paid = await adyen.createPayout(payout());
  const failing = payout();
  await control({ action: 'payout_failure', seller: failing.sellerId });
  const failed = await adyen.createPayout(failing);
  await gatewayTo(sim, '')
    .createPayout(payout())
    .catch(() => undefined);
  assert.ok(paid.outcome === 'pending' && failed.outcome === 'pending');

  // Disputes: one defended and won, one lost, then a defense of the closed one (refused).
  const won = await capturedReference(adyen, settled);
  const { dispute: wonDispute } = await disputeControl(sim, { action: 'dispute', psp_reference: won });
  await settled('NOTIFICATION_OF_CHARGEBACK', wonDispute.dispute_reference);
  await adyen.submitDisputeEvidence(evidence(wonDispute.dispute_reference, won));
  await disputeControl(sim, { action: 'dispute_outcome', psp_reference: won, outcome: 'won' });
  const lost = await capturedReference(adyen, settled);
  const { dispute: lostDispute } = await disputeControl(sim, { action: 'dispute', psp_reference: lost });
  await disputeControl(sim, { action: 'dispute_outcome', psp_reference: lost, outcome: 'lost' });
  await adyen.submitDisputeEvidence(evidence(lostDispute.dispute_reference, lost)).catch(() => undefined);

  for (const [eventCode, reference] of [
    ['CANCELLATION', toCancel],
    ['CAPTURE', overCaptured],
    ['CAPTURE_FAILED', rejected],
    ['REFUND_FAILED', refundRejected],
    ['PAYOUT_THIRDPARTY', paid.pspPayoutReference],
    ['PAYOUT_THIRDPARTY', failed.pspPayoutReference],
    ['CHARGEBACK_REVERSED', wonDispute.dispute_reference],
    ['CHARGEBACK', lostDispute.dispute_reference],
  ]) {
    await settled(eventCode, reference);
  }
}

/** A payment authorized and captured, as a dispute needs. */
async function capturedReference(adyen: PspGateway, settled: (eventCode: string, reference: string) => Promise<unknown>): Promise<string> {
  const reference = await authorizedReference(adyen, authorization());
  await adyen.capture({ pspReference: reference, amount: 5000, currency: 'eur', idempotencyKey: `${reference}:capture` });
  await settled('CAPTURE', reference);
  return reference;
}

async function disputeControl(sim: RunningSimulator, body: Record<string, string>): Promise<{ dispute: SimDisputeSummary }> {
  const response = await fetch(`${sim.url}/_sim/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return (await response.json()) as { dispute: SimDisputeSummary };
}

function evidence(pspDisputeReference: string, pspReference: string) {
  return { pspDisputeReference, pspReference, text: 'Delivered and signed for.', idempotencyKey: `${pspDisputeReference}:evidence` };
}

function payout(): PayoutRequest {
  const payoutId = `po_${randomUUID()}`;
  return { payoutId, sellerId: `sel_${randomUUID()}`, amount: 2500, currency: 'eur', idempotencyKey: `${payoutId}:submit` };
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
