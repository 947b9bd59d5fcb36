// The internal check behind "balances equal the ledger": the pending and available balances
// of every merchant and every marketplace seller, summed from ledger entries, against what
// the records say they must be. Available = their shares of settled items, plus what payouts
// and disputes moved (those postings are their own record); pending = their side of every
// capture and refund not settled yet. A difference means a posting and its settlement record
// disagree: a bug or a hand edit, never a PSP's doing.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface BalanceMismatch {
  /** The merchant whose balance it is; null for a seller's. */
  merchantId: string | null;
  sellerId: string | null;
  currency: string;
  ledger: { pending: number; available: number };
  expected: { pending: number; available: number };
}

export async function balanceMismatches(db: Database): Promise<BalanceMismatch[]> {
  const { rows } = await db.execute<{
    merchant_id: string | null;
    seller_id: string | null;
    currency: string;
    ledger_pending: string;
    ledger_available: string;
    expected_pending: string;
    expected_available: string;
  }>(sql`
    with holder_entries as (
      select a.merchant_id, a.seller_id, a.currency, t.kind, e.amount, e.transaction_id,
             split_part(a.code, ':', 3) as balance
        from ledger_accounts a
        join ledger_entries e on e.account_id = a.id
        join ledger_transactions t on t.id = e.transaction_id
       where a.type = 'liability'
         and (a.code = 'merchant:' || a.merchant_id || ':pending' or a.code = 'merchant:' || a.merchant_id || ':available'
              or a.code = 'seller:' || a.seller_id || ':pending' or a.code = 'seller:' || a.seller_id || ':available')),
    settled_items as (
      select * from settlement_items where settled_transaction_id is not null),
    figures as (
      -- What the ledger says.
      select merchant_id, seller_id, currency,
             -amount * (balance = 'pending')::int as ledger_pending, -amount * (balance = 'available')::int as ledger_available,
             0 as expected_pending, 0 as expected_available
        from holder_entries
      union all
      -- Settled items: the shares each one moved to available.
      select merchant_id, null, currency, 0, 0, 0, merchant_share from settled_items
      union all
      select null, s.value->>'seller', i.currency, 0, 0, 0, (s.value->>'amount')::bigint
        from settled_items i cross join jsonb_array_elements(i.seller_shares) s
      union all
      -- Payouts and disputes move available money on their own record.
      select merchant_id, seller_id, currency, 0, 0, 0, -amount
        from holder_entries where kind in ('payout', 'dispute') and balance = 'available'
      union all
      -- Captures and refunds not settled yet.
      select merchant_id, seller_id, currency, 0, 0, -amount, 0
        from holder_entries h
       where kind in ('capture', 'refund') and balance = 'pending'
         and not exists (select 1 from settled_items i where i.ledger_transaction_id = h.transaction_id))
    select merchant_id, seller_id, currency,
           sum(ledger_pending) as ledger_pending, sum(ledger_available) as ledger_available,
           sum(expected_pending) as expected_pending, sum(expected_available) as expected_available
      from figures
     group by merchant_id, seller_id, currency
    having sum(ledger_pending) <> sum(expected_pending) or sum(ledger_available) <> sum(expected_available)
     order by merchant_id, seller_id, currency`);
  return rows.map((r) => ({
    merchantId: r.merchant_id,
    sellerId: r.seller_id,
    currency: r.currency,
    ledger: { pending: Number(r.ledger_pending), available: Number(r.ledger_available) },
    expected: { pending: Number(r.expected_pending), available: Number(r.expected_available) },
  }));
}
