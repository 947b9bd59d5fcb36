// After each fault: every request the load sent is retried with its Idempotency-Key until its
// answer is final (an acknowledged one must answer as it did), then the invariants are checked
// from three sides — the API, holdfast's database (as its owner) and the simulator's own records
// of what the PSPs did.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Client } from 'pg';
import { acknowledged, isFinal, type ApiSession, type SentRequest } from './load';

const RETRY_DEADLINE_MS = 120_000;
const SETTLE_DEADLINE_MS = 90_000;
const CONCURRENCY = 8;

export interface RetryStats {
  /** Requests whose answer was not final (no answer, 5xx, key in use) before the checker. */
  unknown: number;
  /** Requests the checker sent again (every one of the phase, acknowledged or not). */
  retried: number;
  /** Extra attempts beyond one per retried request (Retry-After honoured between them). */
  extraAttempts: number;
  /** Requests whose final answer is a refusal (4xx, or 502 psp_unavailable). */
  refused: number;
}

/** Retries `requests` with their keys until each answer is final; an acknowledged one must answer as it first did. */
export async function retryUntilFinal(session: ApiSession, requests: SentRequest[]): Promise<RetryStats> {
  const deadline = Date.now() + RETRY_DEADLINE_MS;
  const stats: RetryStats = {
    unknown: requests.filter((r) => !isFinal(r.attempts.at(-1))).length,
    retried: 0,
    extraAttempts: 0,
    refused: 0,
  };
  const queue = [...requests];
  const worker = async () => {
    for (let request = queue.shift(); request; request = queue.shift()) {
      const firstAck = request.attempts.find((a) => a.status !== undefined && a.status < 300);
      stats.retried += 1;
      let answer = await session.send(request, true);
      let pause = 250;
      while (!isFinal(answer)) {
        if (Date.now() > deadline) {
          assert.fail(`${request.step} ${request.path} (key ${request.key}) has no final answer: ${JSON.stringify(answer)}`);
        }
        const retryAfterMs = Number(answer.retryAfter ?? 0) * 1000;
        await new Promise((resolve) => setTimeout(resolve, Math.max(pause, retryAfterMs)));
        pause = Math.min(pause * 2, 2000);
        stats.extraAttempts += 1;
        answer = await session.send(request, true);
      }
      if ((answer.status ?? 0) >= 400) stats.refused += 1;
      if (firstAck) {
        assert.equal(answer.status, firstAck.status, `key ${request.key} answers as it was acknowledged`);
        assert.equal(answer.body?.id, firstAck.body?.id, `key ${request.key} names the object it was acknowledged with`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return stats;
}

interface PaymentRow {
  id: string;
  status: string;
  capture_method: string;
  amount_captured: string;
  amount_refunded: string;
}

interface SimPaymentRow {
  psp: string;
  psp_reference: string;
  merchant_reference: string | null;
  status: string;
  amount_captured: number;
  amount_refunded: number;
  authorizations: number;
}

/** A PSP-side authorization still holding the cardholder's money, not captured. */
const LIVE_HOLD = new Set(['requires_capture', 'Authorised']);

export interface InvariantContext {
  session: ApiSession;
  ownerUrl: string;
  simUrl: string;
  merchantId: string;
}

/** Waits for every payment and refund to leave its in-between state, then checks every invariant. */
export async function checkInvariants(context: InvariantContext): Promise<{ payments: number; captured: number; balance: number }> {
  const db = new Client({ connectionString: context.ownerUrl });
  await db.connect();
  try {
    const settleBy = Date.now() + SETTLE_DEADLINE_MS;
    for (let pause = 100; ; pause = Math.min(pause * 2, 1000)) {
      const { rows } = await db.query<{ payments: string; refunds: string }>(
        `select (select count(*) from payments where merchant_id = $1 and status in ('processing', 'requires_action')) as payments,
                (select count(*) from refunds where merchant_id = $1 and status = 'pending') as refunds`,
        [context.merchantId],
      );
      if (rows[0].payments === '0' && rows[0].refunds === '0') break;
      assert.ok(Date.now() < settleBy, `payments still in flight: ${JSON.stringify(rows[0])}`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }

    const inProgress = await db.query(`select key from idempotency_keys where merchant_id = $1 and state = 'in_progress'`, [
      context.merchantId,
    ]);
    assert.deepEqual(inProgress.rows, [], 'no Idempotency-Key left in progress');

    // The triggers keep each transaction balanced; this proves nothing got past them (db/queries/ledger.ts).
    const unbalanced = await db.query(`
      select t.id from ledger_transactions t
       where (select count(*) from ledger_entries e where e.transaction_id = t.id) < 2
          or exists (select 1 from ledger_entries e join ledger_accounts a on a.id = e.account_id
                      where e.transaction_id = t.id group by e.currency, a.type = 'memo' having sum(e.amount) <> 0)`);
    assert.deepEqual(unbalanced.rows, [], 'every ledger transaction balanced');

    const payments = (
      await db.query<PaymentRow>(
        `select id, status, capture_method, amount_captured::text, amount_refunded::text from payments where merchant_id = $1`,
        [context.merchantId],
      )
    ).rows;
    const byId = new Map(payments.map((p) => [p.id, p]));
    const simRows = ((await (await fetch(`${context.simUrl}/_sim/payments`)).json()) as { data: SimPaymentRow[] }).data;
    const rowsOf = new Map<string, SimPaymentRow[]>();
    for (const row of simRows) {
      if (row.authorizations > 0) {
        assert.ok(
          row.merchant_reference && byId.has(row.merchant_reference),
          `PSP authorization ${row.psp}:${row.psp_reference} belongs to a payment holdfast knows`,
        );
      }
      if (row.merchant_reference) rowsOf.set(row.merchant_reference, [...(rowsOf.get(row.merchant_reference) ?? []), row]);
    }

    let expectedPending = 0;
    for (const payment of payments) {
      const rows = rowsOf.get(payment.id) ?? [];
      const authorizations = rows.reduce((sum, r) => sum + r.authorizations, 0);
      const pspCaptured = rows.reduce((sum, r) => sum + r.amount_captured, 0);
      const pspRefunded = rows.reduce((sum, r) => sum + r.amount_refunded, 0);
      const pspHolds = rows.filter((r) => LIVE_HOLD.has(r.status)).length;
      const what = `${payment.id} (${payment.status}) at the PSP: ${JSON.stringify(rows)}`;
      assert.ok(authorizations <= 1, `at most one PSP authorization: ${what}`);
      assert.equal(pspCaptured, Number(payment.amount_captured), `captured as holdfast says: ${what}`);
      assert.equal(pspRefunded, Number(payment.amount_refunded), `refunded as holdfast says: ${what}`);
      if (payment.status === 'authorized') assert.equal(pspHolds, 1, `an authorized payment holds one authorization: ${what}`);
      else assert.equal(pspHolds, 0, `no authorization left holding money: ${what}`);
      if (payment.status === 'captured') assert.equal(authorizations, 1, `a captured payment was authorized once: ${what}`);
      expectedPending += Number(payment.amount_captured) - Number(payment.amount_refunded);
    }

    const balance = await context.session.get('/v1/balance');
    assert.equal(balance.status, 200, JSON.stringify(balance.body));
    const pending = (balance.body.pending as Array<{ amount: number; currency: string }>).find((b) => b.currency === 'usd')?.amount ?? 0;
    assert.equal(pending, expectedPending, "the merchant's balance (from the ledger) equals its payments' captures less refunds");
    return { payments: payments.length, captured: payments.filter((p) => p.status === 'captured').length, balance: pending };
  } finally {
    await db.end();
  }
}

/** No request was ever answered 500: a dependency down is a 503. */
export function assertNo500(requests: SentRequest[]): void {
  const internal = requests.flatMap((r) => r.attempts.filter((a) => a.status === 500).map((a) => ({ path: r.path, body: a.body })));
  assert.deepEqual(internal, [], 'never a 500');
}

/** Where the API's log ends now: a phase checks only what was logged after it. */
export async function logLength(apiLog: string): Promise<number> {
  return (await readFile(apiLog)).length;
}

/**
 * The API's own log since `from`, for answers the load never saw (it gave up waiting): no request
 * ended in an unhandled error (a 500). Returns how many 503s for a dependency down it logged.
 */
export async function assertApiLoggedNo500(apiLog: string, from: number): Promise<number> {
  const lines = (await readFile(apiLog)).subarray(from).toString('utf8').split('\n');
  const unhandled = lines.filter((line) => line.includes('"msg":"unhandled error"'));
  assert.deepEqual(unhandled.slice(0, 3), [], `the API logged ${unhandled.length} unhandled errors`);
  return lines.filter((line) => line.includes('"msg":"dependency unavailable"')).length;
}

export const summary = (requests: SentRequest[]) => ({
  sent: requests.length,
  acked: requests.filter((r) => acknowledged(r)).length,
});
