import type { Acquirer } from './acquirer/acquirer';
import type { SimDisputeFace } from './disputes';
import type { NotificationHolds } from './adyen/notification-holds';
import type { ResponseHolds } from './holds';
import type { PspOutages } from './outages';
import type { PayoutFailures } from './payout-failures';
import type { ReportFaults } from './reports/faults';
import type { RequestLog } from './request-log';
import type { PspName } from '../domain/psp';
import type { RiskOutage } from './risk-outage';
import type { SimStore } from './store';
import type { WebhookSender } from './webhook-sender';

/** The state one simulator instance shares between its PSP faces and its /_sim routes. */
export interface SimContext {
  store: SimStore;
  requests: RequestLog;
  holds: ResponseHolds;
  /** Adyen payments whose modification notifications wait for `adyen_release_notifications`. */
  adyenNotificationHolds: NotificationHolds;
  outages: PspOutages;
  webhooks: WebhookSender;
  /** `risk_down` / `risk_up` for the risk service. */
  risk: RiskOutage;
  /** The card acquirer settlement batches go to (POST /acquirer/batches). */
  acquirer: Acquirer;
  /** Faults tests queued (`report_fault`) for the next settlement report of a PSP face. */
  reportFaults: ReportFaults;
  /** Sellers whose payouts fail (`payout_failure`). */
  payoutFailures: PayoutFailures;
  /** Each PSP face's disputes (`dispute`, `dispute_outcome`). */
  disputes: Record<PspName, SimDisputeFace>;
  /** The simulator's own base URL (control, shopper pages, risk service). */
  publicUrl(): string;
}
