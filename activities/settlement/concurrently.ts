// Runs `work` over `items` with at most `limit` at once: enough to keep the ledger's group
// commit and Temporal's frontend busy, few enough not to flood either on a busy day.
export async function forEachConcurrently<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runner = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
}
