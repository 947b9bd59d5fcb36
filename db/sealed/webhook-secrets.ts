// Webhook signing secrets at rest. Both columns share one context, because a rotation moves
// the current secret into previous_secret in SQL without opening it.
import type { Keyring } from '../../keyring/keyring';
import { openText, sealText } from '../../keyring/sealed-text';

const CONTEXT = 'webhook_endpoints.secret';

export function sealWebhookSecret(keyring: Keyring, secret: string): string {
  return sealText(keyring, secret, CONTEXT);
}

export function openWebhookSecret(keyring: Keyring, stored: string): Promise<string> {
  return openText(keyring, stored, CONTEXT);
}
