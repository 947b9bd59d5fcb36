// API keys a merchant manages (issue 14 §2), over HTTP on the real stack: list, create, roll,
// revoke; restricted keys and the scope table; secrets shown once and never kept under an
// Idempotency-Key; a revoked key refused within a second by another API instance; the CLI.
import { testKeyring } from '../support/keyring';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import type { Router } from 'express';
import { configuredPsps } from '../../psp/wiring';
import { createApp } from '../../api/app';
import { createLogger } from '../../telemetry/logger';
import { createPaymentCommands } from '../../api/payment-commands';
import { ROUTE_SCOPES } from '../../api/route-scopes';
import { SCOPES } from '../../domain/scopes';
import { startApi } from '../../api/server';
import { createDatabase } from '../../db/client';
import { createFinanceKey } from '../../db/queries/merchants';
import { apiKeys, auditLog, idempotencyKeys } from '../../db/schema';
import { createHoldfastClient, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { eventually } from '../support/eventually';
import type { ApiClient } from '../support/http';
import { stackForSuite } from '../support/stack';
import { answered, refused } from '../support/typed-answers';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
/** Finance's routes (api/app.ts): they need the finance role, not a scope. */
const FINANCE_PATH = /^\/v1\/(settlements|reconciliations|reconciliation\/|payout_approvals|payouts\/\{id\}\/approve)/;
const PAYMENT: RequestBody<'/v1/payments', 'post'> = {
  amount: 1200,
  currency: 'usd',
  payment_method: 'pm_card_visa',
  capture_method: 'manual',
};

interface Refusal {
  error: { code: string; param?: string; message: string; required_scope?: string };
}

/** The refusal, which must come with `status`, `code` and `param` (none unless given). */
function refusedAs(
  answer: { data?: unknown; error?: Refusal; response: Response },
  status: number,
  code: string,
  param?: string,
): Refusal['error'] {
  const { error } = refused(answer, status);
  assert.deepEqual([error.code, error.param], [code, param], JSON.stringify(error));
  return error;
}

function scopeRefused(answer: { data?: unknown; error?: Refusal; response: Response }, scope: string): void {
  const error = refusedAs(answer, 403, 'api_key_scope_insufficient');
  assert.equal(error.required_scope, scope, JSON.stringify(error));
  assert.match(error.message, new RegExp(scope === 'unrestricted' ? 'an unrestricted key' : scope));
}

/** Every route of the app as `METHOD /v1/path/{param}`, found by walking Express's routers. */
function appRoutes(router: Router, prefix = ''): string[] {
  const found: string[] = [];
  for (const layer of (router as unknown as { stack: Array<Record<string, any>> }).stack) {
    if (layer.route) {
      const template = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      for (const method of Object.keys(layer.route.methods)) if (method !== '_all') found.push(`${method.toUpperCase()} ${template}`);
    } else if (layer.handle?.stack) {
      const mounted = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      found.push(...appRoutes(layer.handle, `${prefix}${mounted}`));
    }
  }
  return found;
}

describe('API keys a merchant manages', function () {
  this.timeout(120_000);
  const suite = stackForSuite();
  let merchant: { id: string; apiKey: string; api: ApiClient; client: HoldfastClient };
  /** The id of the merchant's first key, the unrestricted one `merchants create` made. */
  let firstKeyId: string;

  before(async () => {
    merchant = await suite.stack.merchant();
    [{ id: firstKeyId }] = (await suite.stack.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.merchantId, merchant.id))) as [
      { id: string },
    ];
  });

  /** A typed client that speaks with `secret`, to the suite's API unless to another instance. */
  const clientWith = (secret: string, baseUrl = suite.stack.apiUrl) => createHoldfastClient({ baseUrl, apiKey: secret });

  /** A new key of the suite's merchant, made through the API; `client` speaks with it. */
  async function newKey(body: RequestBody<'/v1/api_keys', 'post'> = {}) {
    const created = answered(await merchant.client.POST('/v1/api_keys', { body }), 201);
    const { secret } = created;
    assert.ok(secret, 'a new key comes with its secret');
    return { ...created, secret, client: clientWith(secret) };
  }

  const listKeys = async () => answered(await merchant.client.GET('/v1/api_keys', { params: { query: { limit: 100 } } }), 200);
  const getKey = async (id: string) => answered(await merchant.client.GET('/v1/api_keys/{id}', { params: { path: { id } } }), 200);
  const roll = (id: string, body: RequestBody<'/v1/api_keys/{id}/roll', 'post'> = {}) =>
    merchant.client.POST('/v1/api_keys/{id}/roll', { params: { path: { id } }, body });
  const revoke = (id: string, idempotencyKey?: string) =>
    merchant.client.POST('/v1/api_keys/{id}/revoke', {
      params: { path: { id }, ...(idempotencyKey ? { header: { 'Idempotency-Key': idempotencyKey } } : {}) },
      body: {},
    });
  const paymentCount = async () =>
    answered(await merchant.client.GET('/v1/payments', { params: { query: { limit: 100 } } }), 200).data.length;

  describe('the scope table', () => {
    it('names every merchant route of the app, and nothing else; every scope is needed somewhere', async () => {
      const { stack } = suite;
      const app = createApp({
        config: stack.config,
        db: stack.db,
        temporal: stack.client,
        logger: createLogger('silent'),
        commands: createPaymentCommands(stack.client, stack.config),
        wiring: stack.wiring,
        availablePsps: configuredPsps(stack.wiring),
        keyring: await testKeyring(stack.db, stack.config.encryption),
      });
      const merchantRoutes = appRoutes((app as unknown as { router: Router }).router).filter(
        (route) => route.split(' ')[1]!.startsWith('/v1/') && !FINANCE_PATH.test(route.split(' ')[1]!),
      );
      assert.ok(merchantRoutes.includes('GET /v1/payments/{id}'), `the walk finds the routes: ${merchantRoutes.join(', ')}`);
      assert.deepEqual(
        merchantRoutes.filter((route) => !(route in ROUTE_SCOPES)),
        [],
        'merchant routes without a scope',
      );
      assert.deepEqual(
        Object.keys(ROUTE_SCOPES).filter((route) => !merchantRoutes.includes(route)),
        [],
        'scope entries without a route',
      );
      const needed = new Set(Object.values(ROUTE_SCOPES));
      assert.deepEqual(
        SCOPES.filter((scope) => !needed.has(scope)),
        [],
        'scopes no route needs',
      );
    });
  });

  describe('create and list', () => {
    it('answers the secret once; the list shows every key without it, with created and last_used', async () => {
      const created = await newKey({ name: 'checkout server' });
      assert.match(created.secret, /^sk_hf_[A-Za-z0-9]{32}$/);
      assert.equal(created.prefix, created.secret.slice(0, 10));
      assert.equal(created.restricted, false);
      assert.deepEqual(created.scopes, SCOPES);
      assert.equal(created.last_used, null);
      assert.ok(Math.abs(created.created - Date.now() / 1000) < 60);
      answered(await created.client.GET('/v1/payments'), 200);

      const list = await listKeys();
      assert.equal(list.object, 'list');
      const listed = list.data.find((key) => key.id === created.id);
      const { secret: _secret, client: _client, ...view } = created;
      assert.deepEqual({ ...listed, last_used: null }, view);
      assert.ok(
        list.data.some((key) => key.id === firstKeyId),
        'the first key is listed',
      );
      assert.ok(!JSON.stringify(list).includes(created.secret), 'no secret in the list');
      assert.ok(list.data.every((key: object) => !('secret' in key)));

      // last_used is written off the request's path, to the minute.
      const used = await eventually('last_used to be recorded', async () => {
        const key = await getKey(created.id);
        return key.last_used !== null && key.last_used;
      });
      assert.equal(used % 60, 0);
      assert.ok(used <= Date.now() / 1000 && used > Date.now() / 1000 - 120, String(used));
    });

    it('a replay of the create answers the key without its secret, which the idempotency table never holds', async () => {
      const idempotencyKey = randomUUID();
      const create = (name: string) =>
        merchant.client.POST('/v1/api_keys', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body: { name } });
      const first = answered(await create('replayed'), 201);
      assert.ok(first.secret);
      const replay = await create('replayed');
      assert.equal(replay.response.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(answered(replay, 201), { ...first, secret: null });
      const [kept] = await suite.stack.db
        .select({ body: sql<string>`${idempotencyKeys.responseBody}::text` })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      assert.ok(!kept!.body.includes(first.secret), kept!.body);

      // The key's record gone (expired, or its process died after the insert): the same
      // request finds the key its first attempt made and makes no second one.
      await suite.stack.db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      const retried = answered(await create('replayed'), 201);
      assert.equal(retried.id, first.id);
      assert.equal(retried.secret, null);
      await suite.stack.db
        .delete(idempotencyKeys)
        .where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      refusedAs(await create('another'), 422, 'idempotency_key_reused', 'Idempotency-Key');
    });

    it('refuses unknown scope names, an empty list, a control character in the name and fields it does not take', async () => {
      // Malformed on purpose, most beyond what the typed client lets through: the raw client sends them.
      const cases: Array<[unknown, string, string]> = [
        [{ scopes: ['payments:read', 'payments:admin'] }, 'parameter_invalid', 'scopes[1]'],
        [{ scopes: ['PAYMENTS:READ'] }, 'parameter_invalid', 'scopes[0]'],
        [{ scopes: [] }, 'parameter_invalid', 'scopes'],
        [{ scopes: 'read_only' }, 'parameter_invalid', 'scopes'],
        [{ name: 'tab\u0007bell' }, 'parameter_invalid', 'name'],
        [{ name: 'x'.repeat(101) }, 'parameter_invalid', 'name'],
        [{ name: ' ' }, 'parameter_invalid', 'name'],
        [{ role: 'finance' }, 'parameter_unknown', 'role'],
      ];
      for (const [body, code, param] of cases) {
        const answer = await merchant.api.post('/v1/api_keys', body);
        assert.equal(answer.status, 400, JSON.stringify(body));
        assert.deepEqual([answer.body.error.code, answer.body.error.param], [code, param], JSON.stringify(body));
      }
      const tooMany = await merchant.api.get('/v1/api_keys?limit=101');
      assert.deepEqual([tooMany.status, tooMany.body.error.code, tooMany.body.error.param], [400, 'parameter_invalid', 'limit']);
    });
  });

  describe('restricted keys', () => {
    it('a read_only key reads, and is refused a payment with 403 naming payments:write', async () => {
      const readOnly = await newKey({ scopes: ['read_only'] });
      assert.match(readOnly.secret, /^rk_hf_[A-Za-z0-9]{32}$/);
      assert.equal(readOnly.restricted, true);
      assert.ok(readOnly.scopes.every((scope) => scope.endsWith(':read')));
      for (const read of ['/v1/payments', '/v1/balance', '/v1/events', '/v1/webhook_endpoints', '/v1/psps'] as const) {
        answered(await readOnly.client.GET(read), 200);
      }
      const before = await paymentCount();
      scopeRefused(await readOnly.client.POST('/v1/payments', { body: PAYMENT }), 'payments:write');
      scopeRefused(
        await readOnly.client.POST('/v1/webhook_endpoints', { body: { url: 'https://example.com/hook', events: ['*'] } }),
        'webhook_endpoints:write',
      );
      assert.equal(await paymentCount(), before, 'nothing was made');
    });

    it('payments and refunds only: a write includes its read, and nothing else is open', async () => {
      const key = await newKey({ scopes: ['payments:write', 'refunds:write', 'payments:write'] });
      assert.deepEqual(key.scopes, ['payments:read', 'payments:write', 'refunds:read', 'refunds:write']);
      const payment = answered(await key.client.POST('/v1/payments', { body: PAYMENT }), 201);
      answered(await key.client.GET('/v1/payments/{id}', { params: { path: { id: payment.id } } }), 200);
      scopeRefused(await key.client.GET('/v1/balance'), 'balance:read');
      scopeRefused(await key.client.GET('/v1/ledger/transactions', { params: { query: { payment: payment.id } } }), 'balance:read');
      scopeRefused(await key.client.GET('/v1/sellers'), 'sellers:read');
    });

    it('only an unrestricted key manages keys: a restricted key can neither list nor mint one wider than itself', async () => {
      const key = await newKey({ scopes: ['payments:read'] });
      const countKeys = async () => (await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, merchant.id))).length;
      const keysBefore = await countKeys();
      const itself = { params: { path: { id: key.id } } };
      scopeRefused(await key.client.GET('/v1/api_keys'), 'unrestricted');
      scopeRefused(await key.client.GET('/v1/api_keys/{id}', itself), 'unrestricted');
      scopeRefused(await key.client.POST('/v1/api_keys', { body: { scopes: ['payments:write'] } }), 'unrestricted');
      scopeRefused(await key.client.POST('/v1/api_keys', { body: { scopes: ['payments:read'] } }), 'unrestricted');
      scopeRefused(await key.client.POST('/v1/api_keys/{id}/roll', { ...itself, body: {} }), 'unrestricted');
      scopeRefused(await key.client.POST('/v1/api_keys/{id}/revoke', { ...itself, body: {} }), 'unrestricted');
      assert.equal(await countKeys(), keysBefore, 'no key was made');
      const [row] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      assert.deepEqual([row!.revokedAt, row!.replacedBy], [null, null], 'the key was neither revoked nor rolled');
    });

    it('a finance key keeps its role: 403 api_key_wrong_role on /v1/api_keys', async () => {
      const finance = clientWith((await createFinanceKey(suite.stack.db)).apiKey);
      refusedAs(await finance.GET('/v1/api_keys'), 403, 'api_key_wrong_role');
      refusedAs(await finance.POST('/v1/api_keys', { body: {} }), 403, 'api_key_wrong_role');
    });
  });

  describe("another merchant's keys", () => {
    it('are a 404, whatever the request, and stay as they were', async () => {
      const other = await suite.stack.merchant();
      const [otherKey] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, other.id));
      refusedAs(await merchant.client.GET('/v1/api_keys/{id}', { params: { path: { id: otherKey!.id } } }), 404, 'resource_missing', 'id');
      refusedAs(await roll(otherKey!.id), 404, 'resource_missing', 'id');
      refusedAs(await revoke(otherKey!.id), 404, 'resource_missing', 'id');
      const listed = (await listKeys()).data.map((key) => key.id);
      assert.ok(!listed.includes(otherKey!.id));
      const afterOthers = answered(await merchant.client.GET('/v1/api_keys', { params: { query: { starting_after: otherKey!.id } } }), 200);
      assert.equal(afterOthers.data.length, 0);
      const [after] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, otherKey!.id));
      assert.deepEqual({ ...after, lastUsedEpoch: null }, { ...otherKey, lastUsedEpoch: null });
      answered(await other.client.GET('/v1/payments'), 200);
    });
  });

  describe('roll and revoke', () => {
    it('a roll makes a key with the same name and scopes; the old one works for the overlap; it is rolled once', async () => {
      const old = await newKey({ name: 'batch job', scopes: ['read_only'] });
      const rolled = answered(await roll(old.id, { expires_in_seconds: 3600 }), 200);
      assert.ok(rolled.secret);
      assert.match(rolled.secret, /^rk_hf_/);
      assert.notEqual(rolled.id, old.id);
      assert.equal(rolled.name, 'batch job');
      assert.deepEqual(rolled.scopes, old.scopes);
      answered(await clientWith(rolled.secret).GET('/v1/payments'), 200);
      assert.equal((await old.client.GET('/v1/payments')).response.status, 200, 'the old key works during the overlap');
      const oldNow = await getKey(old.id);
      assert.equal(oldNow.replaced_by, rolled.id);
      assert.ok(oldNow.expires_at !== null && Math.abs(oldNow.expires_at - (Date.now() / 1000 + 3600)) < 60, JSON.stringify(oldNow));
      assert.equal(oldNow.revoked, false);

      refusedAs(await roll(old.id), 400, 'api_key_already_rolled', 'id');
      const audit = await suite.stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, old.id), eq(auditLog.action, 'api_key.rolled')));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, firstKeyId);
    });

    it('refuses an overlap of 8 days naming expires_in_seconds, and a roll of a revoked key', async () => {
      const key = await newKey();
      for (const expires_in_seconds of [8 * 86_400, -1, 1.5]) {
        refusedAs(await roll(key.id, { expires_in_seconds }), 400, 'parameter_invalid', 'expires_in_seconds');
      }
      answered(await revoke(key.id), 200);
      refusedAs(await roll(key.id, { expires_in_seconds: 60 }), 400, 'api_key_revoked', 'id');
      const rows = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      assert.equal(rows[0]!.replacedBy, null, 'nothing replaced the revoked key');
    });

    it('revoking twice: the same request replays its answer, another is 400 api_key_revoked', async () => {
      const key = await newKey();
      const idempotencyKey = randomUUID();
      const first = answered(await revoke(key.id, idempotencyKey), 200);
      assert.equal(first.revoked, true);
      assert.ok(first.revoked_at !== null && first.revoked_at > 0);
      assert.deepEqual(answered(await revoke(key.id, idempotencyKey), 200), first);
      refusedAs(await revoke(key.id), 400, 'api_key_revoked', 'id');
      await eventually('the revoked key to be refused', async () => (await key.client.GET('/v1/payments')).response.status === 401, 1_500);
    });
  });

  describe('across API instances', () => {
    let second: { url: string; stop(): Promise<void> };
    let secondDatabase: ReturnType<typeof createDatabase>;

    before(async () => {
      // Its own pool, as another process would have.
      secondDatabase = createDatabase(suite.stack.databaseUrl, { max: 2 });
      second = await startApi({
        config: suite.stack.config,
        db: secondDatabase.db,
        temporal: suite.stack.client,
        port: 0,
        wiring: suite.stack.wiring,
      });
    });
    after(async () => {
      await second?.stop();
      await secondDatabase?.close();
    });

    /**
     * Asks instance two until it refuses the key, failing if it accepts a request sent more
     * than a second after `stoppedAt` (ms): the key must stop within that second.
     */
    async function refusedBySecond(secret: string, stoppedAt: () => number): Promise<void> {
      const client = clientWith(secret, second.url);
      await eventually(
        'the other instance to refuse the key',
        async () => {
          const sent = Date.now();
          const answer = await client.GET('/v1/payments');
          if (answer.response.status === 200) {
            assert.ok(sent - stoppedAt() <= 1_000, `accepted a request sent ${sent - stoppedAt()} ms after the key stopped`);
            return false;
          }
          refusedAs(answer, 401, 'api_key_invalid');
          return true;
        },
        5_000,
      );
    }

    it('a key revoked on one instance is refused by the other within a second', async () => {
      const key = await newKey();
      const onSecond = clientWith(key.secret, second.url);
      // The other instance has the key in its cache, fresh.
      answered(await onSecond.GET('/v1/payments'), 200);
      answered(await revoke(key.id), 200);
      const answeredAt = Date.now();
      await refusedBySecond(key.secret, () => answeredAt);
    });

    it('a rolled key stops on the other instance within a second of its overlap ending', async () => {
      const key = await newKey();
      const onSecond = clientWith(key.secret, second.url);
      answered(await onSecond.GET('/v1/payments'), 200);
      const rolled = answered(await roll(key.id, { expires_in_seconds: 2 }), 200);
      assert.ok(rolled.secret);
      assert.equal((await onSecond.GET('/v1/payments')).response.status, 200, 'working in the overlap');
      // To the millisecond: the object's expires_at is whole seconds.
      const [row] = await suite.stack.db.select({ expiresAt: apiKeys.expiresAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
      await refusedBySecond(key.secret, () => row!.expiresAt!.getTime());
      answered(await clientWith(rolled.secret, second.url).GET('/v1/payments'), 200);
    });
  });

  describe('the CLI', () => {
    const holdfast = async (...args: string[]) =>
      promisify(execFile)(process.execPath, [HOLDFAST, 'keys', ...args], {
        env: { ...process.env, DATABASE_URL: suite.stack.databaseUrl },
      });
    const fails = async (code: number, pattern: RegExp, ...args: string[]) =>
      assert.rejects(holdfast(...args), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, code, error.stderr);
        assert.match(error.stderr, pattern);
        return true;
      });

    it("lists, creates, rolls and revokes a merchant's keys as the API does", async () => {
      const created = JSON.parse(
        (await holdfast('create', '--merchant', merchant.id, '--name', 'from the cli', '--scopes', 'read_only')).stdout,
      );
      assert.match(created.secret, /^rk_hf_/);
      assert.equal(created.name, 'from the cli');
      const client = clientWith(created.secret);
      answered(await client.GET('/v1/payments'), 200);
      scopeRefused(await client.POST('/v1/payments', { body: PAYMENT }), 'payments:write');

      const listed = (await holdfast('list', '--merchant', merchant.id)).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.ok(!listed.some((key) => 'secret' in key));
      const { secret: _secret, last_used: _used, ...expected } = created;
      const { last_used: _listedUsed, ...got } = listed.find((key) => key.id === created.id);
      assert.deepEqual(got, expected);

      const rolled = JSON.parse((await holdfast('roll', created.id, '--merchant', merchant.id, '--expires-in-seconds', '60')).stdout);
      assert.equal(rolled.name, 'from the cli');
      assert.match(rolled.secret, /^rk_hf_/);
      const revoked = JSON.parse((await holdfast('revoke', rolled.id, '--merchant', merchant.id)).stdout);
      assert.equal(revoked.revoked, true);
      const [audit] = await suite.stack.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectId, rolled.id), eq(auditLog.action, 'api_key.revoked')));
      assert.equal(audit!.actor, 'cli:holdfast keys');
    });

    it("refuses unknown scopes and an 8-day overlap (exit 2), and another merchant's or a revoked key (exit 1)", async () => {
      const other = await suite.stack.merchant();
      const [otherKey] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, other.id));
      await fails(2, /--scopes/, 'create', '--merchant', merchant.id, '--scopes', 'payments:read,everything');
      await fails(2, /--expires-in-seconds/, 'roll', otherKey!.id, '--merchant', other.id, '--expires-in-seconds', String(8 * 86_400));
      await fails(2, /usage: holdfast keys/, 'revoke', '--merchant', merchant.id);
      await fails(2, /--scopes does not go with roll/, 'roll', otherKey!.id, '--merchant', other.id, '--scopes', 'read_only');
      await fails(1, /no API key/, 'revoke', otherKey!.id, '--merchant', merchant.id);
      await fails(1, /no merchant mer_nobody/, 'create', '--merchant', 'mer_nobody');
      assert.equal((await other.client.GET('/v1/payments')).response.status, 200, "the other merchant's key still works");
      const key = await newKey();
      await holdfast('revoke', key.id, '--merchant', merchant.id);
      await fails(1, /revoked already/, 'revoke', key.id, '--merchant', merchant.id);
      await fails(1, /is revoked/, 'roll', key.id, '--merchant', merchant.id);
    });
  });
});
