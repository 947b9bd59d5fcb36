// Which addresses a merchant's webhook endpoint may reach: only the public internet. An
// endpoint is a URL a merchant chooses and holdfast POSTs to from inside its own network, so
// without this a merchant could aim deliveries at our Postgres, the cloud metadata service or
// anything else only we can reach, and read the answers back as delivery errors.
//
// The same rules run twice: on the URL as written when an endpoint is registered (IP
// literals in every spelling the WHATWG URL parser turns into an address, and names that are
// loopback by definition), and on every address a host name resolves to when a delivery
// connects (a name may resolve elsewhere by then: DNS rebinding).
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Config } from './config';

export interface EndpointAddressPolicy {
  /**
   * Development only (WEBHOOK_ALLOW_HTTP_LOOPBACK): loopback is allowed, and plain http is
   * allowed to loopback, so a receiver on 127.0.0.1 or localhost can take the events.
   */
  allowHttpLoopback: boolean;
}

/** Off unless WEBHOOK_ALLOW_HTTP_LOOPBACK says otherwise (`holdfast dev` turns it on when unset). */
export function endpointAddressPolicyFrom(config: Pick<Config, 'webhooks'>): EndpointAddressPolicy {
  return { allowHttpLoopback: config.webhooks.allowHttpLoopback === true };
}

type AddressClass = 'public' | 'loopback' | 'refused';

/** IPv4 ranges that are not on the public internet (IANA special-purpose registry). */
const nonPublicV4 = subnets('ipv4', [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local, where cloud metadata services answer
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
]);
const loopbackV4 = subnets('ipv4', [['127.0.0.0', 8]]);

/**
 * IPv6 outside global unicast (2000::/3) is refused as a whole: ULA fc00::/7, link-local
 * fe80::/10, multicast ff00::/8, discard 100::/64, local NAT64 64:ff9b:1::/48. These are the
 * parts of 2000::/3 that are not public either.
 */
const globalUnicastV6 = subnets('ipv6', [['2000::', 3]]);
const nonPublicV6 = subnets('ipv6', [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
]);

/** Host names that are never on the public internet, whatever DNS says. */
const LOOPBACK_NAMES = /(^|\.)localhost$/;
const LOCAL_SUFFIXES = /\.(local|internal|localdomain|home\.arpa)$/;

function subnets(family: 'ipv4' | 'ipv6', ranges: Array<[string, number]>): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, family);
  return list;
}

function classifyV4(address: string): AddressClass {
  if (loopbackV4.check(address, 'ipv4')) return 'loopback';
  return nonPublicV4.check(address, 'ipv4') ? 'refused' : 'public';
}

/** The eight 16-bit groups of an IPv6 address, a dotted IPv4 tail included. */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!; // a zone id names an interface, not an address
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].map((group) => parseInt(group, 16));
}

function embeddedV4(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

function classifyV6(address: string): AddressClass {
  const g = ipv6Groups(address);
  const zerosBefore = (n: number) => g.slice(0, n).every((group) => group === 0);
  // ::1 is loopback; the rest of ::/96 is unspecified or deprecated IPv4-compatible.
  if (zerosBefore(6)) return g[6] === 0 && g[7] === 1 ? 'loopback' : 'refused';
  // Forms that carry an IPv4 address and reach it: IPv4-mapped, NAT64, 6to4.
  if (zerosBefore(5) && g[5] === 0xffff) return classifyV4(embeddedV4(g[6]!, g[7]!));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return classifyV4(embeddedV4(g[6]!, g[7]!));
  if (g[0] === 0x2002) return classifyV4(embeddedV4(g[1]!, g[2]!));
  const plain = address.split('%')[0]!;
  if (!globalUnicastV6.check(plain, 'ipv6') || nonPublicV6.check(plain, 'ipv6')) return 'refused';
  return 'public';
}

function classifyAddress(address: string): AddressClass | undefined {
  if (isIPv4(address)) return classifyV4(address);
  if (isIPv6(address.split('%')[0]!)) return classifyV6(address);
  return undefined;
}

/** Whether a delivery may connect to this resolved address. Anything that is not an IP is refused. */
export function isAllowedAddress(address: string, policy: EndpointAddressPolicy): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'loopback' && policy.allowHttpLoopback);
}

/** A host name only this machine or its network can reach, or an address; undefined for a public-looking name. */
function classifyHost(hostname: string): AddressClass | undefined {
  const host = hostname.replace(/^\[|\]$/g, '');
  const address = classifyAddress(host);
  if (address) return address;
  const name = host.replace(/\.+$/, '');
  if (LOOPBACK_NAMES.test(name)) return 'loopback';
  // A single label (`postgres`, `metadata`) is completed by the resolver's search domains.
  if (!name.includes('.') || LOCAL_SUFFIXES.test(name)) return 'refused';
  return undefined;
}

/**
 * Why this URL may not be an endpoint, or undefined when it may. Checks the URL as written:
 * a host name is not resolved here, so one that does not resolve yet is accepted, and its
 * addresses are checked when a delivery connects.
 */
export function endpointUrlRefusal(url: URL, policy: EndpointAddressPolicy): string | undefined {
  const host = classifyHost(url.hostname);
  if (host === 'refused' || (host === 'loopback' && !policy.allowHttpLoopback)) {
    return 'The URL must point to a public internet address, not a loopback, private, link-local or reserved one.';
  }
  if (url.protocol !== 'https:' && !(policy.allowHttpLoopback && host === 'loopback')) {
    return 'The URL must use https.';
  }
  return undefined;
}
