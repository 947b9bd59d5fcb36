// Every activity the payment workflow calls, with the options it calls them with, in one
// place: how often each may be retried is a decision about money (DESIGN.md convention 3).
import { type ActivityOptions, type LocalActivityOptions, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createExceptionActivities } from '../../activities/exceptions';
import type { createLedgerActivities } from '../../activities/ledger';
import type { createMerchantEventActivities } from '../../activities/merchant-events/activities';
import type { createPaymentDecisionActivities } from '../../activities/payment-decision';
import type { createPaymentRecordActivities } from '../../activities/payment-records';
import type { createPaymentTransitionActivities } from '../../activities/payment-transition';
import type { createPspActivities } from '../../activities/psp-activities';
import type { createRiskActivities } from '../../activities/risk';
import type { createRoutingActivities } from '../../activities/routing';
import { ACTIVITY_DATA_REJECTED, PSP_NOT_AVAILABLE, PSP_REQUEST_REJECTED } from '../../domain/failures';

/** PSP mutations: bounded retries with backoff; each retry carries the same idempotency key. */
const pspCall = {
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 8,
    nonRetryableErrorTypes: [PSP_REQUEST_REJECTED],
  },
} satisfies ActivityOptions;

/**
 * Authorizations are tried once: a failure that is not a clear "never reached" or "refused"
 * leaves the outcome unknown, and the workflow resolves it by lookup rather than by blind
 * retries (Kill Bill's UNKNOWN state). Lookups are single attempts inside a backoff loop.
 */
const pspDecisiveCall = {
  startToCloseTimeout: '20s',
  retry: { maximumAttempts: 1 },
} satisfies ActivityOptions;

/** Routing and risk read local state or a fast service; a few quick retries. */
const quickCall = {
  startToCloseTimeout: '10s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: [PSP_NOT_AVAILABLE] },
} satisfies ActivityOptions;

/**
 * Ledger postings and read-model writes retry without limit: both are idempotent (posting
 * key, version guard), and once the PSP has moved money the posting must not be lost.
 */
const ledgerWrite = {
  startToCloseTimeout: '15s',
  retry: { initialInterval: '500ms', backoffCoefficient: 2, maximumInterval: '30s' },
} satisfies ActivityOptions;

/**
 * The read model, the ledger and merchant events: as ledgerWrite, except that a write the
 * database refuses for good stops and waits for a person (UntilResolved) instead of retrying.
 */
const recordWrite = {
  ...ledgerWrite,
  retry: { ...ledgerWrite.retry, nonRetryableErrorTypes: [ACTIVITY_DATA_REJECTED] },
} satisfies ActivityOptions;

/**
 * Local activities run at least once even when told once, and their results become durable
 * only when the workflow task completes. So: routing and the risk verdict are recorded with
 * the command that sends the authorization (the same task completion), never after it; the
 * transition write is idempotent and keeps retrying, past the local retry threshold on timers
 * the history records; the PSP calls stay regular activities.
 */
const localQuickCall = { startToCloseTimeout: quickCall.startToCloseTimeout, retry: quickCall.retry } satisfies LocalActivityOptions;
const localRecordWrite = { startToCloseTimeout: recordWrite.startToCloseTimeout, retry: recordWrite.retry } satisfies LocalActivityOptions;

export const psp = proxyActivities<ReturnType<typeof createPspActivities>>(pspCall);
export const pspOnce = proxyActivities<ReturnType<typeof createPspActivities>>(pspDecisiveCall);
export type Deciders = ReturnType<typeof createRoutingActivities> & ReturnType<typeof createRiskActivities>;
export const deciders = proxyActivities<Deciders>(quickCall);
export const localDeciders = proxyLocalActivities<Deciders>(localQuickCall);
export const { decidePayment } = proxyLocalActivities<ReturnType<typeof createPaymentDecisionActivities>>(localQuickCall);
export const { recordPaymentTransition } = proxyLocalActivities<ReturnType<typeof createPaymentTransitionActivities>>(localRecordWrite);
export const { postLedgerTransaction } = proxyActivities<ReturnType<typeof createLedgerActivities>>(recordWrite);
export const { savePayment } = proxyActivities<ReturnType<typeof createPaymentRecordActivities>>(recordWrite);
export const { publishPaymentEvent } = proxyActivities<ReturnType<typeof createMerchantEventActivities>>(recordWrite);
export const exceptions = proxyActivities<ReturnType<typeof createExceptionActivities>>(ledgerWrite);
