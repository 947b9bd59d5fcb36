// Whether something listens: the probe for a server that has no health endpoint of its own
// (Postgres, Temporal's services, stripe-mock) and for a port that must be free again.
import { connect } from 'node:net';

const PROBE_TIMEOUT_MS = 2_000;

/** Something accepts connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(PROBE_TIMEOUT_MS, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}
