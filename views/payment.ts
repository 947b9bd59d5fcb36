// The payment and refund objects the API answers with (see api/schemas/objects.ts), built
// from the workflow's state or from the read model, which hold the same fields.
import type { PaymentRow, RefundRow } from '../db/queries/payments';
import { openPaymentFields } from '../db/sealed/payment-fields';
import type { Keyring } from '../keyring/keyring';
import type { PaymentState, RefundState } from '../domain/payment/types';

const unixSeconds = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);

/** The read model's row with its personal data opened (db/sealed/payment-fields.ts). */
export async function openedPayment(keyring: Keyring, row: PaymentRow): Promise<PaymentState> {
  const { description, metadata, customer } = await openPaymentFields(keyring, row);
  return { ...paymentFromRow(row), description, metadata, customer };
}

function paymentFromRow(row: PaymentRow): Omit<PaymentState, 'description' | 'metadata' | 'customer'> {
  return {
    id: row.id,
    merchantId: row.merchantId,
    status: row.status as PaymentState['status'],
    amount: row.amount,
    amountCapturable: row.amountCapturable,
    amountCaptured: row.amountCaptured,
    amountRefunded: row.amountRefunded,
    currency: row.currency,
    captureMethod: row.captureMethod as PaymentState['captureMethod'],
    psp: row.psp as PaymentState['psp'],
    pspReference: row.pspReference ?? undefined,
    failureCode: row.failureCode ?? undefined,
    failureMessage: row.failureMessage ?? undefined,
    statusReason: (row.statusReason ?? undefined) as PaymentState['statusReason'],
    nextAction: row.nextAction ?? undefined,
    ...(row.splits ? { splits: row.splits } : {}),
    captureBefore: row.captureBefore?.toISOString(),
    createdAt: row.createdAt.toISOString(),
    history: row.history as PaymentState['history'],
    refunds: [],
    version: row.version,
  };
}

export function paymentView(payment: PaymentState) {
  return {
    id: payment.id,
    object: 'payment' as const,
    status: payment.status,
    status_reason: payment.statusReason ?? null,
    next_action: payment.nextAction ?? null,
    amount: payment.amount,
    amount_capturable: payment.amountCapturable,
    amount_captured: payment.amountCaptured,
    amount_refunded: payment.amountRefunded,
    currency: payment.currency,
    capture_method: payment.captureMethod,
    capture_before: payment.captureBefore ? unixSeconds(payment.captureBefore) : null,
    psp: payment.psp,
    psp_reference: payment.pspReference ?? null,
    failure_code: payment.failureCode ?? null,
    failure_message: payment.failureMessage ?? null,
    description: payment.description ?? null,
    metadata: payment.metadata,
    customer: payment.customer ?? null,
    splits: payment.splits ?? null,
    created: unixSeconds(payment.createdAt),
    history: payment.history,
  };
}

export function refundView(refund: RefundState, payment: { id: string; currency: string }) {
  return {
    id: refund.id,
    object: 'refund' as const,
    status: refund.status,
    amount: refund.amount,
    currency: payment.currency,
    payment: payment.id,
    reason: refund.reason ?? null,
    failure_code: refund.failureCode ?? null,
    created: unixSeconds(refund.createdAt),
  };
}

export function refundFromRow(row: RefundRow): RefundState {
  return {
    id: row.id,
    amount: row.amount,
    status: row.status as RefundState['status'],
    reason: (row.reason ?? undefined) as RefundState['reason'],
    failureCode: row.failureCode ?? undefined,
    createdAt: row.createdAt.toISOString(),
  };
}

export function refundViewFromRow(row: RefundRow) {
  return refundView(refundFromRow(row), { id: row.paymentId, currency: row.currency });
}
