// What the settlement tests share: a finance API client, settling a date through the API
// and waiting until the settlement is reconciled, and the ledger figures they check.
import { sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client';
import { exceptions } from '../../db/schema';
import { createFinanceKey } from '../../db/queries/merchants';
import { businessDateOf } from '../../domain/settlement/business-date';
import { createHoldfastClient, type Answer, type HoldfastClient, type RequestBody } from '@holdfast/client';
import { eventually } from './eventually';
import type { TestStack } from './stack';
import { answered, withId } from './typed-answers';

/** A typed client with a new finance key. */
export async function financeClient(stack: TestStack): Promise<HoldfastClient> {
  const { apiKey } = await createFinanceKey(stack.db);
  return createHoldfastClient({ baseUrl: stack.apiUrl, apiKey });
}

/** Today in the platform time zone (UTC in tests): the business date of what a test just did. */
export function today(): string {
  return businessDateOf(new Date(), 'UTC');
}

type SettlementDetail = Answer<'/v1/settlements/{id}', 'get'>;

/** POST /v1/settlements (under a fresh Idempotency-Key unless given), then waits until every settlement it started is reconciled. */
export async function settle(
  finance: HoldfastClient,
  body: RequestBody<'/v1/settlements', 'post'>,
  idempotencyKey?: string,
): Promise<SettlementDetail[]> {
  const started = answered(
    await finance.POST('/v1/settlements', {
      body,
      ...(idempotencyKey ? { params: { header: { 'Idempotency-Key': idempotencyKey } } } : {}),
    }),
    200,
  );
  const settled = [];
  for (const { id } of started.data) {
    settled.push(
      await eventually(
        `settlement ${id} reconciled`,
        async () => {
          const settlement = answered(await finance.GET('/v1/settlements/{id}', withId(id)), 200);
          return settlement.status === 'reconciled' && settlement;
        },
        60_000,
      ),
    );
  }
  return settled;
}

type Reconciliation = Answer<'/v1/reconciliations/{id}', 'get'>;

/** POST /v1/reconciliations and waits for the run to complete: its summary is there then. */
export async function reconcile(
  finance: HoldfastClient,
  body: RequestBody<'/v1/reconciliations', 'post'>,
): Promise<Reconciliation & { summary: NonNullable<Reconciliation['summary']> }> {
  const started = answered(await finance.POST('/v1/reconciliations', { body }), 202);
  return eventually(
    `reconciliation ${started.id} completed`,
    async () => {
      const run = answered(await finance.GET('/v1/reconciliations/{id}', withId(started.id)), 200);
      return run.status === 'completed' && run.summary !== null && { ...run, summary: run.summary };
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
