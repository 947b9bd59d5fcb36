// What a command has started, stopped in reverse order: whatever started later depends on
// what started earlier (the API on the worker's queue, the worker on Temporal and Postgres).
export class StopList {
  private readonly steps: Array<{ name: string; stop: () => Promise<unknown> }> = [];

  add(name: string, stop: () => Promise<unknown>): void {
    this.steps.push({ name, stop });
  }

  /** Runs every step even if one fails, so a broken step never leaves the rest running. */
  async stopAll(): Promise<void> {
    for (const { name, stop } of this.steps.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error(`failed to stop ${name}:`, error);
      }
    }
  }
}
