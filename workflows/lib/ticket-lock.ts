// A FIFO lock for a workflow's steps: the payment and dispute workflows run their money
// movements one at a time, in the order the requests arrived, and a step re-checks its rule
// once its turn comes. Workflow-safe: it waits with condition(), so it adds no commands.
import { condition } from '@temporalio/workflow';

export class TicketLock {
  /** The ticket the next caller draws. */
  private nextTicket = 0;
  /** The ticket whose step may run now. */
  private serving = 0;

  /**
   * Runs `step` once every step that asked before it has finished. A ticket, not a flag:
   * condition() releases every waiter whose predicate holds in one pass, so
   * `await condition(() => !busy); busy = true` would let several through.
   */
  async exclusive<T>(step: () => Promise<T>): Promise<T> {
    const ticket = this.nextTicket++;
    await condition(() => this.serving === ticket);
    try {
      return await step();
    } finally {
      this.serving++;
    }
  }

  /** No step runs or waits. */
  idle(): boolean {
    return this.serving === this.nextTicket;
  }
}
