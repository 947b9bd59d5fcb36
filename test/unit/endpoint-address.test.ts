// The address policy of merchant webhook endpoints: what a URL may name when it is
// registered, and what a delivery may connect to once a name is resolved.
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { endpointUrlRefusal, isAllowedAddress } from '../../config/endpoint-address';

const production = { allowHttpLoopback: false };
const development = { allowHttpLoopback: true };

/** Loopback in the spellings the WHATWG URL parser turns into an address, and names that are loopback by definition. */
const LOOPBACK_HOSTS = [
  '127.0.0.1',
  '127.0.0.1:5433',
  '127.1',
  '127.0.1',
  '0x7f000001',
  '0x7f.0.0.1',
  '2130706433',
  '0177.0.0.1',
  '017700000001',
  '%31%32%37.0.0.1',
  '127.255.255.254',
  '[::1]',
  '[0:0:0:0:0:0:0:1]',
  '[::ffff:127.0.0.1]',
  '[::ffff:7f00:1]',
  '[0:0:0:0:0:ffff:7f00:1]',
  '[64:ff9b::127.0.0.1]',
  '[2002:7f00:1::]',
  'localhost',
  'LOCALHOST',
  'localhost.',
  'api.localhost',
  'api.localhost.',
];

/** Never reachable from the internet, so never an endpoint, whatever the development setting. */
const REFUSED_HOSTS = [
  '0.0.0.0',
  '0',
  '0x0',
  '[::]',
  '[::127.0.0.1]', // IPv4-compatible, deprecated
  '10.0.0.1',
  '012.0.0.1', // 10.0.0.1 in octal
  '167772161', // 10.0.0.1 as one number
  '172.16.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '0xc0a80101', // 192.168.1.1
  '169.254.169.254', // the cloud metadata service
  '2852039166', // 169.254.169.254 as one number
  '[::ffff:169.254.169.254]',
  '[::ffff:a9fe:a9fe]',
  '[64:ff9b::a9fe:a9fe]', // NAT64
  '[2002:a9fe:a9fe::1]', // 6to4
  '[2002:c0a8:101::]', // 6to4 of 192.168.1.1
  '[::ffff:10.0.0.1]',
  '100.64.0.1', // carrier-grade NAT
  '100.127.255.255',
  '192.0.0.1',
  '192.0.2.1',
  '198.18.0.1',
  '198.51.100.7',
  '203.0.113.9',
  '224.0.0.1', // multicast
  '239.255.255.250',
  '240.0.0.1', // reserved
  '255.255.255.255', // broadcast
  '[fc00::1]', // unique local
  '[fd12:3456:789a::1]',
  '[fe80::1]', // link-local
  '[febf::1]',
  '[fec0::1]', // site-local, deprecated
  '[ff02::1]', // multicast
  '[100::1]', // discard
  '[64:ff9b:1::1]', // local-use NAT64
  '[2001::1]', // Teredo
  '[2001:db8::1]', // documentation
  '[3fff::1]',
  'postgres', // a single label: the resolver's search domains complete it
  'metadata',
  'printer.local',
  'metadata.google.internal',
  'router.home.arpa',
  'db.localdomain',
];

/** Public addresses, and public-looking names (not resolved at registration). */
const PUBLIC_HOSTS = [
  'example.com',
  'hooks.example.com.',
  'does-not-resolve-yet.example',
  '8.8.8.8',
  '1.1.1.1',
  '0x08080808',
  '100.63.255.255', // just below carrier-grade NAT
  '100.128.0.1', // just above it
  '172.15.255.255', // just below 172.16/12
  '172.32.0.1', // just above it
  '169.253.255.255',
  '192.169.0.1',
  '126.255.255.255',
  '128.0.0.1',
  '223.255.255.255',
  '[2606:4700:4700::1111]',
  '[2001:4860:4860::8888]',
  '[2a00:1450:4001::1]',
  '[::ffff:8.8.8.8]', // IPv4-mapped public address
  '[64:ff9b::808:808]', // NAT64 of 8.8.8.8
  '[2002:808:808::1]', // 6to4 of 8.8.8.8
];

describe('webhook endpoint address policy', () => {
  describe('registration checks the URL as written', () => {
    it('refuses loopback in every spelling', () => {
      for (const host of LOOPBACK_HOSTS) {
        for (const scheme of ['http', 'https']) {
          const url = new URL(`${scheme}://${host}/hooks`);
          assert.match(endpointUrlRefusal(url, production) ?? 'allowed', /public internet address/, url.href);
        }
      }
    });

    it('refuses private, link-local, carrier-grade NAT, multicast, reserved and local names', () => {
      for (const host of REFUSED_HOSTS) {
        for (const policy of [production, development]) {
          const url = new URL(`https://${host}/hooks`);
          assert.match(endpointUrlRefusal(url, policy) ?? 'allowed', /public internet address/, `${url.href} ${JSON.stringify(policy)}`);
        }
      }
    });

    it('accepts https to public addresses and names, resolved or not', () => {
      for (const host of PUBLIC_HOSTS) {
        const url = new URL(`https://${host}/hooks`);
        assert.equal(endpointUrlRefusal(url, production), undefined, url.href);
      }
    });

    it('refuses plain http, also to a public address', () => {
      for (const host of PUBLIC_HOSTS) {
        for (const policy of [production, development]) {
          assert.equal(endpointUrlRefusal(new URL(`http://${host}/hooks`), policy), 'The URL must use https.', host);
        }
      }
    });

    it('allows http and https to loopback only under the development setting', () => {
      for (const host of LOOPBACK_HOSTS) {
        for (const scheme of ['http', 'https']) {
          const url = new URL(`${scheme}://${host}/hooks`);
          assert.equal(endpointUrlRefusal(url, development), undefined, url.href);
        }
      }
    });
  });

  describe('a delivery checks each resolved address', () => {
    /** The hosts above that the URL parser reads as an address, as a resolver would answer it. */
    const addressesOf = (hosts: string[]) =>
      hosts.map((host) => new URL(`https://${host}/`).hostname.replace(/^\[|\]$/g, '')).filter((address) => isIP(address) !== 0);

    it('refuses every non-public address, also in IPv4-mapped, NAT64 and 6to4 form', () => {
      for (const address of [...addressesOf(REFUSED_HOSTS), ...addressesOf(LOOPBACK_HOSTS)]) {
        assert.equal(isAllowedAddress(address, production), false, address);
      }
      for (const address of [...addressesOf(REFUSED_HOSTS), '::ffff:169.254.169.254', 'fe80::1%eth0']) {
        assert.equal(isAllowedAddress(address, development), false, address);
      }
    });

    it('allows public addresses, and loopback only under the development setting', () => {
      const publicAddresses = addressesOf(PUBLIC_HOSTS);
      assert.ok(publicAddresses.length >= 15);
      for (const address of publicAddresses) assert.equal(isAllowedAddress(address, production), true, address);
      for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        assert.equal(isAllowedAddress(address, production), false, address);
        assert.equal(isAllowedAddress(address, development), true, address);
      }
    });

    it('refuses anything that is not an address', () => {
      for (const text of ['', 'localhost', 'example.com', '1.2.3', '::ffff:1.2.3.4.5'])
        assert.equal(isAllowedAddress(text, development), false, text);
    });
  });
});
