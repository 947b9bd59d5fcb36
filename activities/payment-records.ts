// Writes the payment read model (what the API's GETs and lists read). Every write carries the
// workflow's version; an older snapshot arriving late (a retried activity) never overwrites
// a newer one, so the activity is safe to retry without limit.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { payments, refunds } from '../db/schema';
import type { PaymentState } from '../domain/payment/types';
import type { Transaction } from './ledger';

export function createPaymentRecordActivities({ db }: { db: Database }) {
  return {
    /** Payments started before the hot path write their row alone; see payment-transition.ts. */
    async savePayment(state: PaymentState): Promise<void> {
      // One statement is atomic on its own; a transaction only when refunds go with it.
      if (state.refunds.length === 0) {
        await upsertPayment(db, state);
        return;
      }
      await db.transaction((tx) => writePaymentRow(tx, state));
    },
  };
}

/** Writes the payment's row and its refunds' rows, unless a newer version is already there. */
export async function writePaymentRow(tx: Transaction, state: PaymentState): Promise<void> {
  const written = await upsertPayment(tx, state);
  if (written.length === 0) return; // a newer snapshot is already there
  const updatedAt = new Date();
  for (const refund of state.refunds) {
    const refundRow = {
      id: refund.id,
      paymentId: state.id,
      merchantId: state.merchantId,
      status: refund.status,
      amount: refund.amount,
      currency: state.currency,
      reason: refund.reason ?? null,
      pspReference: refund.pspReference ?? null,
      failureCode: refund.failureCode ?? null,
      createdAt: new Date(refund.createdAt),
      updatedAt,
    };
    await tx
      .insert(refunds)
      .values(refundRow)
      .onConflictDoUpdate({
        target: refunds.id,
        set: { status: refundRow.status, pspReference: refundRow.pspReference, failureCode: refundRow.failureCode, updatedAt },
      });
  }
}

function upsertPayment(executor: Pick<Database, 'insert'>, state: PaymentState) {
  const row = {
    id: state.id,
    merchantId: state.merchantId,
    workflowId: `payment-${state.id}`,
    status: state.status,
    amount: state.amount,
    amountCapturable: state.amountCapturable,
    amountCaptured: state.amountCaptured,
    amountRefunded: state.amountRefunded,
    currency: state.currency,
    captureMethod: state.captureMethod,
    psp: state.psp,
    pspReference: state.pspReference ?? null,
    failureCode: state.failureCode ?? null,
    failureMessage: state.failureMessage ?? null,
    statusReason: state.statusReason ?? null,
    nextAction: state.nextAction ?? null,
    description: state.description ?? null,
    metadata: state.metadata,
    customer: state.customer ?? null,
    splits: state.splits ?? null,
    captureBefore: state.captureBefore ? new Date(state.captureBefore) : null,
    history: state.history,
    version: state.version,
    createdAt: new Date(state.createdAt),
    updatedAt: new Date(),
  };
  return executor
    .insert(payments)
    .values(row)
    .onConflictDoUpdate({
      target: payments.id,
      set: { ...row, createdAt: sql`${payments.createdAt}` },
      setWhere: sql`${payments.version} < excluded.version`,
    })
    .returning({ id: payments.id });
}
