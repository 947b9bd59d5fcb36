import type { Client } from '@temporalio/client';
import type { PspWiring } from '../psp/wiring';
import type { Config } from '../config/config';
import type { Database } from '../db/client';
import type { Keyring } from '../keyring/keyring';
import type { PspName } from '../domain/psp';
import type { TamperAlarm } from '../telemetry/tamper-alarm';
import type { Logger } from '../telemetry/logger';
import type { PaymentCommands } from './payment-commands';

/** What the API is built from; createApp takes it whole so tests can build one per suite. */
export interface ApiDeps {
  config: Config;
  db: Database;
  temporal: Client;
  commands: PaymentCommands;
  logger: Logger;
  /** The PSPs configured, with the secrets their webhooks are verified with. */
  wiring: PspWiring;
  /** Seals and opens personal data at rest (docs/security.md, "Personal data is encrypted at rest"). */
  keyring: Keyring;
  /** Counts the keyring's tamper refusals on /metrics; an app built without one (a test's) counts nothing. */
  tamperAlarm?: TamperAlarm;
  /** The PSPs the workers have a gateway for (configuredPsps(wiring)), as GET /v1/psps reports them. */
  availablePsps: PspName[];
  /** The rate limits' clock, in ms since the epoch; Date.now unless a test freezes it. */
  clock?: () => number;
}
