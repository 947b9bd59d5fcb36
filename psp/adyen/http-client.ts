// The transport the Adyen library sends its requests through (its ClientInterface). The
// library's own client speaks only https and folds every network failure into a message;
// this one also reaches the simulator over plain http, and keeps each failure's cause so
// the mappers can tell "never sent" from "sent, answer lost" (mappers.ts, gatewayErrorFromAdyenError).
import { type Config, HttpClientException } from '@adyen/api-library';
import type ClientInterface from '@adyen/api-library/lib/src/httpClient/clientInterface';
import LibraryConstants from '@adyen/api-library/lib/src/constants/libraryConstants';
import type { IRequest } from '@adyen/api-library/lib/src/typings/requestOptions';

export interface AdyenHttpClientOptions {
  /** Replaces the origin of the URLs the library builds (e.g. http://127.0.0.1:4012), keeping their paths. */
  baseUrl?: string;
  timeoutMs: number;
}

/** No answer within the client's timeout: the request may have been acted on. */
export class AdyenTimeoutError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AdyenTimeoutError';
  }
}

export class AdyenHttpClient implements ClientInterface {
  private readonly base: string | undefined;

  constructor(private readonly options: AdyenHttpClientOptions) {
    this.base = options.baseUrl === undefined ? undefined : originOnlyBase(options.baseUrl);
  }

  async request(
    endpoint: string,
    json: string | Buffer,
    config: Config,
    _isApiKeyRequired: boolean,
    requestOptions: IRequest.Options = {},
  ): Promise<string> {
    const url = this.targetUrl(endpoint, requestOptions.params);
    const method = requestOptions.method ?? 'POST';
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': `${LibraryConstants.LIB_NAME}/${LibraryConstants.LIB_VERSION}`,
      'adyen-library-name': LibraryConstants.LIB_NAME,
      'adyen-library-version': LibraryConstants.LIB_VERSION,
      ...stringHeaders(requestOptions.headers),
    };
    // Every call of this gateway is authenticated by API key; basic auth is not offered.
    if (config.apiKey) headers['X-API-Key'] = config.apiKey;
    if (requestOptions.idempotencyKey) headers['Idempotency-Key'] = requestOptions.idempotencyKey;

    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: method === 'GET' ? undefined : json.toString(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new AdyenTimeoutError(`Adyen did not answer ${method} ${url.pathname} within ${this.options.timeoutMs} ms`, {
          cause: error,
        });
      }
      // fetch's own error; its cause carries the socket's code (ECONNREFUSED, ECONNRESET, …).
      throw error;
    }
    if (response.ok) return body;
    throw httpClientException(response, body);
  }

  private targetUrl(endpoint: string, params: IRequest.Options['params']): URL {
    const built = new URL(endpoint);
    const url = this.base === undefined ? built : new URL(`${this.base}${built.pathname}`);
    if (params !== undefined) url.search = new URLSearchParams(params).toString();
    return url;
  }
}

function originOnlyBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Adyen baseUrl must be http(s): ${baseUrl}`);
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}

function stringHeaders(headers: IRequest.Options['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}

/** The library's exception for an error answer, with Adyen's ServiceError body when it sent one. */
function httpClientException(response: Response, body: string): HttpClientException {
  const apiError = serviceErrorIn(body);
  return new HttpClientException({
    message: `HTTP Exception: ${response.status}. ${apiError?.message ?? response.statusText}`,
    statusCode: response.status,
    errorCode: apiError?.errorCode,
    responseHeaders: Object.fromEntries(response.headers),
    responseBody: body,
    ...(apiError ? { apiError } : {}),
  });
}

function serviceErrorIn(body: string): HttpClientException['apiError'] | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'status' in parsed) return parsed as HttpClientException['apiError'];
  } catch {
    // Not JSON (a proxy's error page): the status code alone has to do.
  }
  return undefined;
}
