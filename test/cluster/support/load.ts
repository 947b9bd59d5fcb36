// A steady load of payments over the API, loopback only and bounded in count and time: payments
// captured automatically, manual ones authorized and then captured, and captured ones partly
// refunded. Every request carries its own Idempotency-Key and every request and answer is
// recorded, so the checker can retry each one with its key and compare.
import { randomUUID } from 'node:crypto';

export type Step = 'create' | 'capture' | 'refund';
export type FlowKind = 'automatic' | 'manual' | 'refund';

export interface Attempt {
  /** HTTP status, or none when no answer came (connection refused, timed out). */
  status?: number;
  body?: any;
  retryAfter?: string | null;
  error?: string;
  at: number;
  /** Sent by the load (false) or by the checker retrying it (true). */
  retry: boolean;
}

export interface SentRequest {
  flow: number;
  step: Step;
  path: string;
  body: Record<string, unknown>;
  key: string;
  phase: string;
  attempts: Attempt[];
}

/**
 * Final: the request's effect is decided — a 2xx, or a refusal the key keeps. Not final: no
 * answer, a 5xx, 409 idempotency_key_in_use (the first attempt is still running), or 429
 * rate_limited (checked before the key is claimed). One 5xx is
 * decided too: 502 psp_unavailable is a capture or refund the payment's workflow refused after
 * the PSP stayed unreachable through its retries; the Update's id is derived from the key, so
 * every retry with the key gets that refusal again (a new key tries again).
 */
export function isFinal(attempt: Attempt | undefined): boolean {
  if (!attempt || attempt.status === undefined) return false;
  if (attempt.status === 502 && attempt.body?.error?.code === 'psp_unavailable') return true;
  if (attempt.status >= 500) return false;
  if (attempt.status === 409 && attempt.body?.error?.code === 'idempotency_key_in_use') return false;
  // Over the merchant's rate limit: never kept under the key, so sent again after Retry-After,
  // as a client does (the checker's retries after a fault come in a burst).
  if (attempt.status === 429 && attempt.body?.error?.code === 'rate_limited') return false;
  return true;
}

export const acknowledged = (request: SentRequest) => request.attempts.some((a) => a.status !== undefined && a.status < 300);

const REQUEST_TIMEOUT_MS = 20_000;

export class ApiSession {
  readonly sent: SentRequest[] = [];

  constructor(
    readonly apiUrl: string,
    private readonly apiKey: string,
  ) {}

  async send(request: SentRequest, retry: boolean, timeoutMs = REQUEST_TIMEOUT_MS): Promise<Attempt> {
    const attempt: Attempt = { at: Date.now(), retry };
    try {
      const response = await fetch(`${this.apiUrl}${request.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', 'idempotency-key': request.key },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      attempt.status = response.status;
      attempt.retryAfter = response.headers.get('retry-after');
      const text = await response.text();
      attempt.body = text ? JSON.parse(text) : undefined;
    } catch (error) {
      attempt.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
    request.attempts.push(attempt);
    return attempt;
  }

  async get(path: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.apiUrl}${path}`, {
      headers: { authorization: `Bearer ${this.apiKey}` },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  record(flow: number, step: Step, path: string, body: Record<string, unknown>, phase: string): SentRequest {
    const request: SentRequest = { flow, step, path, body, key: randomUUID(), phase, attempts: [] };
    this.sent.push(request);
    return request;
  }
}

export interface LoadOptions {
  /** A new flow every this many ms. */
  intervalMs: number;
  /** At most this many flows (the bound on count)… */
  maxFlows: number;
  /** …and this many in flight: a stalled cluster does not pile up requests without end. */
  maxInFlight: number;
}

const KINDS: readonly FlowKind[] = ['automatic', 'manual', 'refund'];

/** Runs flows at a steady rate until `stop()` (or maxFlows); `stop()` resolves when every flow started has returned. */
export function startLoad(session: ApiSession, phase: () => string, options: LoadOptions) {
  let flows = 0;
  let inFlight = 0;
  let stopped = false;
  const running = new Set<Promise<void>>();
  const tick = () => {
    if (stopped || flows >= options.maxFlows || inFlight >= options.maxInFlight) return;
    const flow = flows++;
    inFlight += 1;
    const done = runFlow(session, flow, KINDS[flow % KINDS.length], phase()).finally(() => {
      inFlight -= 1;
      running.delete(done);
    });
    running.add(done);
  };
  const timer = setInterval(tick, options.intervalMs);
  return {
    get flows() {
      return flows;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...running]);
    },
  };
}

/** One flow: each step is sent once; an unknown answer ends the flow (the checker takes over). */
async function runFlow(session: ApiSession, flow: number, kind: FlowKind, phase: string): Promise<void> {
  const amount = 1000 + (flow % 97) * 10;
  const create = session.record(
    flow,
    'create',
    '/v1/payments',
    { amount, currency: 'usd', payment_method: 'pm_card_visa', capture_method: kind === 'manual' ? 'manual' : 'automatic' },
    phase,
  );
  const created = await session.send(create, false);
  if (created.status !== 201 && created.status !== 200) return;
  const id = created.body.id as string;
  if (kind === 'automatic') return;
  // The next step needs the payment authorized (manual) or captured (refund): it may still be
  // processing when the PSP was slow to answer.
  const wanted = kind === 'manual' ? 'authorized' : 'captured';
  if (!(await reaches(session, id, wanted, created.body.status))) return;
  const next =
    kind === 'manual'
      ? session.record(flow, 'capture', `/v1/payments/${id}/capture`, {}, phase)
      : session.record(flow, 'refund', `/v1/payments/${id}/refunds`, { amount: Math.floor(amount / 4) }, phase);
  await session.send(next, false);
}

async function reaches(session: ApiSession, id: string, status: string, now: string): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  let current = now;
  let pause = 100;
  while (current !== status) {
    if (current !== 'processing' || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 1000);
    const answer = await session.get(`/v1/payments/${id}`).catch(() => undefined);
    if (answer?.status !== 200) return false;
    current = answer.body.status;
  }
  return true;
}
