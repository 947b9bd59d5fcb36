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
import { configuredPsps } from '../../activities/psp/wiring';
import { createApp } from '../../api/app';
import { createLogger } from '../../api/logger';
import { createPaymentCommands } from '../../api/payment-commands';
import { ROUTE_SCOPES } from '../../api/route-scopes';
import { SCOPES } from '../../api/scopes';
import { startApi } from '../../api/server';
import { createDatabase } from '../../db/client';
import { createFinanceKey } from '../../db/queries/merchants';
import { apiKeys, auditLog, idempotencyKeys } from '../../db/schema';
import { eventually } from '../support/eventually';
import { apiClient, type ApiClient, type HttpAnswer } from '../support/http';
import { stackForSuite } from '../support/stack';

const HOLDFAST = path.resolve(__dirname, '../../bin/holdfast.js');
/** Finance's routes (api/app.ts): they need the finance role, not a scope. */
const FINANCE_PATH = /^\/v1\/(settlements|reconciliations|reconciliation\/|payout_approvals|payouts\/\{id\}\/approve)/;
const PAYMENT = { amount: 1200, currency: 'usd', payment_method: 'pm_card_visa', capture_method: 'manual' };

function refused(answer: HttpAnswer, status: number, code: string, param?: string): void {
  const body = JSON.stringify(answer.body);
  assert.equal(answer.status, status, body);
  assert.equal(answer.body.error.code, code, body);
  assert.equal(answer.body.error.param, param, body);
}

