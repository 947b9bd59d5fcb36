// Everything a caller needs to talk to a dispute workflow: one per dispute at a PSP.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DisputeEvent } from '../domain/psp-gateway';
import type { DisputeShare, DisputeStatus } from '../domain/marketplace/types';
import type { PspName } from '../domain/psp';

export interface DisputeInput {
  disputeId: string;
  merchantId: string;
  paymentId: string;
  psp: PspName;
  pspDisputeReference: string;
  /** The disputed payment at the PSP. */
  pspReference: string;
  amount: number;
  currency: string;
  reason?: string;
  /** ISO time evidence is due; no evidence is accepted after it. */
  evidenceDueBy: string;
  /** `dispute.evidence_due_soon` goes out this long before the due date, if no evidence came. */
  reminderSeconds: number;
}

export interface DisputeState {
  id: string;
  merchantId: string;
  paymentId: string;
  psp: PspName;
  pspDisputeReference: string;
  amount: number;
  currency: string;
  reason?: string;
  status: DisputeStatus;
  evidenceDueBy: string;
  evidenceText?: string;
  evidenceSubmittedAt?: string;
  /** Who bears which part; set once the disputed amount is held. */
  shares: DisputeShare[];
  createdAt: string;
  closedAt?: string;
  version: number;
}

/** A PSP's dispute webhook, verified and deduplicated by the API. */
export const disputeEventSignal = defineSignal<[DisputeEvent]>('disputeEvent');
/** The merchant's evidence (`POST /v1/disputes/:id/evidence`); refused after the due date or once submitted. */
export const submitEvidenceUpdate = defineUpdate<DisputeState, [{ text: string }]>('submitEvidence');
export const disputeStateQuery = defineQuery<DisputeState>('state');

/** An Update the dispute's state does not allow; details[0] is a Refusal. */
export { DISPUTE_REQUEST_REFUSED } from '../domain/failures';

export function disputeWorkflowId(disputeId: string): string {
  return `dispute-${disputeId}`;
}

/** The name the worker registers the workflow under; clients start it by this name. */
export const DISPUTE_WORKFLOW = 'disputeWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type DisputeWorkflow = (input: DisputeInput) => Promise<DisputeState>;
