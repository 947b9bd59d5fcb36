// A crash never strands an Idempotency-Key: an API process killed while it holds a key's
// claim leaves the claim unrefreshed, and a retry of the same request on another API process
// takes it over within IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS and answers the payment's real
// outcome. A claim whose request is alive (just slow) is refreshed and never taken over.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { derivePaymentId } from '../../views/ids';
import { findIdempotencyRecord } from '../../db/queries/idempotency';
import { SIM_STRIPE_SECRET_KEY } from '../../sim/credentials';
import { eventually } from '../support/eventually';
import { createHoldfastClient, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { simulatorClient } from '../support/simulator-client';
import { startTestStack, type TestStack } from '../support/stack';
import { sharedTemporal } from '../support/temporal';
import { answered } from '../support/typed-answers';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
const CLAIM_TIMEOUT_SECONDS = 2;

describe('a crash never strands an Idempotency-Key', function () {
  this.timeout(180_000);
  let stack: TestStack;
  let client: HoldfastClient;
  let apiKey: string;
  let merchantId: string;
  let sim: ReturnType<typeof simulatorClient>;
  let child: ChildProcess | undefined;
  // Only this suite's simulator sees these cards: holding them stops no one else.
  const heldCard = 'pm_card_mastercard';

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({ env: { IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: String(CLAIM_TIMEOUT_SECONDS) } });
    ({ client, apiKey, id: merchantId } = await stack.merchant());
    sim = simulatorClient(stack.simUrl);
  });
  afterEach(async () => {
    child?.kill('SIGKILL');
    await sim.control({ action: 'release', payment_method: heldCard });
  });
  after(() => stack?.stop());

  /** A create under the key, to the suite's API unless to another process's. */
  const createUnder = (idempotencyKey: string, body: RequestBody<'/v1/payments', 'post'>, to = client) =>
    to.POST('/v1/payments', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body });

  /** `holdfast api` as deployed, on the suite's database and task queue; resolves to its URL. */
  async function startApiProcess(): Promise<string> {
    const temporal = await sharedTemporal();
    const { taskQueue, namespace } = stack.config.temporal;
    child = spawn(process.execPath, [HOLDFAST, 'api'], {
      env: {
        ...process.env,
        DATABASE_URL: stack.databaseUrl,
        // The stack's: the data keys in its database are wrapped by it.
        HOLDFAST_MASTER_KEY: stack.config.encryption.masterKey,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: namespace,
        TEMPORAL_TASK_QUEUE: taskQueue,
        PORT: '0',
        STRIPE_SECRET_KEY: SIM_STRIPE_SECRET_KEY,
        STRIPE_API_BASE: stack.sim.stripeUrl,
        // The request holds its claim for as long as the PSP holds the authorization.
        CREATE_WAIT_MS: '120000',
        IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS: String(CLAIM_TIMEOUT_SECONDS),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let output = '';
    return new Promise((resolve, reject) => {
      child!.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const listening = /listening on (http:\/\/\S+)/.exec(output);
        if (listening) resolve(listening[1]!);
      });
      child!.once('exit', (code) => reject(new Error(`holdfast api exited (${code}) before listening:\n${output}`)));
    });
  }

  it('a payment whose API process was SIGKILLed mid-request: the retry takes the claim over and answers its real outcome', async () => {
    const childApi = createHoldfastClient({ baseUrl: await startApiProcess(), apiKey });
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    await sim.control({ action: 'hold', payment_method: heldCard });
    const idempotencyKey = randomUUID();
    const paymentId = derivePaymentId(merchantId, idempotencyKey);
    const body: RequestBody<'/v1/payments', 'post'> = { amount: 4321, currency: 'usd', psp: 'stripe', payment_method: heldCard };
    const inFlight = createUnder(idempotencyKey, body, childApi).catch((error: Error) => error);
    await eventually('the authorization reaching the PSP', async () => (await sim.pspRequests(paymentId)).length > 0);
    assert.equal((await findIdempotencyRecord(stack.db, merchantId, idempotencyKey))?.state, 'in_progress');
    child!.kill('SIGKILL');
    await exited;
    assert.ok((await inFlight) instanceof Error, 'the killed process never answered');
    await sim.control({ action: 'release', payment_method: heldCard });

    const retriedAt = Date.now();
    const retry = answered(await createUnder(idempotencyKey, body), 201);
    const tookMs = Date.now() - retriedAt;
    assert.equal(retry.id, paymentId);
    assert.ok(['authorized', 'captured'].includes(retry.status), `the real outcome, not ${retry.status}`);
    // Bounded by the claim timeout plus the create's outcome wait (CREATE_WAIT_MS, 10 s), not a day.
    assert.ok(tookMs < (CLAIM_TIMEOUT_SECONDS + 10) * 1000, `answered within the claim timeout and the outcome wait (${tookMs} ms)`);
    const [pspSide, ...others] = await sim.payments(paymentId);
    assert.equal(others.length, 0, 'one PaymentIntent at the PSP');
    assert.equal(pspSide!.authorizations, 1, 'authorized once');
    const replayed = await createUnder(idempotencyKey, body);
    assert.equal(replayed.response.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(answered(replayed, 201), retry);
  });

  it('a request that runs longer than the claim timeout keeps its claim: a concurrent retry waits for its answer', async () => {
    await sim.control({ action: 'hold', payment_method: heldCard });
    const idempotencyKey = randomUUID();
    const paymentId = derivePaymentId(merchantId, idempotencyKey);
    const body: RequestBody<'/v1/payments', 'post'> = { amount: 1234, currency: 'usd', psp: 'stripe', payment_method: heldCard };
    const first = createUnder(idempotencyKey, body);
    await eventually('the authorization reaching the PSP', async () => (await sim.pspRequests(paymentId)).length > 0);
    // Past the claim timeout, and the claim is still fresh: its owner refreshed it.
    await eventually(
      'the claim older than its timeout and refreshed',
      async () => {
        const [row] = (
          await stack.db.execute<{ refreshed: boolean }>(sql`
            select locked_at > now() - make_interval(secs => ${CLAIM_TIMEOUT_SECONDS})
               and created_at < now() - make_interval(secs => ${CLAIM_TIMEOUT_SECONDS + 1}) as refreshed
            from idempotency_keys where merchant_id = ${merchantId} and key = ${idempotencyKey}`)
        ).rows;
        return row?.refreshed === true;
      },
      20_000,
    );
    const retry = createUnder(idempotencyKey, body);
    await sim.control({ action: 'release', payment_method: heldCard });
    const [firstAnswer, retryAnswer] = await Promise.all([first, retry]);
    const created = answered(firstAnswer, 201);
    assert.equal(retryAnswer.response.headers.get('idempotent-replayed'), 'true', 'the retry waited for the owner instead of taking over');
    assert.deepEqual(retryAnswer.data, created);
  });
});
