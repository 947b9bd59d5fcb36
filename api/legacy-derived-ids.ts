// What a request of the release before ids were scoped to their parent (merge 88bcf99,
// "money-movement ids scoped to their parent") made under *its* ids. That release derived a
// refund's and a payout's id from the merchant and the Idempotency-Key alone. A request it
// was running when it was stopped for the upgrade leaves its key claimed; the retry takes the
// claim over on this release and derives a new id — which would start a second refund or
// payout, sent to the PSP under a second PSP idempotency key: money moved twice. So a request
// that took a claim over (`retried`) first looks for what the dead attempt made under the old
// id, and answers with it.
//
// Remove this file (and its callers) once no claim from before that release can exist: a
// claim lives at most IDEMPOTENCY_TTL_SECONDS (a day by default) after the old release last
// ran. The formulas below are a frozen copy and must never follow changes to ids.ts.
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Database } from '../db/client';
import { findPayout } from '../db/queries/payouts';
import { findRefund } from '../db/queries/payments';
import type { PaymentState, RefundState } from '../domain/payment/types';
import { paymentStateQuery } from '../contracts/payment.contract';
import { payoutStateQuery } from '../contracts/payout.contract';
import type { ApiError } from './errors';
import type { PaymentCommands } from './payment-commands';
import { refundFromRow } from '../views/payment';
import { paymentHandle } from '../contracts/payment.client';
import { payoutHandle } from '../contracts/payout.client';

function digest(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 24);
}

export function legacyRefundId(merchantId: string, idempotencyKey: string): string {
  return `re_${digest(['refund', merchantId, idempotencyKey])}`;
}

export function legacyPayoutId(merchantId: string, idempotencyKey: string): string {
  return `po_${digest(['payout', merchantId, idempotencyKey])}`;
}

/** Named the old release's capture/cancel/confirm Updates: `<kind>-<id>`. */
export function legacyPaymentRequestId(merchantId: string, idempotencyKey: string): string {
  return digest(['request', merchantId, idempotencyKey]);
}

/**
 * The payment as a capture, cancel or confirm the old release sent to it under its Update id
 * left it — Temporal keeps an Update's outcome by id — or undefined when it sent none. Found
 * in this payment's own workflow, so it was sent for this payment.
 */
export async function findLegacyPaymentUpdate(
  commands: PaymentCommands,
  payment: PaymentState,
  kind: 'capture' | 'cancel' | 'confirm',
  idempotencyKey: string,
  whenClosed: () => Promise<ApiError>,
): Promise<PaymentState | undefined> {
  const updateId = `${kind}-${legacyPaymentRequestId(payment.merchantId, idempotencyKey)}`;
  return commands.update(
    payment.id,
    async (workflow) => {
      try {
        return await workflow.getUpdateHandle<PaymentState>(updateId).result();
      } catch (error) {
        // The server answers NOT_FOUND for an Update id it never saw, as for a workflow.
        if (error instanceof WorkflowNotFoundError) return undefined;
        throw error;
      }
    },
    whenClosed,
  );
}

/** A refund the old release made for this key, with the payment it refunds. */
export interface LegacyRefund {
  paymentId: string;
  refund: RefundState;
}

/**
 * The refund made under the old id: its row names its payment (which may be another one —
 * the old id was not scoped); without a row yet (the old attempt died before the workflow
 * saved it) the payment's own workflow may still hold it.
 */
export async function findLegacyRefund(
  db: Database,
  temporal: Client,
  payment: PaymentState,
  idempotencyKey: string,
): Promise<LegacyRefund | undefined> {
  const refundId = legacyRefundId(payment.merchantId, idempotencyKey);
  const row = await findRefund(db, payment.merchantId, refundId);
  if (row) return { paymentId: row.paymentId, refund: refundFromRow(row) };
  const state = await paymentHandle(temporal, payment.id).query(paymentStateQuery);
  const refund = state.refunds.find((r) => r.id === refundId);
  return refund && { paymentId: payment.id, refund };
}

/** The seller, amount and currency of the payout the old release made for this key. */
export interface LegacyPayout {
  id: string;
  sellerId: string;
  amount: number;
  currency: string;
}

/**
 * The payout made under the old id: its row, or — when the old attempt died before one was
 * written (a payout reserving its funds, or one whose refusal was never recorded) — its
 * workflow `payout-<id>`.
 */
export async function findLegacyPayout(
  db: Database,
  temporal: Client,
  merchantId: string,
  idempotencyKey: string,
): Promise<LegacyPayout | undefined> {
  const payoutId = legacyPayoutId(merchantId, idempotencyKey);
  const row = await findPayout(db, merchantId, payoutId);
  if (row) return { id: row.id, sellerId: row.sellerId, amount: row.amount, currency: row.currency };
  try {
    const state = await payoutHandle(temporal, payoutId).query(payoutStateQuery);
    return { id: payoutId, sellerId: state.sellerId, amount: state.amount, currency: state.currency };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}
