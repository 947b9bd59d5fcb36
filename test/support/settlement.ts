// What the settlement tests share: a finance API client, settling a date through the API
// and waiting until the settlement is reconciled, and the ledger figures they check.
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client';
import { exceptions } from '../../db/schema';
import { createFinanceKey } from '../../db/queries/merchants';
import { businessDateOf } from '../../domain/settlement/business-date';
import { eventually } from './eventually';
import { apiClient, type ApiClient } from './http';
import type { TestStack } from './stack';

export async function financeClient(stack: TestStack): Promise<ApiClient> {
  const { apiKey } = await createFinanceKey(stack.db);
  return apiClient(stack.apiUrl, apiKey);
}

/** Today in the platform time zone (UTC in tests): the business date of what a test just did. */
export function today(): string {
  return businessDateOf(new Date(), 'UTC');
}

/** POST /v1/settlements (under a fresh Idempotency-Key unless given), then waits until every settlement it started is reconciled. */
export async function settle(finance: ApiClient, body: { date: string; psp?: string }, idempotencyKey?: string): Promise<any[]> {
  const started = await finance.post('/v1/settlements', body, { idempotencyKey });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const settled = [];
  for (const { id } of started.body.data as Array<{ id: string }>) {
    settled.push(
      await eventually(
        `settlement ${id} reconciled`,
        async () => {
          const answer = await finance.get(`/v1/settlements/${id}`);
          return answer.body.status === 'reconciled' && answer.body;
        },
        60_000,
      ),
    );
  }
  return settled;
}

/** POST /v1/reconciliations and waits for the run to complete. */
export async function reconcile(finance: ApiClient, body: { date: string; psp: string }): Promise<any> {
  const started = await finance.post('/v1/reconciliations', body);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  return eventually(
    `reconciliation ${started.body.id} completed`,
    async () => {
      const run = await finance.get(`/v1/reconciliations/${started.body.id}`);
      return run.body.status === 'completed' && run.body;
    },
    60_000,
  );
}

/** A ledger account's balance (debits positive) in one currency. */
export async function accountBalance(db: Database, code: string, currency: string): Promise<number> {
  const { rows } = await db.execute<{ total: string }>(sql`
    select coalesce(sum(e.amount), 0)::bigint as total
      from ledger_entries e join ledger_accounts a on a.id = e.account_id
     where a.code = ${code} and a.currency = ${currency}`);
  return Number(rows[0]!.total);
}

export async function ledgerTransactionCount(db: Database): Promise<number> {
  const { rows } = await db.execute<{ n: string }>(sql`select count(*) as n from ledger_transactions`);
  return Number(rows[0]!.n);
}

/**
 * An exception row written straight into the queue, for tests of the queue itself (the API's
 * filters and resolve actions, the ops page); how reconciliation raises them is tested apart.
 */
export async function insertException(db: Database, fields: Partial<typeof exceptions.$inferInsert> = {}): Promise<string> {
  const id = `exc_${randomBytes(12).toString('hex')}`;
  await db.insert(exceptions).values({
    id,
    kind: 'amount_mismatch',
    category: 2,
    subject: `pi_${randomBytes(6).toString('hex')}`,
    psp: 'stripe',
    businessDate: '2022-03-15',
    status: 'open',
    context: { note: 'inserted by test' },
    ...fields,
  });
  return id;
}
