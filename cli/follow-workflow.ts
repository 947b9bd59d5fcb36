// A command that waits for a workflow (`settle`, `keys rotate-data-key --wait`) prints its
// progress whenever it changes: queried every POLL_MS, and done at once when the workflow ends.
import type { WorkflowHandle } from '@temporalio/client';

const POLL_MS = 500;

/**
 * The workflow's result, or its failure thrown. `changed` reads the progress and answers the
 * line to print, or undefined when it says nothing new since `last`.
 */
export async function followWorkflow<T>(
  handle: WorkflowHandle,
  changed: (last: string | undefined) => Promise<string | undefined>,
): Promise<T> {
  const result = handle.result() as Promise<T>;
  let ended = false;
  const finished = result.then(
    () => (ended = true),
    () => (ended = true),
  );
  let last: string | undefined;
  while (!ended) {
    const line = await changed(last);
    if (line !== undefined) console.log((last = line));
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, POLL_MS).unref())]);
  }
  return result;
}
