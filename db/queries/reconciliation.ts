// Reconciliation's reads and writes: its runs, our side of a PSP's report (captures and
// refunds as the ledger booked them on a PSP's receivable, with their payment and settlement
// item), and the exceptions a run raised.
import { and, eq, gte, inArray, lt, not, or, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import {
  exceptions,
  ledgerAccounts,
  ledgerEntries,
  ledgerTransactions,
  payments,
  reconciliationRuns,
  refunds,
  settlementItems,
} from '../schema';
import { accounts } from '../../domain/ledger';
import type { PaymentStatus } from '../../domain/payment/types';
import type { PspName } from '../../domain/psp';
import type { KnownPayment, OurRecord } from '../../domain/reconciliation/records';
import type { ReconciliationSummary } from '../../domain/reconciliation/types';
import type { ExceptionRow } from './exceptions';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export type ReconciliationRunRow = typeof reconciliationRuns.$inferSelect;

/** Records the run as running; a retried or repeated start leaves the row as it is. */
export async function beginRun(db: Database, run: { id: string; businessDate: string; psp: PspName; workflowId: string }): Promise<void> {
  await db
    .insert(reconciliationRuns)
    .values({ ...run, status: 'running' })
    .onConflictDoNothing({ target: reconciliationRuns.id });
}

export async function saveRawReport(db: Database, runId: string, rawReport: string): Promise<void> {
  await db.update(reconciliationRuns).set({ rawReport }).where(eq(reconciliationRuns.id, runId));
}

export async function completeRun(db: Database, runId: string, summary: ReconciliationSummary): Promise<void> {
  await db.update(reconciliationRuns).set({ status: 'completed', summary, finishedAt: new Date() }).where(eq(reconciliationRuns.id, runId));
}

/** The run could not fetch its report: it ends without a summary, and says why. */
export async function failRun(db: Database, runId: string, reason: string): Promise<void> {
  await db
    .update(reconciliationRuns)
    .set({ status: 'failed', failureReason: reason, finishedAt: new Date() })
    .where(and(eq(reconciliationRuns.id, runId), eq(reconciliationRuns.status, 'running')));
}

export async function findRun(db: Database, runId: string): Promise<ReconciliationRunRow | undefined> {
  const [row] = await db.select().from(reconciliationRuns).where(eq(reconciliationRuns.id, runId));
  return row;
}

/** The captures and refunds the ledger booked on the PSP's receivable in [start, end). */
export function recordsBookedBetween(db: Database, query: { psp: PspName; start: Date; end: Date }): Promise<OurRecord[]> {
  return selectRecords(db, query.psp, and(gte(ledgerTransactions.createdAt, query.start), lt(ledgerTransactions.createdAt, query.end))!);
}

/** The same for some payments, outside [start, end): where a report's line may have been booked instead. */
export async function recordsOfPaymentsOutside(
  db: Database,
  query: { psp: PspName; paymentIds: string[]; start: Date; end: Date },
): Promise<OurRecord[]> {
  if (query.paymentIds.length === 0) return [];
  return selectRecords(
    db,
    query.psp,
    and(
      inArray(ledgerTransactions.paymentId, query.paymentIds),
      not(and(gte(ledgerTransactions.createdAt, query.start), lt(ledgerTransactions.createdAt, query.end))!),
    )!,
  );
}

async function selectRecords(db: Database, psp: PspName, when: SQL): Promise<OurRecord[]> {
  const rows = await db
    .select({
      ledgerTransactionId: ledgerTransactions.id,
      kind: ledgerTransactions.kind,
      paymentId: payments.id,
      refundId: ledgerTransactions.refundId,
      merchantId: payments.merchantId,
      paymentReference: payments.pspReference,
      refundReference: refunds.pspReference,
      receivable: ledgerEntries.amount,
      currency: ledgerEntries.currency,
      paymentStatus: payments.status,
      settlementStatus: settlementItems.status,
      settlementFee: settlementItems.fee,
    })
    .from(ledgerTransactions)
    .innerJoin(ledgerEntries, eq(ledgerEntries.transactionId, ledgerTransactions.id))
    // The receivable entry says which PSP owes the money, and how much.
    .innerJoin(ledgerAccounts, and(eq(ledgerAccounts.id, ledgerEntries.accountId), eq(ledgerAccounts.code, accounts.pspReceivable(psp))))
    .innerJoin(payments, eq(payments.id, ledgerTransactions.paymentId))
    .leftJoin(refunds, eq(refunds.id, ledgerTransactions.refundId))
    .leftJoin(settlementItems, eq(settlementItems.ledgerTransactionId, ledgerTransactions.id))
    .where(and(inArray(ledgerTransactions.kind, ['capture', 'refund']), when))
    .orderBy(ledgerTransactions.createdAt, ledgerTransactions.id);
  return rows.map((row) => ({
    ledgerTransactionId: row.ledgerTransactionId,
    kind: row.kind as OurRecord['kind'],
    paymentId: row.paymentId,
    ...(row.refundId === null ? {} : { refundId: row.refundId }),
    merchantId: row.merchantId,
    paymentReference: row.paymentReference ?? '',
    ...(row.refundReference === null ? {} : { refundReference: row.refundReference }),
    amount: Math.abs(row.receivable),
    currency: row.currency,
    paymentStatus: row.paymentStatus as PaymentStatus,
    ...(row.settlementStatus === null ? {} : { settlement: { status: row.settlementStatus, fee: row.settlementFee } }),
  }));
}

/** Payments a report names: by their reference at this PSP, or by our id (at any PSP). */
export async function paymentsNamed(
  db: Database,
  query: { psp: PspName; pspReferences: string[]; paymentIds: string[] },
): Promise<KnownPayment[]> {
  const conditions = [
    query.pspReferences.length > 0 ? and(eq(payments.psp, query.psp), inArray(payments.pspReference, query.pspReferences)) : undefined,
    query.paymentIds.length > 0 ? inArray(payments.id, query.paymentIds) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  const rows = await db
    .select({
      paymentId: payments.id,
      merchantId: payments.merchantId,
      psp: payments.psp,
      status: payments.status,
      pspReference: payments.pspReference,
      amount: payments.amount,
      currency: payments.currency,
    })
    .from(payments)
    .where(or(...conditions));
  return rows.map(({ pspReference, ...row }) => ({
    ...row,
    psp: row.psp as PspName,
    status: row.status as PaymentStatus,
    ...(pspReference === null ? {} : { pspReference }),
  }));
}

/** Open exceptions of these kinds raised for the date and PSP. */
export async function openExceptionsOf(
  db: Database,
  query: { psp: PspName; businessDate: string; kinds: readonly string[] },
): Promise<ExceptionRow[]> {
  return db
    .select()
    .from(exceptions)
    .where(
      and(
        eq(exceptions.psp, query.psp),
        eq(exceptions.businessDate, query.businessDate),
        eq(exceptions.status, 'open'),
        inArray(exceptions.kind, [...query.kinds]),
      ),
    );
}

/** The exception by id; `lock` holds its row until the transaction ends, so two people cannot both resolve it. */
export async function findException(
  db: Database | Transaction,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ExceptionRow | undefined> {
  const query = db.select().from(exceptions).where(eq(exceptions.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findExceptionBySubject(db: Database, kind: string, subject: string): Promise<ExceptionRow | undefined> {
  const [row] = await db
    .select()
    .from(exceptions)
    .where(and(eq(exceptions.kind, kind), eq(exceptions.subject, subject)));
  return row;
}

/** Resolves the exception if it is still open; undefined when it was not (someone was first). */
export async function resolveOpenException(
  db: Database | Transaction,
  id: string,
  resolution: Record<string, unknown>,
): Promise<ExceptionRow | undefined> {
  const [row] = await db
    .update(exceptions)
    .set({ status: 'resolved', resolution, resolvedAt: new Date() })
    .where(and(eq(exceptions.id, id), eq(exceptions.status, 'open')))
    .returning();
  return row;
}
