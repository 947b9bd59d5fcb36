// Delivers the simulated PSPs' webhooks to holdfast, as a PSP does: POST to a configured URL,
// retried with backoff until it answers 2xx. Each face builds and signs its own payloads.

/** How often a delivery is tried before the simulator gives up on it (real PSPs try for days). */
const ATTEMPTS = 8;
const FIRST_RETRY_MS = 200;

export class WebhookSender {
  private base: string | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  /** holdfast's base URL; events go to `${base}/webhooks/stripe` and `${base}/webhooks/adyen`. */
  setTarget(baseUrl: string | undefined): void {
    this.base = baseUrl?.replace(/\/$/, '');
  }

  /** Sends in the background; without a target the event is dropped, as with no endpoint set up. */
  send(path: string, body: string, headers: Record<string, string>): void {
    if (!this.base) return;
    const delivery = this.deliver(`${this.base}${path}`, body, headers).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
  }

  /** Waits for deliveries under way (used on close so none is cut off mid-request). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(url: string, body: string, headers: Record<string, string>): Promise<void> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (response.ok) return;
      } catch {
        // Unreachable or slow: retried below, like a PSP's delivery queue.
      }
      await new Promise((resolve) => setTimeout(resolve, FIRST_RETRY_MS * 2 ** (attempt - 1)));
    }
  }
}
