// The crash-test hook: while a payment method is held, create/confirm calls with it commit
// their effect and then wait here before answering, so a test can kill the caller while the
// PSP has authorized but the caller has not heard back.

export class ResponseHolds {
  private readonly held = new Map<string, Array<() => void>>();

  hold(paymentMethod: string): void {
    if (!this.held.has(paymentMethod)) this.held.set(paymentMethod, []);
  }

  /** Ends the hold and lets every response waiting on it go out. */
  release(paymentMethod: string): void {
    const waiting = this.held.get(paymentMethod) ?? [];
    this.held.delete(paymentMethod);
    for (const resume of waiting) resume();
  }

  releaseAll(): void {
    for (const paymentMethod of [...this.held.keys()]) this.release(paymentMethod);
  }

  /** Resolves at once unless the payment method is held; then on its release. */
  async waitIfHeld(paymentMethod: string | null): Promise<void> {
    const waiting = paymentMethod === null ? undefined : this.held.get(paymentMethod);
    if (!waiting) return;
    await new Promise<void>((resume) => waiting.push(resume));
  }
}
