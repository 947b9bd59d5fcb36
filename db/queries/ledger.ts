// Read side of the ledger. Every balance is summed from entries on each read; nothing is
// cached, so there is no second copy to drift.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { accounts, type LedgerEntry, type PostingKind } from '../../domain/ledger';

/** Postgres returns bigint and numeric as strings; refuse to round one silently. */
function toSafeNumber(value: string | number): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`ledger amount ${value} is not a safe integer`);
  return number;
}

export interface MerchantBalance {
  currency: string;
  /** Captured, not yet settled; what the merchant is owed, shown positive. */
  pending: number;
  /** Settled, ready to pay out; shown positive. */
  available: number;
  /** Held for open disputes of the merchant's payments. */
  reserved: number;
}

/** One row per currency the merchant has balances in, by currency code. */
export async function merchantBalances(db: Database, merchantId: string): Promise<MerchantBalance[]> {
  const pending = accounts.merchantPending(merchantId);
  const available = accounts.merchantAvailable(merchantId);
  const reserved = accounts.merchantDisputeReserve(merchantId);
  // Liabilities carry credit (negative) balances; negate so money owed reads positive.
  const { rows } = await db.execute<{ currency: string; pending: string; available: string; reserved: string }>(sql`
    select a.currency,
           -coalesce(sum(e.amount) filter (where a.code = ${pending}), 0)::bigint as pending,
           -coalesce(sum(e.amount) filter (where a.code = ${available}), 0)::bigint as available,
           -coalesce(sum(e.amount) filter (where a.code = ${reserved}), 0)::bigint as reserved
      from ledger_accounts a
      left join ledger_entries e on e.account_id = a.id
     where a.merchant_id = ${merchantId} and a.code in (${pending}, ${available}, ${reserved})
     group by a.currency
     order by a.currency`);
  return rows.map((r) => ({
    currency: r.currency,
    pending: toSafeNumber(r.pending),
    available: toSafeNumber(r.available),
    reserved: toSafeNumber(r.reserved),
  }));
}

export interface LedgerTransactionView {
  id: string;
  posting_key: string;
  kind: PostingKind;
  /** Unix seconds, as Stripe's `created`. */
  created: number;
  /** In the order they were written. */
  entries: LedgerEntry[];
}

/** A merchant's ledger transactions, optionally for one payment, oldest first. */
export async function listLedgerTransactions(
  db: Database,
  filter: { merchantId: string; paymentId?: string },
): Promise<LedgerTransactionView[]> {
  const forPayment = filter.paymentId === undefined ? sql`` : sql`and t.payment_id = ${filter.paymentId}`;
  // created_at is the writing transaction's start time and can tie; entry ids cannot.
  const { rows } = await db.execute<{
    id: string;
    posting_key: string;
    kind: PostingKind;
    created: string;
    entries: Array<{ account: string; amount: string; currency: string }>;
  }>(sql`
    select t.id, t.posting_key, t.kind,
           floor(extract(epoch from t.created_at))::bigint as created,
           json_agg(json_build_object('account', a.code, 'amount', e.amount::text, 'currency', e.currency)
                    order by e.id) as entries
      from ledger_transactions t
      join ledger_entries e on e.transaction_id = t.id
      join ledger_accounts a on a.id = e.account_id
     where t.merchant_id = ${filter.merchantId} ${forPayment}
     group by t.id
     order by t.created_at, min(e.id)`);
  return rows.map((r) => ({
    id: r.id,
    posting_key: r.posting_key,
    kind: r.kind,
    created: toSafeNumber(r.created),
    entries: r.entries.map((e) => ({ account: e.account, amount: toSafeNumber(e.amount), currency: e.currency })),
  }));
}

/**
 * Ids of transactions that break the rules Postgres's triggers enforce (fewer than two
 * entries, or entries not summing to zero per currency, memo entries apart): always empty
 * unless someone bypassed the triggers. For tests and ops checks; scans the whole ledger.
 */
export async function unbalancedTransactions(db: Database): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select t.id
      from ledger_transactions t
     where (select count(*) from ledger_entries e where e.transaction_id = t.id) < 2
        or exists (select 1
                     from ledger_entries e join ledger_accounts a on a.id = e.account_id
                    where e.transaction_id = t.id
                    group by e.currency, a.type = 'memo'
                   having sum(e.amount) <> 0)
     order by t.id`);
  return rows.map((r) => r.id);
}
