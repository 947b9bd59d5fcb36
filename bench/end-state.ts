// What the benchmark checks once the load has stopped: every payment it created ended
// captured, and the ledger balances — each currency's entries sum to zero, every transaction
// balances on its own, and merchants' balances agree with their records.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { balanceMismatches } from '../db/queries/balance-check';
import { unbalancedTransactions } from '../db/queries/ledger';

export interface EndState {
  /** Payments of the merchant by status; all `captured` when the run went right. */
  paymentsByStatus: Record<string, number>;
  /** Sum of all ledger entries per currency; all zero in a balanced ledger. */
  ledgerSumByCurrency: Record<string, number>;
  ledgerBalanced: boolean;
}

export async function checkEndState(db: Database, merchantId: string): Promise<EndState> {
  const statuses = await db.execute<{ status: string; count: string }>(
    sql`select status, count(*) from payments where merchant_id = ${merchantId} group by status`,
  );
  const sums = await db.execute<{ currency: string; sum: string }>(sql`select currency, sum(amount) from ledger_entries group by currency`);
  const ledgerSumByCurrency = Object.fromEntries(sums.rows.map((r) => [r.currency, Number(r.sum)]));
  const ledgerBalanced =
    Object.values(ledgerSumByCurrency).every((sum) => sum === 0) &&
    (await unbalancedTransactions(db)).length === 0 &&
    (await balanceMismatches(db)).length === 0;
  return {
    paymentsByStatus: Object.fromEntries(statuses.rows.map((r) => [r.status, Number(r.count)])),
    ledgerSumByCurrency,
    ledgerBalanced,
  };
}
