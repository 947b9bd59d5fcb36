import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { payments, refunds } from '../schema';

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export async function findPayment(db: Database, merchantId: string, paymentId: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.id, paymentId), eq(payments.merchantId, merchantId)));
  return row;
}

/** A payment by id alone, for callers that learn of it from a PSP rather than from its merchant. */
export async function findPaymentAnyMerchant(db: Database, paymentId: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, paymentId));
  return row;
}

/** Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor). */
export async function listPayments(
  db: Database,
  query: { merchantId: string; limit: number; startingAfter?: string; status?: string },
): Promise<{ rows: PaymentRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(payments.merchantId, query.merchantId)];
  if (query.status) conditions.push(eq(payments.status, query.status));
  if (query.startingAfter) {
    const cursor = await findPayment(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(
      or(lt(payments.createdAt, cursor.createdAt), and(eq(payments.createdAt, cursor.createdAt), lt(payments.id, cursor.id)))!,
    );
  }
  const rows = await db
    .select()
    .from(payments)
    .where(and(...conditions))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(query.limit + 1);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

export async function findRefund(db: Database, merchantId: string, refundId: string): Promise<RefundRow | undefined> {
  const [row] = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.id, refundId), eq(refunds.merchantId, merchantId)));
  return row;
}

/** Which payment a PSP notification is about, when the event names only the PSP's reference. */
export async function findPaymentIdByPspReference(db: Database, psp: string, pspReference: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.psp, psp), eq(payments.pspReference, pspReference)));
  return row?.id;
}

export async function findRefundPaymentId(db: Database, refundId: string): Promise<string | undefined> {
  const [row] = await db.select({ paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, refundId));
  return row?.paymentId;
}
