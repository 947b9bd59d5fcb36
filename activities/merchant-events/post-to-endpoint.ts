// One POST to a merchant's endpoint, connecting only where the address policy allows. The
// URL as written was checked at registration; here it is checked again (the policy may be
// stricter than when the endpoint was made) and every address its host name resolves to is
// checked at connect time, inside the socket's own lookup, so the address checked is the
// address connected to: a name that resolves to a public address at registration and to
// 127.0.0.1 at delivery (DNS rebinding) reaches nothing. A redirect is not followed.
import { lookup as systemLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { endpointUrlRefusal, isAllowedAddress, type EndpointAddressPolicy } from '../../config/endpoint-address';

/** Resolves a host name to its addresses; tests pass one that knows their made-up names. */
export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const resolveWithSystem: ResolveHost = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

/**
 * A delivery that got no HTTP answer. `reason` is what the merchant is shown: what failed, in
 * a few words, without addresses, ports or the system's error text — an endpoint's errors
 * must not map our network for whoever chose its URL.
 */
export class EndpointUnreachable extends Error {
  /** The URL itself is refused: no retry can help. A resolved address may change; that is retried. */
  readonly permanent: boolean;

  constructor(
    readonly reason: string,
    options: { cause?: unknown; permanent?: boolean } = {},
  ) {
    super(reason, { cause: options.cause });
    this.name = 'EndpointUnreachable';
    this.permanent = options.permanent ?? false;
  }
}

/** The endpoint's URL or a resolved address is not one holdfast may send to. */
export const ADDRESS_NOT_ALLOWED = 'address not allowed';

export interface EndpointRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** POSTs and answers the HTTP status, or throws EndpointUnreachable. */
export function postToEndpoint(request: EndpointRequest, policy: EndpointAddressPolicy, resolve: ResolveHost): Promise<number> {
  const url = new URL(request.url);
  if (endpointUrlRefusal(url, policy)) return Promise.reject(new EndpointUnreachable(ADDRESS_NOT_ALLOWED, { permanent: true }));
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise<number>((settle, fail) => {
    const outgoing = send(url, {
      method: 'POST',
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      // A fresh connection per delivery: every one goes through the checked lookup.
      agent: false,
      lookup: checkedLookup(resolve, policy),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    outgoing.on('response', (response) => {
      // Only the status counts: the body is not read, so an endless one costs nothing.
      response.destroy();
      settle(response.statusCode ?? 0);
    });
    outgoing.on('error', (error) => fail(new EndpointUnreachable(describeFailure(error), { cause: error })));
    outgoing.end(request.body);
  });
}

class AddressNotAllowed extends Error {
  constructor(hostname: string) {
    super(`${hostname} resolves to an address webhooks may not be sent to`);
    this.name = 'AddressNotAllowed';
  }
}

/** A socket lookup that resolves with `resolve` and fails unless every address is allowed. */
function checkedLookup(resolve: ResolveHost, policy: EndpointAddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (found) => {
        const addresses = found.filter((a) => !options.family || a.family === options.family);
        if (found.some((a) => !isAllowedAddress(a.address, policy))) return callback(new AddressNotAllowed(hostname), '', 0);
        if (addresses.length === 0) {
          return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
        }
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: Error) => callback(error, '', 0),
    );
  };
}

const REASONS: Array<[RegExp, string]> = [
  [/^(ECONNREFUSED)$/, 'connection refused'],
  [/^(ETIMEDOUT|ABORT_ERR|UND_ERR_CONNECT_TIMEOUT)$/, 'timeout'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA)$/, 'host not found'],
  [/^(ECONNRESET|EPIPE|ECONNABORTED)$/, 'connection reset'],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/, 'host unreachable'],
  [/^(EPROTO$|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/, 'TLS handshake failed'],
];

/** What failed, for the merchant; the error itself stays with the activity failure (operators). */
function describeFailure(error: unknown): string {
  if (error instanceof AddressNotAllowed) return ADDRESS_NOT_ALLOWED;
  if (error instanceof Error && error.name === 'AbortError') return 'timeout';
  // With happy eyeballs every address tried fails on its own; the first says why.
  const first = error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error;
  if (first instanceof AddressNotAllowed) return ADDRESS_NOT_ALLOWED;
  const code = String((first as { code?: unknown })?.code ?? (error as { code?: unknown })?.code ?? '');
  return REASONS.find(([pattern]) => pattern.test(code))?.[1] ?? 'connection failed';
}
