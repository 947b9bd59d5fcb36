// `acquirer_reject` {psp_reference, retryable, times?}: the acquirer turns down the next
// `times` submissions of items with that reference, as an issuer that is down (retryable)
// or an account that was closed (not) would. Counted per item, whatever the batch.

export interface InjectedRejection {
  retryable: boolean;
}

export class InjectedRejections {
  private readonly pending = new Map<string, { retryable: boolean; remaining: number }>();

  /** A new control for the same reference replaces the one still pending. */
  rejectNext(pspReference: string, retryable: boolean, times: number): void {
    this.pending.set(pspReference, { retryable, remaining: times });
  }

  /** The rejection this submission of the reference gets, if one is pending; uses it up. */
  take(pspReference: string): InjectedRejection | undefined {
    const rejection = this.pending.get(pspReference);
    if (!rejection) return undefined;
    rejection.remaining -= 1;
    if (rejection.remaining === 0) this.pending.delete(pspReference);
    return { retryable: rejection.retryable };
  }
}
