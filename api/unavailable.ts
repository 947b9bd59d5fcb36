// Errors that mean "a service we depend on is down for now", not "this request is wrong" and
// not a bug: holdfast's Postgres restarting or unreachable, the Temporal frontend not
// answering, or no worker polling to answer a query. They become 503 service_unavailable with Retry-After, so a client retries the same
// request with the same Idempotency-Key instead of treating a 500 as a failure of ours.
import { WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError } from '@temporalio/client';

/** Seconds a client should wait: a supervised restart of Postgres or a Temporal service takes about this long. */
export const RETRY_AFTER_SECONDS = 2;

/** Node's socket errors on the way to Postgres. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server going away or not yet back: 57P01 admin_shutdown, 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections; class 08
 * (connection exceptions) is matched by prefix — all but 08P01 protocol_violation, which is what
 * a statement with more than 65,535 parameters gets: a bug to fix, not an outage to wait out.
 */
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg and pg-pool raise these without a code when the socket dies or no connection comes. */
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
];
/** gRPC: the frontend (or the history service behind it) is unreachable or did not answer in time. */
const GRPC_UNAVAILABLE = new Set<number>([14 /* UNAVAILABLE */, 4 /* DEADLINE_EXCEEDED */]);
const GRPC_FAILED_PRECONDITION = 9;
/** The server's words for a query no worker can answer; other FAILED_PRECONDITIONs are not outages. */
const NO_POLLER = /no poller seen for task queue/;

/** True when this error, or any error in its `cause` chain (drizzle and Temporal wrap theirs), says a dependency is down. */
export function isDependencyUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    if (current instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(current)) {
      if (GRPC_UNAVAILABLE.has(current.code)) return true;
      // A query while no worker polls the task queue (every worker down or restarting).
      if (current.code === GRPC_FAILED_PRECONDITION && NO_POLLER.test(current.details)) return true;
      continue;
    }
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_GONE_CODES.has(code) || /^08(?!P01)[0-9A-Z]{3}$/.test(code)))
      return true;
    if (PG_CONNECTION_MESSAGES.some((pattern) => pattern.test(current.message))) return true;
  }
  return false;
}
