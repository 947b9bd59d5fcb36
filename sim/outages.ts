// `psp_down` / `psp_up`: a simulated PSP that refuses connections (its listener is closed) or
// answers 503 to every API call, until it recovers.
import type { RequestHandler } from 'express';
import type { PspName } from '../domain/psp';

export type OutageMode = 'refuse' | '503';

export class PspOutages {
  private readonly down = new Map<PspName, OutageMode>();
  private readonly listeners = new Map<PspName, { stop(): Promise<void>; start(): Promise<void> }>();

  /** Registered by the server: how to close and reopen a face's listener. */
  attachListener(psp: PspName, listener: { stop(): Promise<void>; start(): Promise<void> }): void {
    this.listeners.set(psp, listener);
  }

  async setDown(psp: PspName, mode: OutageMode): Promise<void> {
    this.down.set(psp, mode);
    if (mode === 'refuse') await this.listeners.get(psp)?.stop();
  }

  async setUp(psp: PspName): Promise<void> {
    const mode = this.down.get(psp);
    this.down.delete(psp);
    if (mode === 'refuse') await this.listeners.get(psp)?.start();
  }

  mode(psp: PspName): OutageMode | undefined {
    return this.down.get(psp);
  }

  /** Answers 503 to every call while the face is down in 503 mode, before anything changes. */
  unavailableWhenDown(psp: PspName, body: () => unknown): RequestHandler {
    return (_req, res, next) => {
      if (this.down.get(psp) !== '503') return next();
      res.status(503).json(body());
    };
  }
}
