// The internal check behind "merchant balances equal the ledger": each merchant's pending and
// available balances, summed from ledger entries, against what the settlement records say
// they must be. Available = the merchant shares of settled items; pending = the merchant's
// side of every capture and refund not settled yet. A difference means a posting and its
// settlement record disagree: a bug or a hand edit, never a PSP's doing.
import { sql } from 'drizzle-orm';
import type { Database } from '../client';

export interface BalanceMismatch {
  merchantId: string;
  currency: string;
  ledger: { pending: number; available: number };
  expected: { pending: number; available: number };
}

export async function merchantBalanceMismatches(db: Database): Promise<BalanceMismatch[]> {
  const { rows } = await db.execute<{
    merchant_id: string;
    currency: string;
    ledger_pending: string;
    ledger_available: string;
    expected_pending: string;
    expected_available: string;
  }>(sql`
    with ledger as (
      select a.merchant_id, a.currency,
             -coalesce(sum(e.amount) filter (where a.code = 'merchant:' || a.merchant_id || ':pending'), 0) as pending,
             -coalesce(sum(e.amount) filter (where a.code = 'merchant:' || a.merchant_id || ':available'), 0) as available
        from ledger_accounts a join ledger_entries e on e.account_id = a.id
       where a.merchant_id is not null and a.type = 'liability'
       group by a.merchant_id, a.currency),
    settled as (
      select merchant_id, currency, sum(merchant_share) as available
        from settlement_items
       where settled_transaction_id is not null
       group by merchant_id, currency),
    unsettled as (
      select t.merchant_id, e.currency, -sum(e.amount) as pending
        from ledger_transactions t
        join ledger_entries e on e.transaction_id = t.id
        join ledger_accounts a on a.id = e.account_id
       where t.kind in ('capture', 'refund')
         and a.code = 'merchant:' || t.merchant_id || ':pending'
         and not exists (select 1 from settlement_items i
                          where i.ledger_transaction_id = t.id and i.settled_transaction_id is not null)
       group by t.merchant_id, e.currency),
    combined as (
      select coalesce(l.merchant_id, s.merchant_id, u.merchant_id) as merchant_id,
             coalesce(l.currency, s.currency, u.currency) as currency,
             coalesce(l.pending, 0) as ledger_pending, coalesce(l.available, 0) as ledger_available,
             coalesce(u.pending, 0) as expected_pending, coalesce(s.available, 0) as expected_available
        from ledger l
        full join settled s on s.merchant_id = l.merchant_id and s.currency = l.currency
        full join unsettled u on u.merchant_id = coalesce(l.merchant_id, s.merchant_id)
                             and u.currency = coalesce(l.currency, s.currency))
    select * from combined
     where ledger_pending <> expected_pending or ledger_available <> expected_available
     order by merchant_id, currency`);
  return rows.map((r) => ({
    merchantId: r.merchant_id,
    currency: r.currency,
    ledger: { pending: Number(r.ledger_pending), available: Number(r.ledger_available) },
    expected: { pending: Number(r.expected_pending), available: Number(r.expected_available) },
  }));
}
