// Whether a signed PSP event may act on the object it names. A valid signature only says
// which PSP account sent it; the references inside are whatever that account's API was given
// (a Stripe metadata value, an Adyen merchantReference), so each event must also agree with
// what we recorded: the object's PSP, and its reference at that PSP where we have one. Pure
// functions: the intakes look the objects up and act on the verdict.
import type { DisputeEvent, PayoutEvent, PspEvent, PspName } from '../domain/psp-gateway';

/** Why an event was refused; stored with it (psp_events.reason) and logged. */
export type RejectionReason =
  /** Sent by a PSP that is not the object's. */
  | 'psp_mismatch'
  /** Names a reference at the PSP that is not the object's. */
  | 'psp_reference_mismatch'
  /** We have no PSP reference yet, and the event does not name the object by our own id. */
  | 'merchant_reference_mismatch'
  /** A refund event naming a refund of another payment, or another refund at the PSP. */
  | 'refund_mismatch'
  /** A dispute we know, now said to be about another payment. */
  | 'dispute_payment_mismatch';

export type Verdict = { accepted: true } | { accepted: false; reason: RejectionReason };

const ACCEPTED: Verdict = { accepted: true };
const rejected = (reason: RejectionReason): Verdict => ({ accepted: false, reason });

/** What we recorded about the object an event names. */
export interface Subject {
  id: string;
  psp: PspName;
  /** Its reference at the PSP; unset while an outcome is unknown (or before the PSP answered). */
  pspReference?: string | null;
}

/**
 * The rule every event passes: its PSP is the object's; its PSP reference is ours where we
 * have one; where we have none yet, the event names the object by our own id (which we sent
 * to that PSP only).
 */
function checkSubject(event: { psp: PspName; pspReference: string; ourId?: string }, subject: Subject): Verdict {
  if (event.psp !== subject.psp) return rejected('psp_mismatch');
  if (subject.pspReference) return event.pspReference === subject.pspReference ? ACCEPTED : rejected('psp_reference_mismatch');
  return event.ourId === subject.id ? ACCEPTED : rejected('merchant_reference_mismatch');
}

export interface RefundSubject {
  id: string;
  paymentId: string;
  /** The refund's own reference at the PSP, once it answered. */
  pspReference?: string | null;
}

/** A payment event against its payment; a refund event also against the refund it names. */
export function checkPaymentEvent(event: PspEvent, payment: Subject, refund?: RefundSubject): Verdict {
  const verdict = checkSubject({ psp: event.psp, pspReference: event.pspReference, ourId: event.paymentId }, payment);
  if (!verdict.accepted || event.refundId === undefined) return verdict;
  if (!refund || refund.paymentId !== payment.id) return rejected('refund_mismatch');
  if (refund.pspReference && event.pspRefundReference !== refund.pspReference) return rejected('refund_mismatch');
  return ACCEPTED;
}

export function checkPayoutEvent(event: PayoutEvent, payout: Subject): Verdict {
  return checkSubject({ psp: event.psp, pspReference: event.pspPayoutReference, ourId: event.payoutId }, payout);
}

/** A dispute event against the disputed payment, and against the dispute when we know it already. */
export function checkDisputeEvent(event: DisputeEvent, payment: Subject, knownDispute?: { paymentId: string }): Verdict {
  const verdict = checkSubject({ psp: event.psp, pspReference: event.pspReference, ourId: event.paymentId }, payment);
  if (!verdict.accepted) return verdict;
  if (knownDispute && knownDispute.paymentId !== payment.id) return rejected('dispute_payment_mismatch');
  return ACCEPTED;
}

const MONEY_MOVED: ReadonlySet<string> = new Set(['authorized', 'captured', 'refunded', 'payout_paid', 'dispute_opened', 'dispute_lost']);

/**
 * A rejected event saying money moved (held, charged, refunded, paid out, charged back) at a
 * PSP that is not its object's: that money moves outside anything we track, and only a person
 * can find it and undo it.
 */
export function isPossibleOrphanedCharge(event: { kind: string }, reason: RejectionReason): boolean {
  return reason === 'psp_mismatch' && MONEY_MOVED.has(event.kind);
}
