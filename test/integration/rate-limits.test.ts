// Rate limits on the real stack, over HTTP: a merchant's bucket shared by its keys and by API
// instances through Postgres, its own override, a finance key's bucket, redeliveries, /ops
// logins per address, PSP webhooks never limited, and a 429 never stored under an
// Idempotency-Key. The APIs under test run on a frozen clock the tests move by hand, so what
// refills and when is exact, and nothing sleeps.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { startApi } from '../../api/server';
import { createFinanceKey } from '../../db/queries/merchants';
import { purgeIdleBuckets } from '../../db/queries/rate-limits';
import { apiClient, type ApiClient, type HttpAnswer } from '../support/http';
import { postStripeEvent, stripeEventBody } from '../support/signed-webhooks';
import { startTestStack, type TestStack } from '../support/stack';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
/** Five requests a second per merchant, one second's worth in the bucket: a lease is one token. */
const PER_SECOND = 5;

describe('rate limits', function () {
  this.timeout(120_000);
  let stack: TestStack;
  /** The frozen clock of the APIs below, in ms. */
  let now = Date.now();
  const apis: Array<{ url: string; stop(): Promise<void> }> = [];

  before(async function () {
    this.timeout(300_000);
    stack = await startTestStack({
      env: {
        RATE_LIMIT_PER_SECOND: String(PER_SECOND),
        RATE_LIMIT_BURST_SECONDS: '1',
        RATE_LIMIT_LEASE: '10',
        REDELIVERY_RATE_LIMIT_PER_MINUTE: '2',
        OPS_LOGIN_RATE_LIMIT_PER_MINUTE: '3',
        AUTH_FAILURE_RATE_LIMIT_PER_MINUTE: '3',
        // The login tests speak for several client addresses through X-Forwarded-For.
        TRUST_PROXY: 'loopback',
      },
    });
  });
  after(async () => {
    await Promise.all(apis.map((api) => api.stop()));
    await stack?.stop();
  });

  /** Another API instance on the suite's database and worker, on the frozen clock. */
  async function instance(): Promise<string> {
    const api = await startApi({
      config: stack.config,
      db: stack.db,
      temporal: stack.client,
      port: 0,
      wiring: stack.wiring,
      clock: () => now,
    });
    apis.push(api);
    return api.url;
  }
  let base: string;
  before(async () => {
    base = await instance();
  });

  async function merchantOn(url: string): Promise<{ id: string; apiKey: string; api: ApiClient }> {
    const merchant = await stack.merchant();
    return { ...merchant, api: apiClient(url, merchant.apiKey) };
  }

  const statuses = (answers: HttpAnswer[]) => answers.map((a) => a.status).sort();
  const count = (answers: HttpAnswer[], status: number) => answers.filter((a) => a.status === status).length;

  function assertRefused(answer: HttpAnswer, retryAfter: number, policy = 'default') {
    assert.equal(answer.status, 429, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, 'rate_limited');
    assert.equal(answer.body.error.type, 'invalid_request_error');
    assert.equal(answer.headers.get('retry-after'), String(retryAfter));
    assert.ok(
      answer.headers.get('ratelimit')?.includes(`"${policy}";r=0;t=${retryAfter}`),
      answer.headers.get('ratelimit') ?? 'no RateLimit',
    );
  }

  it("bursts one merchant past its limit while another merchant's requests keep passing", async () => {
    const [busy, calm] = [await merchantOn(base), await merchantOn(base)];
    const [burst, steady] = await Promise.all([
      Promise.all(Array.from({ length: 12 }, () => busy.api.get('/v1/balance'))),
      Promise.all(Array.from({ length: PER_SECOND }, () => calm.api.get('/v1/balance'))),
    ]);
    assert.deepEqual(statuses(burst), [...Array(5).fill(200), ...Array(7).fill(429)]);
    assert.deepEqual(statuses(steady), Array(5).fill(200), 'the other merchant has its own bucket');

    const passed = burst.filter((a) => a.status === 200);
    for (const answer of passed) assert.equal(answer.headers.get('ratelimit-policy'), `"default";q=${PER_SECOND};w=1`);
    // Each passed request took the next token: 4 left, then 3, … then none.
    const remaining = passed.map((a) => /^"default";r=(\d+);t=1$/.exec(a.headers.get('ratelimit') ?? '')?.[1]).sort();
    assert.deepEqual(remaining, ['0', '1', '2', '3', '4']);
    for (const answer of burst.filter((a) => a.status === 429)) {
      assertRefused(answer, 1);
      assert.equal(answer.headers.get('ratelimit-policy'), `"default";q=${PER_SECOND};w=1`);
    }

    // A second later the bucket holds a second's worth again, and no more.
    now += 1000;
    const later = await Promise.all(Array.from({ length: 7 }, () => busy.api.get('/v1/balance')));
    assert.deepEqual(statuses(later), [...Array(5).fill(200), 429, 429]);
  });

  it('shares one bucket among all the keys of a merchant, and gives each finance key its own', async () => {
    const merchant = await merchantOn(base);
    // A second key of the same merchant, as the key-management API will make them.
    const secondKey = `sk_hf_${randomUUID().replaceAll('-', '')}`;
    await stack.db.execute(sql`
      insert into api_keys (id, merchant_id, role, key_hash, prefix)
      values (${`key_${randomUUID().replaceAll('-', '')}`}, ${merchant.id}, 'merchant', encode(sha256(${secondKey}::bytea), 'hex'), ${secondKey.slice(0, 10)})`);
    const other = apiClient(base, secondKey);
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => merchant.api.get('/v1/balance')),
      ...Array.from({ length: 4 }, () => other.get('/v1/balance')),
    ]);
    assert.equal(count(answers, 200), PER_SECOND, 'eight requests with two keys, one bucket of five');
    assert.equal(count(answers, 429), 3);

    const finance = apiClient(base, (await createFinanceKey(stack.db)).apiKey);
    const financeAnswers = await Promise.all(Array.from({ length: 7 }, () => finance.get('/v1/payout_approvals')));
    assert.deepEqual(statuses(financeAnswers), [...Array(5).fill(200), 429, 429]);
    assertRefused(
      financeAnswers.find((a) => a.status === 429)!,
      1,
    );
  });

  it('never stores a 429 as the answer of an Idempotency-Key: the same key and body succeed once the bucket refills', async () => {
    const merchant = await merchantOn(base);
    for (let i = 0; i < PER_SECOND; i++) assert.equal((await merchant.api.get('/v1/balance')).status, 200);
    const key = randomUUID();
    const body = { amount: 1500, currency: 'usd', payment_method: 'pm_card_visa' };
    const refused = await merchant.api.post('/v1/payments', body, { idempotencyKey: key });
    assertRefused(refused, 1);
    const stored = await stack.db.execute(sql`select 1 from idempotency_keys where merchant_id = ${merchant.id} and key = ${key}`);
    assert.equal(stored.rows.length, 0, 'the key was never claimed');

    now += 1000;
    const created = await merchant.api.post('/v1/payments', body, { idempotencyKey: key });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.status, 'captured');
    assert.equal(created.headers.get('idempotent-replayed'), null, 'run, not replayed');
    const replayed = await merchant.api.post('/v1/payments', body, { idempotencyKey: key });
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    assert.equal(replayed.body.id, created.body.id);
  });

  it('holds across API instances on one database: they share the bucket, leasing from it', async () => {
    const second = await instance();
    const merchant = await merchantOn(base);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [HOLDFAST, 'merchants', 'set-rate-limit', merchant.id, '--per-second', '20'],
      {
        env: { ...process.env, DATABASE_URL: stack.databaseUrl },
      },
    );
    assert.deepEqual(JSON.parse(stdout), { id: merchant.id, rate_limit_per_second: 20 });
    const clients = [merchant.api, apiClient(second, merchant.apiKey)];

    // One after another, alternating: each instance leases two tokens (a tenth of 20) at a
    // time and spends both before leasing again, so exactly the bucket's 20 pass.
    const answers: HttpAnswer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await clients[i % 2]!.get('/v1/balance'));
    assert.deepEqual(
      answers.map((a) => a.status),
      [...Array(20).fill(200), ...Array(10).fill(429)],
    );
    assert.equal(answers[0]!.headers.get('ratelimit-policy'), '"default";q=20;w=1', 'the override is the policy');

    // All at once on both: never more than the bucket; fewer only by tokens an instance leased
    // for requests that had already gone (at most a lease less one, per instance).
    now += 1000;
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => clients[i % 2]!.get('/v1/balance')));
    const passed = count(burst, 200);
    assert.ok(passed <= 20 && passed >= 20 - 2 * (2 - 1), `${passed} passed`);
    assert.equal(passed + count(burst, 429), 40);
  });

  it('applies the override and `--default` from the next lease, and refuses bad CLI input', async () => {
    const merchant = await merchantOn(base);
    const env = { ...process.env, DATABASE_URL: stack.databaseUrl };
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, [HOLDFAST, 'merchants', 'set-rate-limit', ...args], { env });
    await cli(merchant.id, '--per-second', '2');
    const two = await Promise.all(Array.from({ length: 4 }, () => merchant.api.get('/v1/balance')));
    assert.deepEqual(statuses(two), [200, 200, 429, 429]);
    assert.equal(two[0]!.headers.get('ratelimit-policy'), '"default";q=2;w=1');

    await cli(merchant.id, '--default');
    now += 1000;
    const five = await Promise.all(Array.from({ length: 6 }, () => merchant.api.get('/v1/balance')));
    assert.deepEqual(statuses(five), [...Array(5).fill(200), 429]);

    for (const args of [
      [merchant.id, '--per-second', '0'],
      [merchant.id, '--per-second', '-3'],
      [merchant.id, '--per-second', '1.5'],
      [merchant.id, '--per-second', '1e3'],
      [merchant.id, '--per-second', '\u0661\u0660'], // Arabic-Indic digits
      [merchant.id, '--per-second', '99999999999'],
      [merchant.id, '--per-second', '5', '--default'],
      [merchant.id],
      ['mer_nobody', '--per-second', '5'],
    ]) {
      await assert.rejects(cli(...args), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 2, `${args.join(' ')}: ${error.stderr}`);
        assert.match(error.stderr, /per-second|default|no merchant/);
        return true;
      });
    }
  });

  it('limits webhook redeliveries per merchant, on top of its requests, before the Idempotency-Key', async () => {
    const merchant = await merchantOn(base);
    const first = await merchant.api.post('/v1/events/evt_missing/redeliver', {});
    assert.equal(first.status, 404, JSON.stringify(first.body));
    assert.equal(first.headers.get('ratelimit-policy'), `"default";q=${PER_SECOND};w=1, "redeliveries";q=2;w=60`);
    assert.equal((await merchant.api.post('/v1/events/evt_missing/redeliver', {})).status, 404);
    const key = randomUUID();
    const refused = await merchant.api.post('/v1/events/evt_missing/redeliver', {}, { idempotencyKey: key });
    assertRefused(refused, 30, 'redeliveries');
    assert.match(refused.body.error.message, /redeliveries/);
    const stored = await stack.db.execute(sql`select 1 from idempotency_keys where merchant_id = ${merchant.id} and key = ${key}`);
    assert.equal(stored.rows.length, 0);
    // Its other requests still pass: the redelivery budget is a bucket of its own.
    assert.equal((await merchant.api.get('/v1/events')).status, 200);
  });

  it('never limits PSP webhooks', async () => {
    const answers = await Promise.all(
      Array.from({ length: 3 * PER_SECOND }, () =>
        postStripeEvent(base, stripeEventBody('customer.created', { id: `cus_${randomUUID()}`, object: 'customer' }).body),
      ),
    );
    assert.deepEqual(
      answers.map((a) => a.status),
      Array(3 * PER_SECOND).fill(200),
    );
    for (const answer of answers) assert.equal(answer.headers.get('ratelimit'), null);
  });

  it('purges buckets untouched an hour past their window, and no other', async () => {
    await stack.db.execute(sql`
      insert into rate_limit_buckets (bucket, tokens, refilled_at)
      values ('test:idle', 0, now() - interval '2 hours'), ('test:recent', 0, now() - interval '30 minutes')`);
    assert.ok((await purgeIdleBuckets(stack.db, 3600 + 60)) >= 1);
    const left = await stack.db.execute<{ bucket: string }>(
      sql`select bucket from rate_limit_buckets where bucket like 'test:%' order by bucket`,
    );
    assert.deepEqual(
      left.rows.map((r) => r.bucket),
      ['test:recent'],
    );
  });

  it('cuts off an address sending keys that do not work, before any lookup, while other addresses pass', async () => {
    const from = (address: string, key: string) =>
      fetch(`${base}/v1/balance`, { headers: { authorization: `Bearer ${key}`, 'x-forwarded-for': address } });
    const fresh = await merchantOn(base);
    for (let i = 0; i < 3; i++) assert.equal((await from('203.0.113.50', `sk_hf_guess${i}`)).status, 401);
    const refused = await from('203.0.113.50', 'sk_hf_guess3');
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '20');
    assert.equal(refused.headers.get('ratelimit-policy'), '"auth-failures";q=3;w=60');
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.equal((await from('203.0.113.50', fresh.apiKey)).status, 429, 'a key not looked up yet is not looked up from this address now');
    assert.equal((await from('198.51.100.50', 'sk_hf_guess4')).status, 401, 'another address is untouched');
    assert.equal((await from('198.51.100.50', fresh.apiKey)).status, 200);
    now += 20_000;
    assert.equal((await from('203.0.113.50', 'sk_hf_guess5')).status, 401, 'one more try a refill later');
    assert.equal((await from('203.0.113.50', 'sk_hf_guess6')).status, 429);
  });

  describe('/ops login', () => {
    const cookieNonce = (response: Response) => /hf_ops_login=([^;]*)/.exec(response.headers.getSetCookie().join('\n'))?.[1] ?? '';

    /** A login form for the client at `address`, and a way to post it with a key. */
    async function loginAs(address: string) {
      const form = await fetch(`${base}/ops`, { headers: { 'x-forwarded-for': address } });
      const token = /name="csrf_token" value="([^"]+)"/.exec(await form.text())![1]!;
      const nonce = cookieNonce(form);
      return (apiKey: string) =>
        fetch(`${base}/ops/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `hf_ops_login=${nonce}`, 'x-forwarded-for': address },
          body: new URLSearchParams({ api_key: apiKey, csrf_token: token }).toString(),
        });
    }

    it('allows a few attempts per address a minute; a flood locks out only its own address, and only while it lasts', async () => {
      const { apiKey } = await createFinanceKey(stack.db);
      const flood = await loginAs('203.0.113.7');
      for (let i = 0; i < 3; i++) assert.equal((await flood('sk_hf_guess')).status, 401);
      const refused = await flood(apiKey);
      assert.equal(refused.status, 429, 'even the right key: the attempt is not looked at');
      assert.equal(refused.headers.get('retry-after'), '20');
      assert.equal(refused.headers.get('ratelimit-policy'), '"login";q=3;w=60');
      assert.equal(refused.headers.get('ratelimit'), '"login";r=0;t=20');
      assert.match(await refused.text(), /Too many login attempts from your address. Try again in 20 seconds/);
      assert.equal(
        refused.headers.getSetCookie().some((c) => c.startsWith('hf_ops=')),
        false,
        'no session',
      );

      // A person elsewhere logs in meanwhile.
      const person = await loginAs('198.51.100.20');
      assert.equal((await person(apiKey)).status, 303);

      // Twenty seconds on, the flooded address has one attempt again.
      now += 20_000;
      const back = await flood(apiKey);
      assert.equal(back.status, 303);
      assert.ok(back.headers.getSetCookie().some((c) => c.startsWith('hf_ops=')));
      assert.equal((await flood(apiKey)).status, 429);
    });

    it('counts an IPv6 /64 as one address', async () => {
      const attempts = [await loginAs('2001:db8:7:1::1'), await loginAs('2001:db8:7:1:ffff::2'), await loginAs('2001:db8:7:1:0:0:0:3')];
      const answers = [];
      for (const attempt of [...attempts, attempts[0]!]) answers.push((await attempt('sk_hf_guess')).status);
      assert.deepEqual(answers, [401, 401, 401, 429]);
      assert.equal((await (await loginAs('2001:db8:7:2::1'))('sk_hf_guess')).status, 401, 'the next /64 is another address');
    });
  });
});
