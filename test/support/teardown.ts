// Shared services (Postgres cluster, Temporal dev server, simulator) start once per mocha
// process on first use and register how to stop them here; root-hooks runs the list last.
const steps: Array<() => Promise<unknown>> = [];

export function onTeardown(step: () => Promise<unknown>): void {
  steps.push(step);
}

export async function runTeardown(): Promise<void> {
  // Reverse order: whatever started last depends on what started first.
  for (const step of steps.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      console.error('teardown step failed', error);
    }
  }
}
