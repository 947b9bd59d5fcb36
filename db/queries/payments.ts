import { and, arrayContains, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
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

/** GET /v1/payments's filters, combined with AND; each is one condition below. */
export interface PaymentListFilter {
  createdGte?: Date;
  createdLt?: Date;
  status?: string;
  psp?: string;
  /** Blind indexes (db/sealed/payment-fields.ts), never the values: the email's, and each metadata pair's. */
  customerEmailIndex?: string;
  metadataIndexes?: string[];
}

function paymentFilterConditions(filter: PaymentListFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.createdGte) conditions.push(gte(payments.createdAt, filter.createdGte));
  if (filter.createdLt) conditions.push(lt(payments.createdAt, filter.createdLt));
  if (filter.status) conditions.push(eq(payments.status, filter.status));
  if (filter.psp) conditions.push(eq(payments.psp, filter.psp));
  // (merchant_id, customer_email_index) and the GIN index on metadata_index (migration 0019) serve these.
  if (filter.customerEmailIndex) conditions.push(eq(payments.customerEmailIndex, filter.customerEmailIndex));
  if (filter.metadataIndexes?.length) conditions.push(arrayContains(payments.metadataIndex, filter.metadataIndexes));
  return conditions;
}

/** After the cursor row in newest-first order: older, or as old with a smaller id. */
const after = (table: typeof payments | typeof refunds, cursor: { createdAt: Date; id: string }) =>
  or(lt(table.createdAt, cursor.createdAt), and(eq(table.createdAt, cursor.createdAt), lt(table.id, cursor.id)))!;

/**
 * Newest first; `startingAfter` is the last id of the previous page (Stripe's cursor), and
 * the filters narrow every page alike.
 */
export async function listPayments(
  db: Database,
  query: { merchantId: string; limit: number; startingAfter?: string; filter: PaymentListFilter },
): Promise<{ rows: PaymentRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(payments.merchantId, query.merchantId), ...paymentFilterConditions(query.filter)];
  if (query.startingAfter) {
    const cursor = await findPayment(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(after(payments, cursor));
  }
  const rows = await db
    .select()
    .from(payments)
    .where(and(...conditions))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(query.limit + 1);
  return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
}

/** The merchant's refunds, of one payment or all, newest first, paged like payments. */
export async function listRefunds(
  db: Database,
  query: { merchantId: string; limit: number; startingAfter?: string; paymentId?: string },
): Promise<{ rows: RefundRow[]; hasMore: boolean }> {
  const conditions: SQL[] = [eq(refunds.merchantId, query.merchantId)];
  if (query.paymentId) conditions.push(eq(refunds.paymentId, query.paymentId));
  if (query.startingAfter) {
    const cursor = await findRefund(db, query.merchantId, query.startingAfter);
    if (!cursor) return { rows: [], hasMore: false };
    conditions.push(after(refunds, cursor));
  }
  const rows = await db
    .select()
    .from(refunds)
    .where(and(...conditions))
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
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
