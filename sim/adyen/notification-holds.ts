// `adyen_hold_notifications` / `adyen_release_notifications`: a payment's modification
// notifications (CAPTURE, CANCELLATION, REFUND …) wait here until released, so a test can
// see what holdfast answers while Adyen has accepted a modification but not yet confirmed it.
// Kept in memory only: a held notification is lost when the simulator stops, as an
// undelivered one would be.

export class NotificationHolds {
  private readonly held = new Map<string, Array<() => void>>();

  hold(merchantReference: string): void {
    if (!this.held.has(merchantReference)) this.held.set(merchantReference, []);
  }

  /** Ends the hold and sends what it kept, in order; returns how many notifications went. */
  release(merchantReference: string): number {
    const waiting = this.held.get(merchantReference) ?? [];
    this.held.delete(merchantReference);
    for (const send of waiting) send();
    return waiting.length;
  }

  /** Sends now, unless the payment's notifications are held. */
  sendOrHold(merchantReference: string, send: () => void): void {
    const waiting = this.held.get(merchantReference);
    if (waiting) waiting.push(send);
    else send();
  }
}
