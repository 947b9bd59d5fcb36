// The shape floor's activities: they do nothing, so what a shape-floor run costs is Temporal's.
export function createShapeFloorActivities() {
  return {
    async noop(): Promise<void> {},
  };
}
