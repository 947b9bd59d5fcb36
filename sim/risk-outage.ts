// `risk_down` / `risk_up`: the simulated risk service answers 503 (mode `503`) or holds every
// assessment unanswered (mode `slow`) until it recovers, which outlasts any client's timeout
// without the simulator having to guess that timeout.

export type RiskOutageMode = '503' | 'slow';

export class RiskOutage {
  private down: RiskOutageMode | undefined;
  private held: Array<() => void> = [];

  setDown(mode: RiskOutageMode): void {
    this.down = mode;
  }

  /** Recovers, and lets held assessments answer (to clients that have long given up). */
  setUp(): void {
    this.down = undefined;
    for (const resume of this.held.splice(0)) resume();
  }

  mode(): RiskOutageMode | undefined {
    return this.down;
  }

  /** Resolves at once unless the service is down in `slow` mode; then when it recovers. */
  async waitWhileSlow(): Promise<void> {
    if (this.down !== 'slow') return;
    await new Promise<void>((resume) => this.held.push(resume));
  }
}
