// The settings object the API answers with (api/schemas/settings.ts describes it).
import type { MerchantSettings } from '../db/queries/merchant-settings';

export function settingsView(settings: MerchantSettings) {
  return {
    object: 'settings' as const,
    capture_before_seconds: settings.captureBeforeSeconds,
    statement_descriptor: settings.statementDescriptor,
    default_psps: settings.defaultPsps,
  };
}
