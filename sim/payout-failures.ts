// `payout_failure` {seller, failure_code?}: every later payout to that seller fails at both
// PSP faces (Stripe `payout.failed`, Adyen PAYOUT_THIRDPARTY with success=false), so a test
// can watch the funds come back. Keyed by seller, not "the next payout", so tests that run
// payouts side by side cannot take each other's failure.
export class PayoutFailures {
  private readonly failing = new Map<string, string>();

  failPayoutsOf(sellerId: string, failureCode: string): void {
    this.failing.set(sellerId, failureCode);
  }

  /** The failure code payouts to this seller get, or undefined when they succeed. */
  failureFor(sellerId: string): string | undefined {
    return this.failing.get(sellerId);
  }
}

/** Stripe's code for a bank account that refuses the transfer; Adyen gets the same word. */
export const DEFAULT_PAYOUT_FAILURE_CODE = 'account_closed';
