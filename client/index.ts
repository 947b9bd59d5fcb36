// A typed client for the holdfast API: openapi-fetch over the types generated from the
// OpenAPI document (client/openapi.d.ts, `npm run client:generate`). Paths, parameters,
// request bodies and answers are checked by the compiler against what the API documents.
//
//   const holdfast = createHoldfastClient({ baseUrl: 'http://127.0.0.1:3000', apiKey });
//   const { data, error } = await holdfast.POST('/v1/payments', { body: { amount: 2500, currency: 'usd', payment_method: 'pm_card_visa' } });
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths } from './openapi';

export type { paths } from './openapi';

/**
 * The documented paths, but the Idempotency-Key every POST requires is optional here: the
 * client sends a fresh one unless the caller gives its own (a retry must give the same).
 */
export type HoldfastPaths = { [P in keyof paths]: { [M in keyof paths[P]]: IdempotencyKeyOptional<paths[P][M]> } };

type IdempotencyKeyOptional<Operation> = Operation extends { parameters: { header: { 'Idempotency-Key': string } } }
  ? Omit<Operation, 'parameters'> & {
      parameters: Omit<Operation['parameters'], 'header'> & {
        header?: Omit<Operation['parameters']['header'], 'Idempotency-Key'> & { 'Idempotency-Key'?: string };
      };
    }
  : Operation;

export type HoldfastClient = Client<HoldfastPaths, 'application/json'>;

/** The JSON body an operation takes. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** The query parameters an operation takes. */
export type RequestQuery<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Query } }
  ? NonNullable<Query>
  : never;

/** The JSON answer an operation gives with a status. */
export type Answer<P extends keyof paths, M extends keyof paths[P], Status extends number = 200> = paths[P][M] extends {
  responses: { [S in Status]: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

export interface HoldfastClientOptions {
  /** Where the API is, e.g. http://127.0.0.1:3000 (no trailing /v1). */
  baseUrl: string;
  /** A merchant's or finance's key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** Another fetch (a test's, a proxy's); the global one by default. */
  fetch?: ClientOptions['fetch'];
}

export function createHoldfastClient({ baseUrl, apiKey, fetch }: HoldfastClientOptions): HoldfastClient {
  const client = createClient<HoldfastPaths, 'application/json'>({
    baseUrl,
    headers: { authorization: `Bearer ${apiKey}` },
    ...(fetch ? { fetch } : {}),
  });
  client.use({
    onRequest({ request }) {
      // Every POST is idempotent under its key: without one the API answers 400.
      if (request.method === 'POST' && !request.headers.has('idempotency-key')) {
        request.headers.set('idempotency-key', globalThis.crypto.randomUUID());
      }
      return request;
    },
  });
  return client;
}
