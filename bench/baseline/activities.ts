/** Activities that do nothing: the baseline measures Temporal's own cost per activity. */
export const baselineActivities = {
  async noop(): Promise<void> {},
};
