// Adyen tells the outcome of an authorisation or a modification by notification, a little
// after it answered. The face changes its state at once (so the POST that caused it saves it,
// and nothing writes the store after the simulator has closed) and only sends the news later.

/** A few milliseconds: the caller has its answer first; tests waiting for the news wait little. */
const NOTIFICATION_DELAY_MS = 10;

/** Sends each notification in turn, one delay apart, so they arrive in order. */
export function notifyLater(...notifications: Array<() => void>): void {
  const [next, ...rest] = notifications;
  if (!next) return;
  setTimeout(() => {
    next();
    notifyLater(...rest);
  }, NOTIFICATION_DELAY_MS);
}
