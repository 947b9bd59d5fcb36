// The type names of the failures activities raise and workflows react to, named once and
// workflow-safe, so adapters, workflows and the API translators agree on them. The values are
// recorded in workflow histories and read by workflows in flight: never change one.

/** The PSP answered and refused the request for good; its code is in details[0]. */
export const PSP_REQUEST_REJECTED = 'PspRequestRejected';
/** The request never reached the PSP, or no gateway is configured for it: safe to fail over. */
export const PSP_NOT_REACHED = 'PspNotReached';
/** Routing found no PSP that may carry the payment. */
export const PSP_NOT_AVAILABLE = 'PspNotAvailable';
/** Reconciliation was asked about a PSP this deployment has no gateway for. */
export const PSP_NOT_CONFIGURED = 'PspNotConfigured';
/** A payout names a PSP this deployment has no payout gateway for. */
export const PAYOUT_PSP_NOT_CONFIGURED = 'PayoutPspNotConfigured';

/** The ledger refused a payout that would overdraw its account (`ledger_payouts_never_overdraw`). */
export const INSUFFICIENT_FUNDS = 'InsufficientFunds';
/** A posting the ledger's rules refuse (unbalanced, wrong currency): a bug, never retried. */
export const INVALID_POSTING = 'InvalidPosting';
/** A posting key already used by a different posting. */
export const POSTING_KEY_CONFLICT = 'PostingKeyConflict';
/** A dispute names a payment the read model does not have. */
export const PAYMENT_NOT_FOUND = 'PaymentNotFound';

/** A sealed value that failed its tag or names a key no longer held: resealing stops for a person to look. */
export const SEALED_VALUE_UNREADABLE = 'SealedValueUnreadable';
