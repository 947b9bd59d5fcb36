// What `dispute` / `dispute_outcome` on /_sim/control need from each PSP face: open a dispute
// on one of its payments (the face then sends its own webhooks) and close it. The control
// route asks each face whether it knows the payment, so a test names only the reference.
import type { PspName } from '../domain/psp';

export type DisputeOutcome = 'won' | 'lost';

export interface OpenDisputeRequest {
  /** The disputed payment's reference at the PSP (a PaymentIntent id, an Adyen pspReference). */
  pspReference: string;
  /** Minor units; default the payment's captured amount. */
  amount?: number;
  reason?: string;
  /** When evidence is due, from now; default 7 days. */
  dueInSeconds?: number;
}

/** A dispute as the control route reports it (snake_case, like every /_sim answer). */
export interface SimDisputeSummary {
  psp: PspName;
  /** The PSP's id for the dispute (Stripe `dp_…`, Adyen the chargeback's pspReference). */
  dispute_reference: string;
  psp_reference: string;
  amount: number;
  currency: string;
  status: 'open' | 'won' | 'lost';
  /** ISO time. */
  evidence_due_by: string;
  /** Whether the merchant's evidence reached the PSP (Stripe dispute update, Adyen defendDispute). */
  evidence_submitted: boolean;
}

export interface SimDisputeFace {
  /** Whether this face holds a captured payment with that reference. */
  hasCapturedPayment(pspReference: string): boolean;
  /** Opens a dispute and sends its webhooks; throws SimDisputeError when it cannot. */
  open(request: OpenDisputeRequest): SimDisputeSummary;
  /** Closes the payment's open dispute with the outcome and sends its webhooks. */
  close(request: { pspReference: string; outcome: DisputeOutcome }): SimDisputeSummary;
  /** Every dispute of this face, oldest first (GET /_sim/disputes). */
  list(): SimDisputeSummary[];
}

/** A control request the face refuses (no such payment, no open dispute, amount too large). */
export class SimDisputeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimDisputeError';
  }
}
