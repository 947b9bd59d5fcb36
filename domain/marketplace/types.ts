// The marketplace's vocabulary, shared by the API, the workflows and the schema. Types and
// constants only.
import type { PspName } from '../psp';

export const PAYOUT_INTERVALS = ['manual', 'daily', 'weekly'] as const;
export type PayoutInterval = (typeof PAYOUT_INTERVALS)[number];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * When a seller is paid automatically: each day, or each week on `weeklyAnchor`, at midnight
 * in the platform's time zone, every currency whose available balance is at least
 * `minimumAmount` minor units is paid out in full. `manual`: only payouts someone asks for.
 */
export interface PayoutSchedule {
  interval: PayoutInterval;
  weeklyAnchor: Weekday;
  minimumAmount: number;
}

export const PAYOUT_STATUSES = ['requires_approval', 'pending', 'in_transit', 'paid', 'failed', 'canceled'] as const;
/**
 * requires_approval: funds reserved, waiting for finance; pending: being sent to the PSP;
 * in_transit: the PSP accepted it; paid / failed / canceled are final (failed and canceled
 * return the funds).
 */
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const DISPUTE_STATUSES = ['needs_response', 'under_review', 'won', 'lost'] as const;
/** As at Stripe: needs_response until evidence is submitted, under_review after, then won or lost. */
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** Who holds part of a disputed payment: the merchant (the marketplace) or one of its sellers. */
export interface DisputeShare {
  /** A seller id, or null for the merchant. */
  seller: string | null;
  amount: number;
}

export interface SellerSplit {
  seller: string;
  amount: number;
}

export type { PspName };
