// The ledger's pure half, importable from workflow code.
export * from './types';
export { accounts, describeAccount, type AccountDescription } from './accounts';
export { platformFee } from './platform-fee';
export { assertValidPosting } from './validate-posting';
export { authorizationHold, holdRelease, capture, refund, type PaymentRef } from './posting-rules';
export {
  settlement,
  unmatchedChargeReceived,
  unmatchedChargeReturned,
  differenceFix,
  type SettledItem,
  type UnmatchedCharge,
  type DifferenceFix,
} from './settlement-rules';
export {
  payoutReserved,
  payoutPaid,
  payoutReturned,
  disputeHeld,
  disputeWon,
  disputeLost,
  type PayoutRef,
  type DisputeRef,
} from './marketplace-rules';
