/** An Update sent to a workflow that has already finished (a failed payment, a paid payout). */
export function isClosedWorkflowError(error: unknown): boolean {
  return error instanceof Error && /already completed|workflow execution.*(closed|completed)/i.test(error.message);
}
