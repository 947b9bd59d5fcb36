// Whose /ops login attempts count together: one IPv4 address, or one IPv6 /64 — the block a
// single host is usually given, so stepping through its addresses does not buy new attempts.
import { isIPv4, isIPv6 } from 'node:net';

export function clientAddressBucket(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return 'unknown';
  return `${ipv6Groups(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lowercase hex without leading zeros. */
function ipv6Groups(ip: string): string[] {
  const address = ip.split('%')[0]!; // a zone index names an interface, not a host
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['v4', 'v4'] : [g])));
  const [left, right] = address.split('::') as [string, string | undefined];
  const head = groupsOf(left);
  const tail = right === undefined ? [] : groupsOf(right);
  const zeros = Array.from({ length: 8 - head.length - tail.length }, () => '0');
  return [...head, ...zeros, ...tail].map((g) => (g === 'v4' ? g : parseInt(g, 16).toString(16)));
}
