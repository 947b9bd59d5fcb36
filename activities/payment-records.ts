// Writes the payment read model (what the API's GETs and lists read). Every write carries the
// workflow's version; an older snapshot arriving late (a retried activity) never overwrites
// a newer one, so the activity is safe to retry without limit.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { sealPaymentFields } from '../db/sealed/payment-fields';
import type { Keyring } from '../keyring/keyring';
import type { PaymentState } from '../domain/payment/types';

export function createPaymentRecordActivities({ db, keyring }: { db: Database; keyring: Keyring }) {
  return {
    /** Payments started before the hot path write their row alone; see payment-transition.ts. */
    async savePayment(state: PaymentState): Promise<void> {
      // The transition's function with nothing to post and no events: one statement, one
      // transaction, and the same version guard.
      const { payment, refunds } = paymentRowParameters(state, keyring);
      await db.execute(sql`select payment_record_transition(null, ${payment}::jsonb, ${refunds}::jsonb, '[]'::jsonb)`);
    },
  };
}

/**
 * The payment's row and its refunds' rows as `payment_record_transition` (migration 0010)
 * reads them: JSON texts keyed by column, bound as parameters. The function writes the row
 * unless a newer version is there, and the refunds' rows only when it wrote the payment's.
 * Personal data is sealed here (db/sealed/payment-fields.ts): it never reaches SQL in clear.
 */
export function paymentRowParameters(state: PaymentState, keyring: Keyring): { payment: string; refunds: string } {
  const updatedAt = new Date().toISOString();
  const payment = {
    id: state.id,
    merchant_id: state.merchantId,
    workflow_id: `payment-${state.id}`,
    status: state.status,
    amount: state.amount,
    amount_capturable: state.amountCapturable,
    amount_captured: state.amountCaptured,
    amount_refunded: state.amountRefunded,
    currency: state.currency,
    capture_method: state.captureMethod,
    psp: state.psp,
    psp_reference: state.pspReference ?? null,
    failure_code: state.failureCode ?? null,
    failure_message: state.failureMessage ?? null,
    status_reason: state.statusReason ?? null,
    next_action: state.nextAction ?? null,
    ...sealPaymentFields(keyring, state),
    splits: state.splits ?? null,
    capture_before: state.captureBefore ? new Date(state.captureBefore).toISOString() : null,
    history: state.history,
    version: state.version,
    created_at: new Date(state.createdAt).toISOString(),
    updated_at: updatedAt,
  };
  const refunds = state.refunds.map((refund) => ({
    id: refund.id,
    payment_id: state.id,
    merchant_id: state.merchantId,
    status: refund.status,
    amount: refund.amount,
    currency: state.currency,
    reason: refund.reason ?? null,
    psp_reference: refund.pspReference ?? null,
    failure_code: refund.failureCode ?? null,
    created_at: new Date(refund.createdAt).toISOString(),
    updated_at: updatedAt,
  }));
  return { payment: JSON.stringify(payment), refunds: JSON.stringify(refunds) };
}
