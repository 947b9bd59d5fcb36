// How activities fail and workflows refuse, named once and workflow-safe, so the adapters'
// activities, the workflows and the API's translators agree: the type names of the failures
// activities raise and workflows react to, and the one shape a workflow refuses a request in.
// Type names are recorded in workflow histories and read by workflows in flight: never change
// one; a name retired from new code stays here, marked legacy, while histories may hold it.
import { ApplicationFailure } from '@temporalio/common';

/** The PSP answered and refused the request for good; its code is in details[0]. */
export const PSP_REQUEST_REJECTED = 'PspRequestRejected';
/**
 * The request never reached the PSP (refused connection, DNS, a circuit open): it was not
 * performed, so a new payment may fail over to the next PSP.
 */
export const PSP_NOT_REACHED = 'PspNotReached';
/**
 * This deployment has no gateway for the PSP named, so nothing was sent: like PSP_NOT_REACHED,
 * a new payment may fail over. A different name because the cure differs (configuration, not
 * the network), and alerts and the API say which.
 */
export const PSP_NOT_CONFIGURED = 'PspNotConfigured';
/** Before PSP_NOT_CONFIGURED was one name, payouts raised this; payout histories may hold it. */
export const LEGACY_PAYOUT_PSP_NOT_CONFIGURED = 'PayoutPspNotConfigured';
/** Routing found no PSP that may carry the payment. */
export const PSP_NOT_AVAILABLE = 'PspNotAvailable';

/** The ledger refused a payout that would overdraw its account (`ledger_payouts_never_overdraw`). */
export const INSUFFICIENT_FUNDS = 'InsufficientFunds';
/** A posting the ledger's rules refuse (unbalanced, wrong currency): a bug, never retried. */
export const INVALID_POSTING = 'InvalidPosting';
/** A posting key already used by a different posting. */
export const POSTING_KEY_CONFLICT = 'PostingKeyConflict';
/** A dispute names a payment the read model does not have. */
export const PAYMENT_NOT_FOUND = 'PaymentNotFound';

/**
 * The database refused the data itself (a Postgres data exception, SQLSTATE class 22, or a
 * check or not-null violation): the same write fails every time until code or data change.
 * Workflows list it as non-retryable and hand the step to a person (domain/activity-failures).
 */
export const ACTIVITY_DATA_REJECTED = 'ActivityDataRejected';

/** What details[0] of an ActivityDataRejected failure holds. */
export interface DataRejection {
  sqlstate: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** A reconciliation fix's refund of a charge holdfast never recorded failed at the PSP. */
export const UNMATCHED_CHARGE_REFUND_FAILED = 'UnmatchedChargeRefundFailed';
/** A reconciliation fix meant for a payment's workflow found it closed. */
export const PAYMENT_WORKFLOW_NOT_RUNNING = 'PaymentWorkflowNotRunning';
/** An event names a refund its payment does not have: a bug upstream, never retried. */
export const INVALID_EVENT = 'InvalidEvent';
/** A webhook delivery whose row is gone (purged by retention): nothing left to deliver. */
export const DELIVERY_NOT_FOUND = 'DeliveryNotFound';
/** A webhook endpoint's address resolves where holdfast must not post (a private network). */
export const ENDPOINT_URL_NOT_ALLOWED = 'EndpointUrlNotAllowed';

/** The acquirer refused a batch file (a 4xx): a bug in the file, which no retry can change. */
export const ACQUIRER_REFUSED_BATCH = 'AcquirerRefusedBatch';
/** What a workflow fails with when a person gave up a step the database refused (`fail`). */
export const STEP_ABANDONED = 'StepAbandoned';

/** A sealed value that failed its tag or names a key no longer held: resealing stops for a person to look. */
export const SEALED_VALUE_UNREADABLE = 'SealedValueUnreadable';

/** What a refusal says; details[0] of the failure is this object. */
export interface Refusal {
  code: string;
  message: string;
  /** The request field at fault, when there is one. */
  param?: string;
}

/** Refusal failure types, one per workflow. Recorded in histories: never change a value. */
export const REQUEST_REFUSED = 'RequestRefused';
export const PAYOUT_REQUEST_REFUSED = 'PayoutRequestRefused';
export const DISPUTE_REQUEST_REFUSED = 'DisputeRequestRefused';

/**
 * Fails the Update (or its validator) with `refusal` as details[0]. Non-retryable: the same
 * request against the same state is refused again.
 */
export function refuse(type: string, refusal: Refusal): never {
  throw ApplicationFailure.create({ type, message: refusal.message, nonRetryable: true, details: [refusal] });
}
