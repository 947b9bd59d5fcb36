// The dispute object the API answers with, Stripe-like, built from the workflow's state or
// from the read model: both carry the same fields (the row has Dates and nulls where the
// state has ISO strings and absent keys).
import type { DisputeRow } from '../db/queries/disputes';
import type { DisputeState } from '../contracts/dispute.contract';

const unixSeconds = (at: string | Date) => Math.floor(new Date(at).getTime() / 1000);

export function disputeView(dispute: DisputeState | DisputeRow) {
  return {
    id: dispute.id,
    object: 'dispute' as const,
    payment: dispute.paymentId,
    amount: dispute.amount,
    currency: dispute.currency,
    reason: dispute.reason ?? null,
    status: dispute.status,
    psp: dispute.psp,
    /** The dispute's own reference at the PSP, not the payment's. */
    psp_reference: dispute.pspDisputeReference,
    evidence: { text: dispute.evidenceText ?? null },
    evidence_details: {
      due_by: unixSeconds(dispute.evidenceDueBy),
      submitted: dispute.evidenceSubmittedAt ? unixSeconds(dispute.evidenceSubmittedAt) : null,
    },
    /** Who bears which part of the amount; `seller: null` is the merchant. */
    shares: dispute.shares.map((share) => ({ seller: share.seller, amount: share.amount })),
    created: unixSeconds(dispute.createdAt),
    closed: dispute.closedAt ? unixSeconds(dispute.closedAt) : null,
  };
}

export type DisputeView = ReturnType<typeof disputeView>;
