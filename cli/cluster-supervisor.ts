// Keeps `holdfast cluster`'s processes running, as an orchestrator would: each is a child of
// this process; one that dies without being asked to is started again (after a pause that
// doubles while it keeps dying young), and whoever listens hears of its new pid. A role can be
// held down (`holdfast cluster stop <role>`) and brought back (`start <role>`).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ProcessSpec {
  /** What the process is, as cluster.json names it (api, worker, temporal-history …). */
  role: string;
  /** Unique in the cluster: the role, or role-N when a role has several processes. */
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Run as this user (Postgres refuses to run as root). */
  uid?: number;
  gid?: number;
  /** Where its stdout and stderr go (appended, across restarts). */
  logFile: string;
  /** Resolves true once the process does its job; asked again until it does. */
  ready(pid: number): Promise<boolean>;
  /** How it is asked to stop; SIGKILL follows after STOP_GRACE_MS. */
  stopSignal?: NodeJS.Signals;
}

const READY_DEADLINE_MS = 120_000;
const STOP_GRACE_MS = 20_000;
const FIRST_RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;
/** A process that ran this long before dying is restarted at once, not after a longer pause. */
const STABLE_AFTER_MS = 30_000;
const LOG_TAIL_BYTES = 4000;

interface Run {
  child: ChildProcess;
  startedAt: number;
  /** Set when we stop it: its exit is then no reason to restart. */
  asked: boolean;
  exited: Promise<void>;
}

export class SupervisedProcess {
  private current?: Run;
  private restartTimer?: NodeJS.Timeout;
  /** Consecutive deaths of young processes; sets the next restart's pause. */
  private crashes = 0;
  private held = false;
  private finished = false;

  constructor(
    readonly spec: ProcessSpec,
    private readonly onChange: () => void,
    private readonly log: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  get isHeld(): boolean {
    return this.held;
  }

  /** Starts the process and resolves once it is ready; rejects (with its log's tail) if it dies first. */
  async start(): Promise<void> {
    const run = this.spawn();
    const deadline = Date.now() + READY_DEADLINE_MS;
    let pause = 50;
    for (;;) {
      if (this.current !== run) throw new Error(`${this.spec.name} exited before it was ready:\n${this.logTail()}`);
      const pid = run.child.pid;
      if (pid !== undefined && (await this.spec.ready(pid).catch(() => false))) return;
      if (Date.now() > deadline) throw new Error(`${this.spec.name} not ready after ${READY_DEADLINE_MS} ms:\n${this.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      pause = Math.min(pause * 2, 500);
    }
  }

  /** Stops the process and keeps it down until release(). */
  async hold(): Promise<void> {
    this.held = true;
    this.cancelRestart();
    await this.kill();
    this.onChange();
  }

  /** Brings a held process back; resolves once it is ready. */
  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    this.crashes = 0;
    await this.start();
  }

  /** Stops it for good (the cluster is shutting down). */
  async stop(): Promise<void> {
    this.finished = true;
    this.cancelRestart();
    await this.kill();
  }

  private spawn(): Run {
    mkdirSync(path.dirname(this.spec.logFile), { recursive: true });
    // The child writes to the file itself: nothing to drain here, and its output survives us.
    const out = openSync(this.spec.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(this.spec.command, this.spec.args, {
        env: this.spec.env,
        stdio: ['ignore', out, out],
        uid: this.spec.uid,
        gid: this.spec.gid,
      });
    } finally {
      closeSync(out);
    }
    let markExited: () => void = () => undefined;
    const run: Run = { child, startedAt: Date.now(), asked: false, exited: new Promise((resolve) => (markExited = resolve)) };
    this.current = run;
    child.once('error', (error) => this.log(`${this.spec.name}: ${error.message}`));
    // 'close', not 'exit': an 'error' (spawn failed) is followed by 'close' alone.
    child.once('close', (code, signal) => {
      markExited();
      if (this.current === run) this.current = undefined;
      if (run.asked || this.held || this.finished) return;
      this.log(`${this.spec.name} (pid ${child.pid ?? '?'}) exited unasked (${signal ?? `code ${code}`})`);
      this.scheduleRestart(Date.now() - run.startedAt);
    });
    this.onChange();
    return run;
  }

  private scheduleRestart(ranForMs: number): void {
    this.crashes = ranForMs >= STABLE_AFTER_MS ? 0 : this.crashes + 1;
    const delay = this.crashes === 0 ? 0 : Math.min(FIRST_RESTART_DELAY_MS * 2 ** (this.crashes - 1), MAX_RESTART_DELAY_MS);
    this.log(`restarting ${this.spec.name} in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.held || this.finished) return;
      const run = this.spawn();
      this.log(`${this.spec.name} restarted as pid ${run.child.pid ?? '?'}`);
    }, delay);
    this.onChange();
  }

  private cancelRestart(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  private async kill(): Promise<void> {
    const run = this.current;
    if (!run) return;
    run.asked = true;
    run.child.kill(this.spec.stopSignal ?? 'SIGTERM');
    const timer = setTimeout(() => {
      this.log(`${this.spec.name} did not stop within ${STOP_GRACE_MS} ms: SIGKILL`);
      run.child.kill('SIGKILL');
    }, STOP_GRACE_MS);
    await run.exited;
    clearTimeout(timer);
  }

  private logTail(): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').slice(-LOG_TAIL_BYTES).trim() || '(no output)';
    } catch {
      return '(no output)';
    }
  }
}
