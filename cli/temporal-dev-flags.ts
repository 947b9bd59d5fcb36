// Dynamic config for the Temporal dev server that `holdfast dev` and the benchmark start, so
// the benchmark's floor and payments run on the server developers use. Measured with
// `npm run bench` on the 2-core machine (docs/benchmarks.md, "Server settings").
export const DEV_SERVER_DYNAMIC_CONFIG: Record<string, number | boolean> = {
  // One partition per task queue: on a single node, the default four only forward polls and
  // tasks between partitions of the same process. The floor ran faster with one.
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
  // Not system.enableActivityEagerExecution: it works (a bare ten-activity workflow took half
  // the time), but in three runs it did not raise payments/s, and every floor run was slower.
};
