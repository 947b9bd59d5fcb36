// Who may act on /ops and read /metrics, over plain HTTP as a forger would send it: the login
// form and every state-changing /ops POST need a CSRF token bound to the browser (and no
// foreign Origin); the session cookie is Secure whenever the request came over TLS, and
// X-Forwarded-Proto counts only from a proxy TRUST_PROXY names; /metrics exists only with
// METRICS_TOKEN and answers only to it.
import assert from 'node:assert/strict';
import { startApi } from '../../api/server';
import { createFinanceKey } from '../../db/queries/merchants';
import { stackForSuite } from '../support/stack';

type Api = { url: string; stop(): Promise<void> };

describe('/ops CSRF and cookies, /metrics access', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ withWorker: false });
  const apis: Api[] = [];
  after(() => Promise.all(apis.map((api) => api.stop())));

  /** Another API on the suite's stack, with settings of its own. */
  async function apiWith(settings: Partial<typeof suite.stack.config>): Promise<string> {
    const { stack } = suite;
    const api = await startApi({ config: { ...stack.config, ...settings }, db: stack.db, temporal: stack.client, port: 0 });
    apis.push(api);
    return api.url;
  }

  const cookies = (response: Response) => response.headers.getSetCookie();
  const cookieNamed = (response: Response, name: string) => cookies(response).find((c) => c.startsWith(`${name}=`));
  const valueOf = (cookie: string | undefined) => cookie?.split(';')[0]!.split('=')[1] ?? '';

  /** GET /ops as a browser would: the login cookie and the form's token. */
  async function loginForm(base: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}/ops`, { headers });
    assert.equal(response.status, 200);
    const html = await response.text();
    const token = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(token, 'the login form carries a CSRF token');
    const cookie = cookieNamed(response, 'hf_ops_login');
    assert.ok(cookie, 'and sets the cookie it is bound to');
    return { token, cookie, nonce: valueOf(cookie) };
  }

  function postForm(base: string, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  describe('/ops login', () => {
    it("refuses a login without the form's token, with a wrong one, or with another browser's, and opens no session", async () => {
      const base = suite.stack.apiUrl;
      const { apiKey } = await createFinanceKey(suite.stack.db);
      const mine = await loginForm(base);
      const theirs = await loginForm(base);
      const attempts: Array<[string, Record<string, string>, Record<string, string>]> = [
        ['no token, no cookie', { api_key: apiKey }, {}],
        ['no token', { api_key: apiKey }, { cookie: `hf_ops_login=${mine.nonce}` }],
        ['a wrong token', { api_key: apiKey, csrf_token: `${mine.token.slice(0, -2)}AA` }, { cookie: `hf_ops_login=${mine.nonce}` }],
        ['a token without its cookie', { api_key: apiKey, csrf_token: mine.token }, {}],
        ["another browser's token", { api_key: apiKey, csrf_token: theirs.token }, { cookie: `hf_ops_login=${mine.nonce}` }],
        [
          'a foreign Origin',
          { api_key: apiKey, csrf_token: mine.token },
          { cookie: `hf_ops_login=${mine.nonce}`, origin: 'https://evil.example' },
        ],
        ['an opaque Origin', { api_key: apiKey, csrf_token: mine.token }, { cookie: `hf_ops_login=${mine.nonce}`, origin: 'null' }],
      ];
      for (const [what, fields, headers] of attempts) {
        const response = await postForm(base, '/ops/login', fields, headers);
        assert.equal(response.status, 403, what);
        assert.equal(cookieNamed(response, 'hf_ops'), undefined, `${what}: no session`);
      }
      const response = await postForm(
        base,
        '/ops/login',
        { api_key: apiKey, csrf_token: mine.token },
        { cookie: `hf_ops_login=${mine.nonce}`, origin: base },
      );
      assert.equal(response.status, 303);
      assert.ok(valueOf(cookieNamed(response, 'hf_ops')).length >= 40, 'the real form logs in');
    });

    it('refuses a state-changing POST of a session without its token or with a wrong one', async () => {
      const base = suite.stack.apiUrl;
      const { apiKey } = await createFinanceKey(suite.stack.db);
      const form = await loginForm(base);
      const login = await postForm(
        base,
        '/ops/login',
        { api_key: apiKey, csrf_token: form.token },
        { cookie: `hf_ops_login=${form.nonce}` },
      );
      const session = `hf_ops=${valueOf(cookieNamed(login, 'hf_ops'))}`;
      const attempts: Array<Record<string, string>> = [{}, { csrf_token: form.token }, { csrf_token: 'x'.repeat(43) }];
      for (const fields of attempts) {
        const response = await postForm(base, '/ops/payouts/po_none/approve', fields, { cookie: session });
        assert.equal(response.status, 403, JSON.stringify(fields));
      }
      // Its own token gets through to the action, which finds no such payout and says so.
      const page = await fetch(`${base}/ops/payouts`, { headers: { cookie: session } }).then((r) => r.text());
      const token = /name="csrf_token" value="([^"]+)"/.exec(page)![1]!;
      const real = await postForm(base, '/ops/payouts/po_none/approve', { csrf_token: token }, { cookie: session });
      assert.equal(real.status, 303);
      const flash = await fetch(`${base}/ops/payouts`, { headers: { cookie: session } }).then((r) => r.text());
      assert.match(flash, /po_none not approved/);
    });

    it('sets Secure cookies when a proxy named in TRUST_PROXY says the request came over TLS, and only then', async () => {
      const { apiKey } = await createFinanceKey(suite.stack.db);
      const https = { 'x-forwarded-proto': 'https' };
      const logIn = async (base: string) => {
        const form = await loginForm(base, https);
        const login = await postForm(
          base,
          '/ops/login',
          { api_key: apiKey, csrf_token: form.token },
          { cookie: `hf_ops_login=${form.nonce}`, ...https },
        );
        assert.equal(login.status, 303);
        return { login: form.cookie, session: cookieNamed(login, 'hf_ops')! };
      };
      const isSecure = (cookie: string) => cookie.split('; ').includes('Secure');

      const behindProxy = await logIn(await apiWith({ trustProxy: 'loopback' }));
      assert.ok(isSecure(behindProxy.login), behindProxy.login);
      assert.ok(isSecure(behindProxy.session), behindProxy.session);

      // Anyone can send the header: without TRUST_PROXY this plain-http request is plain http.
      const direct = await logIn(suite.stack.apiUrl);
      assert.ok(!isSecure(direct.login), direct.login);
      assert.ok(!isSecure(direct.session), direct.session);
      for (const cookie of [direct.session, behindProxy.session]) {
        assert.match(cookie, /HttpOnly/);
        assert.match(cookie, /SameSite=Strict/);
      }
    });
  });

  describe('/metrics', () => {
    it('does not exist without METRICS_TOKEN', async () => {
      const response = await fetch(`${suite.stack.apiUrl}/metrics`);
      assert.equal(response.status, 404);
      assert.doesNotMatch(await response.text(), /holdfast_/);
    });

    it('answers 401 to a missing or wrong token and serves Prometheus metrics to the right one', async () => {
      const token = 'metrics-token-for-the-test-0123456789';
      const base = await apiWith({ metricsToken: token });
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`, `Bearer ${token}x`]) {
        const response = await fetch(`${base}/metrics`, { headers: authorization ? { authorization } : {} });
        assert.equal(response.status, 401, authorization);
        assert.equal(response.headers.get('www-authenticate'), 'Bearer realm="metrics"');
        assert.doesNotMatch(await response.text(), /holdfast_http/);
      }
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /holdfast_http_request_duration_seconds_count\{method="GET",route="\/metrics",status="401"\} 4/);
    });
  });
});
