// Typed activity mocks that record every call, shared by the workflow harnesses: each mocked
// activity notes its input and the workflow time it was scheduled at before it runs, and a
// test can wait until one has been called n times. Each harness subclasses it with its
// activities' defaults and the readings its tests make.
import { Context } from '@temporalio/activity';

/** The input (first argument) of activity `K` of the activity map `A`. */
export type InputOf<A, K extends keyof A> = A[K] extends (...args: infer P) => unknown ? P[0] : never;

/** One recorded call; `at` is the workflow time (test server clock) it was scheduled at. */
export type RecordedCall<A> = { [K in keyof A]: { name: K; input: InputOf<A, K>; at: number } }[keyof A];

type Waiter<A> = { matches: (call: RecordedCall<A>) => boolean; count: number; resolve: () => void };

export class RecordingMocks<A extends object> {
  readonly calls: RecordedCall<A>[] = [];
  /** What the worker serves: `impl`, each activity wrapped to record its call first. */
  readonly activities: A;
  private waiters: Waiter<A>[] = [];

  constructor(impl: A) {
    const wrapped = Object.entries(impl as Record<string, (input: unknown) => Promise<unknown>>).map(([name, run]) => [
      name,
      (input: unknown) => {
        this.record({ name, input, at: Context.current().info.currentAttemptScheduledTimestampMs } as RecordedCall<A>);
        return run(input);
      },
    ]);
    this.activities = Object.fromEntries(wrapped) as A;
  }

  private record(call: RecordedCall<A>): void {
    this.calls.push(call);
    this.waiters = this.waiters.filter((w) => {
      if (!w.matches(call) || w.count > this.calls.filter(w.matches).length) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves once `name` has been called `count` times (at once if it already has). */
  called(name: keyof A, count = 1): Promise<void> {
    return this.calledWhere((c) => c.name === name, count);
  }

  /** Resolves once `count` calls match (at once if they already do). */
  calledWhere(matches: (call: RecordedCall<A>) => boolean, count = 1): Promise<void> {
    if (this.calls.filter(matches).length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ matches, count, resolve }));
  }

  count(name: keyof A): number {
    return this.calls.filter((c) => c.name === name).length;
  }

  /** The inputs of every call to one activity, in call order. */
  inputsOf<K extends keyof A>(name: K): InputOf<A, K>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input as InputOf<A, K>);
  }

  /** Workflow times of every call to one activity, in call order. */
  timesOf(name: keyof A): number[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.at);
  }

  names(): (keyof A)[] {
    return this.calls.map((c) => c.name);
  }
}

/** A promise plus the function that settles it, to hold a mocked activity mid-flight. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