function scopeRefused(answer: HttpAnswer, scope: string): void {
  refused(answer, 403, 'api_key_scope_insufficient');
  assert.equal(answer.body.error.required_scope, scope, JSON.stringify(answer.body));
  assert.match(answer.body.error.message, new RegExp(scope === 'unrestricted' ? 'an unrestricted key' : scope));
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
  let merchant: { id: string; apiKey: string; api: ApiClient };
  /** The id of the merchant's first key, the unrestricted one `merchants create` made. */
  let firstKeyId: string;

  before(async () => {
    merchant = await suite.stack.merchant();
    [{ id: firstKeyId }] = (await suite.stack.db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.merchantId, merchant.id))) as [{ id: string }];
  });

  /** A new key of the suite's merchant, made through the API; `client` speaks with it. */
  async function newKey(body: { name?: string; scopes?: string[] } = {}) {
    const created = await merchant.api.post('/v1/api_keys', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { ...created.body, client: apiClient(suite.stack.apiUrl, created.body.secret) };
  }

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
      assert.deepEqual(merchantRoutes.filter((route) => !(route in ROUTE_SCOPES)), [], 'merchant routes without a scope');
      assert.deepEqual(Object.keys(ROUTE_SCOPES).filter((route) => !merchantRoutes.includes(route)), [], 'scope entries without a route');
      const needed = new Set(Object.values(ROUTE_SCOPES));
      assert.deepEqual(SCOPES.filter((scope) => !needed.has(scope)), [], 'scopes no route needs');
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
      assert.equal((await created.client.get('/v1/payments')).status, 200);

      const list = await merchant.api.get('/v1/api_keys?limit=100');
      assert.equal(list.status, 200);
      assert.equal(list.body.object, 'list');
      const listed = list.body.data.find((key: { id: string }) => key.id === created.id);
      const { secret: _secret, client: _client, ...view } = created;
      assert.deepEqual({ ...listed, last_used: null }, view);
      assert.ok(list.body.data.some((key: { id: string }) => key.id === firstKeyId), 'the first key is listed');
      assert.ok(!JSON.stringify(list.body).includes(created.secret), 'no secret in the list');
      assert.ok(list.body.data.every((key: object) => !('secret' in key)));

      // last_used is written off the request's path, to the minute.
      const used = await eventually('last_used to be recorded', async () => {
        const key = (await merchant.api.get(`/v1/api_keys/${created.id}`)).body;
        return key.last_used !== null && key.last_used;
      });
      assert.equal(used % 60, 0);
      assert.ok(used <= Date.now() / 1000 && used > Date.now() / 1000 - 120, String(used));
    });

    it('a replay of the create answers the key without its secret, which the idempotency table never holds', async () => {
      const idempotencyKey = randomUUID();
      const first = await merchant.api.post('/v1/api_keys', { name: 'replayed' }, { idempotencyKey });
      assert.equal(first.status, 201);
      const replay = await merchant.api.post('/v1/api_keys', { name: 'replayed' }, { idempotencyKey });
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body, { ...first.body, secret: null });
      const [kept] = await suite.stack.db
        .select({ body: sql<string>`${idempotencyKeys.responseBody}::text` })
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      assert.ok(!kept!.body.includes(first.body.secret), kept!.body);

      // The key's record gone (expired, or its process died after the insert): the same
      // request finds the key its first attempt made and makes no second one.
      await suite.stack.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      const retried = await merchant.api.post('/v1/api_keys', { name: 'replayed' }, { idempotencyKey });
      assert.equal(retried.status, 201);
      assert.equal(retried.body.id, first.body.id);
      assert.equal(retried.body.secret, null);
      await suite.stack.db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.merchantId, merchant.id), eq(idempotencyKeys.key, idempotencyKey)));
      refused(await merchant.api.post('/v1/api_keys', { name: 'another' }, { idempotencyKey }), 422, 'idempotency_key_reused', 'Idempotency-Key');
    });

    it('refuses unknown scope names, an empty list, a control character in the name and fields it does not take', async () => {
      refused(await merchant.api.post('/v1/api_keys', { scopes: ['payments:read', 'payments:admin'] }), 400, 'parameter_invalid', 'scopes[1]');
      refused(await merchant.api.post('/v1/api_keys', { scopes: ['PAYMENTS:READ'] }), 400, 'parameter_invalid', 'scopes[0]');
      refused(await merchant.api.post('/v1/api_keys', { scopes: [] }), 400, 'parameter_invalid', 'scopes');
      refused(await merchant.api.post('/v1/api_keys', { scopes: 'read_only' }), 400, 'parameter_invalid', 'scopes');
      refused(await merchant.api.post('/v1/api_keys', { name: 'tab\u0007bell' }), 400, 'parameter_invalid', 'name');
      refused(await merchant.api.post('/v1/api_keys', { name: 'x'.repeat(101) }), 400, 'parameter_invalid', 'name');
      refused(await merchant.api.post('/v1/api_keys', { name: ' ' }), 400, 'parameter_invalid', 'name');
      refused(await merchant.api.post('/v1/api_keys', { role: 'finance' }), 400, 'parameter_unknown', 'role');
      refused(await merchant.api.get('/v1/api_keys?limit=101'), 400, 'parameter_invalid', 'limit');
    });
  });

  describe('restricted keys', () => {
    it('a read_only key reads, and is refused a payment with 403 naming payments:write', async () => {
      const readOnly = await newKey({ scopes: ['read_only'] });
      assert.match(readOnly.secret, /^rk_hf_[A-Za-z0-9]{32}$/);
      assert.equal(readOnly.restricted, true);
      assert.ok(readOnly.scopes.every((scope: string) => scope.endsWith(':read')));
      for (const read of ['/v1/payments', '/v1/balance', '/v1/events', '/v1/webhook_endpoints', '/v1/psps']) {
        assert.equal((await readOnly.client.get(read)).status, 200, read);
      }
      const before = (await merchant.api.get('/v1/payments?limit=100')).body.data.length;
      scopeRefused(await readOnly.client.post('/v1/payments', PAYMENT), 'payments:write');
      scopeRefused(await readOnly.client.post('/v1/webhook_endpoints', { url: 'https://example.com/hook', events: ['*'] }), 'webhook_endpoints:write');
      assert.equal((await merchant.api.get('/v1/payments?limit=100')).body.data.length, before, 'nothing was made');
    });

    it('payments and refunds only: a write includes its read, and nothing else is open', async () => {
      const key = await newKey({ scopes: ['payments:write', 'refunds:write', 'payments:write'] });
      assert.deepEqual(key.scopes, ['payments:read', 'payments:write', 'refunds:read', 'refunds:write']);
      const payment = await key.client.post('/v1/payments', PAYMENT);
      assert.equal(payment.status, 201, JSON.stringify(payment.body));
      assert.equal((await key.client.get(`/v1/payments/${payment.body.id}`)).status, 200);
      scopeRefused(await key.client.get('/v1/balance'), 'balance:read');
      scopeRefused(await key.client.get('/v1/ledger/transactions'), 'balance:read');
      scopeRefused(await key.client.get('/v1/sellers'), 'sellers:read');
    });

    it('only an unrestricted key manages keys: a restricted key can neither list nor mint one wider than itself', async () => {
      const key = await newKey({ scopes: ['payments:read'] });
      const countKeys = async () => (await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, merchant.id))).length;
      const keysBefore = await countKeys();
      scopeRefused(await key.client.get('/v1/api_keys'), 'unrestricted');
      scopeRefused(await key.client.get(`/v1/api_keys/${key.id}`), 'unrestricted');
      scopeRefused(await key.client.post('/v1/api_keys', { scopes: ['payments:write'] }), 'unrestricted');
      scopeRefused(await key.client.post('/v1/api_keys', { scopes: ['payments:read'] }), 'unrestricted');
      scopeRefused(await key.client.post(`/v1/api_keys/${key.id}/roll`, {}), 'unrestricted');
      scopeRefused(await key.client.post(`/v1/api_keys/${key.id}/revoke`, {}), 'unrestricted');
      assert.equal(await countKeys(), keysBefore, 'no key was made');
      const [row] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      assert.deepEqual([row!.revokedAt, row!.replacedBy], [null, null], 'the key was neither revoked nor rolled');
    });

    it('a finance key keeps its role: 403 api_key_wrong_role on /v1/api_keys', async () => {
      const finance = apiClient(suite.stack.apiUrl, (await createFinanceKey(suite.stack.db)).apiKey);
      refused(await finance.get('/v1/api_keys'), 403, 'api_key_wrong_role');
      refused(await finance.post('/v1/api_keys', {}), 403, 'api_key_wrong_role');
    });
  });

  describe("another merchant's keys", () => {
    it('are a 404, whatever the request, and stay as they were', async () => {
      const other = await suite.stack.merchant();
      const [otherKey] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, other.id));
      refused(await merchant.api.get(`/v1/api_keys/${otherKey!.id}`), 404, 'resource_missing', 'id');
      refused(await merchant.api.post(`/v1/api_keys/${otherKey!.id}/roll`, {}), 404, 'resource_missing', 'id');
      refused(await merchant.api.post(`/v1/api_keys/${otherKey!.id}/revoke`, {}), 404, 'resource_missing', 'id');
      const listed = (await merchant.api.get('/v1/api_keys?limit=100')).body.data.map((key: { id: string }) => key.id);
      assert.ok(!listed.includes(otherKey!.id));
      assert.equal((await merchant.api.get(`/v1/api_keys?starting_after=${otherKey!.id}`)).body.data.length, 0);
      const [after] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, otherKey!.id));
      assert.deepEqual({ ...after, lastUsedEpoch: null }, { ...otherKey, lastUsedEpoch: null });
      assert.equal((await other.api.get('/v1/payments')).status, 200);
    });
  });

  describe('roll and revoke', () => {
    it('a roll makes a key with the same name and scopes; the old one works for the overlap; it is rolled once', async () => {
      const old = await newKey({ name: 'batch job', scopes: ['read_only'] });
      const rolled = await merchant.api.post(`/v1/api_keys/${old.id}/roll`, { expires_in_seconds: 3600 });
      assert.equal(rolled.status, 200, JSON.stringify(rolled.body));
      assert.match(rolled.body.secret, /^rk_hf_/);
      assert.notEqual(rolled.body.id, old.id);
      assert.equal(rolled.body.name, 'batch job');
      assert.deepEqual(rolled.body.scopes, old.scopes);
      assert.equal((await apiClient(suite.stack.apiUrl, rolled.body.secret).get('/v1/payments')).status, 200);
      assert.equal((await old.client.get('/v1/payments')).status, 200, 'the old key works during the overlap');
      const oldNow = (await merchant.api.get(`/v1/api_keys/${old.id}`)).body;
      assert.equal(oldNow.replaced_by, rolled.body.id);
      assert.ok(Math.abs(oldNow.expires_at - (Date.now() / 1000 + 3600)) < 60, JSON.stringify(oldNow));
      assert.equal(oldNow.revoked, false);

      refused(await merchant.api.post(`/v1/api_keys/${old.id}/roll`, {}), 400, 'api_key_already_rolled', 'id');
      const audit = await suite.stack.db.select().from(auditLog).where(and(eq(auditLog.subjectId, old.id), eq(auditLog.action, 'api_key.rolled')));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, firstKeyId);
    });

    it('refuses an overlap of 8 days naming expires_in_seconds, and a roll of a revoked key', async () => {
      const key = await newKey();
      refused(await merchant.api.post(`/v1/api_keys/${key.id}/roll`, { expires_in_seconds: 8 * 86_400 }), 400, 'parameter_invalid', 'expires_in_seconds');
      refused(await merchant.api.post(`/v1/api_keys/${key.id}/roll`, { expires_in_seconds: -1 }), 400, 'parameter_invalid', 'expires_in_seconds');
      refused(await merchant.api.post(`/v1/api_keys/${key.id}/roll`, { expires_in_seconds: 1.5 }), 400, 'parameter_invalid', 'expires_in_seconds');
      assert.equal((await merchant.api.post(`/v1/api_keys/${key.id}/revoke`, {})).status, 200);
      refused(await merchant.api.post(`/v1/api_keys/${key.id}/roll`, { expires_in_seconds: 60 }), 400, 'api_key_revoked', 'id');
      const rows = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
      assert.equal(rows[0]!.replacedBy, null, 'nothing replaced the revoked key');
    });

    it('revoking twice: the same request replays its answer, another is 400 api_key_revoked', async () => {
      const key = await newKey();
      const idempotencyKey = randomUUID();
      const first = await merchant.api.post(`/v1/api_keys/${key.id}/revoke`, {}, { idempotencyKey });
      assert.equal(first.status, 200);
      assert.equal(first.body.revoked, true);
      assert.ok(first.body.revoked_at > 0);
      const replay = await merchant.api.post(`/v1/api_keys/${key.id}/revoke`, {}, { idempotencyKey });
      assert.deepEqual([replay.status, replay.body], [200, first.body]);
      refused(await merchant.api.post(`/v1/api_keys/${key.id}/revoke`, {}), 400, 'api_key_revoked', 'id');
      await eventually('the revoked key to be refused', async () => (await key.client.get('/v1/payments')).status === 401, 1_500);
    });
  });

  describe('across API instances', () => {
    let second: { url: string; stop(): Promise<void> };
    let secondDatabase: ReturnType<typeof createDatabase>;

    before(async () => {
      // Its own pool, as another process would have.
      secondDatabase = createDatabase(suite.stack.databaseUrl, { max: 2 });
      second = await startApi({ config: suite.stack.config, db: secondDatabase.db, temporal: suite.stack.client, port: 0, wiring: suite.stack.wiring });
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
      const client = apiClient(second.url, secret);
      await eventually(
        'the other instance to refuse the key',
        async () => {
          const sent = Date.now();
          const answer = await client.get('/v1/payments');
          if (answer.status === 200) {
            assert.ok(sent - stoppedAt() <= 1_000, `accepted a request sent ${sent - stoppedAt()} ms after the key stopped`);
            return false;
          }
          refused(answer, 401, 'api_key_invalid');
          return true;
        },
        5_000,
      );
    }

    it('a key revoked on one instance is refused by the other within a second', async () => {
      const key = await newKey();
      const onSecond = apiClient(second.url, key.secret);
      // The other instance has the key in its cache, fresh.
      assert.equal((await onSecond.get('/v1/payments')).status, 200);
      const revoked = await merchant.api.post(`/v1/api_keys/${key.id}/revoke`, {});
      assert.equal(revoked.status, 200);
      const answeredAt = Date.now();
      await refusedBySecond(key.secret, () => answeredAt);
    });

    it('a rolled key stops on the other instance within a second of its overlap ending', async () => {
      const key = await newKey();
      const onSecond = apiClient(second.url, key.secret);
      assert.equal((await onSecond.get('/v1/payments')).status, 200);
      const rolled = await merchant.api.post(`/v1/api_keys/${key.id}/roll`, { expires_in_seconds: 2 });
      assert.equal(rolled.status, 200);
      assert.equal((await onSecond.get('/v1/payments')).status, 200, 'working in the overlap');
      // To the millisecond: the object's expires_at is whole seconds.
      const [row] = await suite.stack.db.select({ expiresAt: apiKeys.expiresAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
      await refusedBySecond(key.secret, () => row!.expiresAt!.getTime());
      assert.equal((await apiClient(second.url, rolled.body.secret).get('/v1/payments')).status, 200);
    });
  });

  describe('the CLI', () => {
    const holdfast = async (...args: string[]) =>
      promisify(execFile)(process.execPath, [HOLDFAST, 'keys', ...args], { env: { ...process.env, DATABASE_URL: suite.stack.databaseUrl } });
    const fails = async (code: number, pattern: RegExp, ...args: string[]) =>
      assert.rejects(holdfast(...args), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, code, error.stderr);
        assert.match(error.stderr, pattern);
        return true;
      });

    it('lists, creates, rolls and revokes a merchant\'s keys as the API does', async () => {
      const created = JSON.parse((await holdfast('create', '--merchant', merchant.id, '--name', 'from the cli', '--scopes', 'read_only')).stdout);
      assert.match(created.secret, /^rk_hf_/);
      assert.equal(created.name, 'from the cli');
      const client = apiClient(suite.stack.apiUrl, created.secret);
      assert.equal((await client.get('/v1/payments')).status, 200);
      scopeRefused(await client.post('/v1/payments', PAYMENT), 'payments:write');

      const listed = (await holdfast('list', '--merchant', merchant.id)).stdout.trim().split('\n').map((line) => JSON.parse(line));
      assert.ok(!listed.some((key) => 'secret' in key));
      const { secret: _secret, last_used: _used, ...expected } = created;
      const { last_used: _listedUsed, ...got } = listed.find((key) => key.id === created.id);
      assert.deepEqual(got, expected);

      const rolled = JSON.parse((await holdfast('roll', created.id, '--merchant', merchant.id, '--expires-in-seconds', '60')).stdout);
      assert.equal(rolled.name, 'from the cli');
      assert.match(rolled.secret, /^rk_hf_/);
      const revoked = JSON.parse((await holdfast('revoke', rolled.id, '--merchant', merchant.id)).stdout);
      assert.equal(revoked.revoked, true);
      const [audit] = await suite.stack.db.select().from(auditLog).where(and(eq(auditLog.subjectId, rolled.id), eq(auditLog.action, 'api_key.revoked')));
      assert.equal(audit!.actor, 'cli:holdfast keys');
    });

    it('refuses unknown scopes and an 8-day overlap (exit 2), and another merchant\'s or a revoked key (exit 1)', async () => {
      const other = await suite.stack.merchant();
      const [otherKey] = await suite.stack.db.select().from(apiKeys).where(eq(apiKeys.merchantId, other.id));
      await fails(2, /--scopes/, 'create', '--merchant', merchant.id, '--scopes', 'payments:read,everything');
      await fails(2, /--expires-in-seconds/, 'roll', otherKey!.id, '--merchant', other.id, '--expires-in-seconds', String(8 * 86_400));
      await fails(2, /usage: holdfast keys/, 'revoke', '--merchant', merchant.id);
      await fails(2, /--scopes does not go with roll/, 'roll', otherKey!.id, '--merchant', other.id, '--scopes', 'read_only');
      await fails(1, /no API key/, 'revoke', otherKey!.id, '--merchant', merchant.id);
      await fails(1, /no merchant mer_nobody/, 'create', '--merchant', 'mer_nobody');
      assert.equal((await other.api.get('/v1/payments')).status, 200, "the other merchant's key still works");
      const key = await newKey();
      await holdfast('revoke', key.id, '--merchant', merchant.id);
      await fails(1, /revoked already/, 'revoke', key.id, '--merchant', merchant.id);
      await fails(1, /is revoked/, 'roll', key.id, '--merchant', merchant.id);
    });
  });
});
