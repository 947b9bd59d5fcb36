// What a PSP event's checks compare it with (api/psp-event-checks.ts): the object it names,
// across merchants — a PSP event carries no merchant of ours.
import { eq } from 'drizzle-orm';
import type { PspName } from '../../domain/psp';
import type { Database } from '../client';
import { payments, payouts, refunds } from '../schema';

export async function findPaymentSubject(
  db: Database,
  paymentId: string,
): Promise<
  { id: string; merchantId: string; psp: PspName; pspReference: string | null; amountCaptured: number; status: string } | undefined
> {
  const [row] = await db
    .select({
      id: payments.id,
      merchantId: payments.merchantId,
      psp: payments.psp,
      pspReference: payments.pspReference,
      amountCaptured: payments.amountCaptured,
      status: payments.status,
    })
    .from(payments)
    .where(eq(payments.id, paymentId));
  return row && { ...row, psp: row.psp as PspName };
}

export async function findRefundSubject(
  db: Database,
  refundId: string,
): Promise<{ id: string; paymentId: string; pspReference: string | null; status: string } | undefined> {
  const [row] = await db
    .select({ id: refunds.id, paymentId: refunds.paymentId, pspReference: refunds.pspReference, status: refunds.status })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  return row;
}

export async function findPayoutSubject(
  db: Database,
  payoutId: string,
): Promise<{ id: string; merchantId: string; psp: PspName; pspReference: string | null } | undefined> {
  const [row] = await db
    .select({ id: payouts.id, merchantId: payouts.merchantId, psp: payouts.psp, pspReference: payouts.pspPayoutReference })
    .from(payouts)
    .where(eq(payouts.id, payoutId));
  return row;
}
