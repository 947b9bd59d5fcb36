// One POST to a merchant endpoint against local servers: the resolved address is checked at
// connect time, redirects are answers, and failures are described without internal detail.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EndpointUnreachable, postToEndpoint, type ResolveHost } from '../../activities/merchant-events/post-to-endpoint';

const production = { allowHttpLoopback: false };
const development = { allowHttpLoopback: true };
const toLoopback: ResolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
const nowhere: ResolveHost = async (hostname) => {
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

async function failure(promise: Promise<unknown>): Promise<EndpointUnreachable> {
  const error = await promise.then(
    () => assert.fail('the POST succeeded'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof EndpointUnreachable, String(error));
  return error;
}

describe('POST to a merchant endpoint', () => {
  let server: Server;
  let port: number;
  const requests: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/hang') return; // never answers
      if (req.url === '/moved') return res.writeHead(302, { location: '/internal' }).end();
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => requests.splice(0));

  const post = (url: string, policy = development, resolve: ResolveHost = toLoopback, timeoutMs = 5_000) =>
    postToEndpoint({ url, headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs }, policy, resolve);

  it('answers the status of the POST', async () => {
    assert.equal(await post(`http://127.0.0.1:${port}/ok`), 204);
    assert.equal(await post(`http://hooks.localhost:${port}/fail`), 500);
    assert.deepEqual(requests, ['/ok', '/fail']);
  });

  it('refuses a name that resolves to loopback at connect time, without connecting', async () => {
    const refused = await failure(post(`https://rebind.example.com:${port}/ok`, production));
    assert.deepEqual([refused.reason, refused.permanent], ['address not allowed', false]);
    const mixed: ResolveHost = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '::ffff:127.0.0.1', family: 6 },
    ];
    assert.equal((await failure(post(`https://mixed.example.com:${port}/ok`, production, mixed))).reason, 'address not allowed');
    assert.deepEqual(requests, []);
  });

  it('refuses a URL the policy refuses as written, for good (an IP literal is never looked up)', async () => {
    const refused = await failure(post(`http://127.0.0.1:${port}/ok`, production));
    assert.deepEqual([refused.reason, refused.permanent], ['address not allowed', true]);
    assert.deepEqual(requests, []);
  });

  it('does not follow a redirect', async () => {
    assert.equal(await post(`http://127.0.0.1:${port}/moved`), 302);
    assert.deepEqual(requests, ['/moved']);
  });

  it('says what failed, never where', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const reasons = [
      (await failure(post(`http://127.0.0.1:${closedPort}/`))).reason,
      (await failure(post(`https://unknown.example.com/`, production, nowhere))).reason,
      (await failure(post(`http://127.0.0.1:${port}/hang`, development, toLoopback, 200))).reason,
      // https to a server that speaks plain http
      (await failure(post(`https://127.0.0.1:${port}/ok`))).reason,
    ];
    assert.deepEqual(reasons, ['connection refused', 'host not found', 'timeout', 'TLS handshake failed']);
  });
});
