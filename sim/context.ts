import type { ResponseHolds } from './holds';
import type { RequestLog } from './request-log';
import type { SimStore } from './store';

/** The state one simulator instance shares between its Stripe API and its /_sim routes. */
export interface SimContext {
  store: SimStore;
  requests: RequestLog;
  holds: ResponseHolds;
}
