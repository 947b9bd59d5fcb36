// Errors the person at the terminal can fix; main prints their message alone, no stack.
/** Wrong arguments: exit code 2, like other command-line tools. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Missing settings or a missing dev stack: exit code 1. */
export class SetupError extends Error {
  override name = 'SetupError';
}
