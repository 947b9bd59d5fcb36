// A merchant event's object (a payment with its customer, description and metadata) sealed
// whole in events.data, as one JSON text; the relay and GET /v1/events open it.
import type { Keyring } from '../../keyring/keyring';
import { openJson, sealJson } from '../../keyring/sealed-text';

const CONTEXT = 'events.data';

export function sealEventData(keyring: Keyring, object: unknown): { data: string; dataKeyId: string } {
  const dataKeyId = keyring.currentKeyId;
  return { data: sealJson(keyring, object, CONTEXT, dataKeyId), dataKeyId };
}

/** The row with its object opened, for the event's view. */
export async function openEventRow<Row extends { data: unknown; dataKeyId?: string | null }>(keyring: Keyring, row: Row): Promise<Row> {
  return { ...row, data: await openJson(keyring, row.data, CONTEXT, row.dataKeyId) };
}
