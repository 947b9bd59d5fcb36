// A small JSON client for the holdfast API in tests: real HTTP, real headers.
import { randomUUID } from 'node:crypto';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiClient {
  get<T = any>(path: string): Promise<HttpAnswer<T>>;
  /** POSTs JSON with a fresh Idempotency-Key unless one is given (`null` sends none). */
  post<T = any>(path: string, body?: unknown, options?: { idempotencyKey?: string | null; rawBody?: string }): Promise<HttpAnswer<T>>;
}

export function apiClient(baseUrl: string, apiKey?: string): ApiClient {
  const auth: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  async function send(method: string, path: string, headers: Record<string, string>, body?: string) {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...auth, ...headers }, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }
  return {
    get: (path) => send('GET', path, {}),
    post: (path, body, options = {}) => {
      const key = options.idempotencyKey === undefined ? randomUUID() : options.idempotencyKey;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (key !== null) headers['idempotency-key'] = key;
      return send('POST', path, headers, options.rawBody ?? JSON.stringify(body ?? {}));
    },
  };
}
