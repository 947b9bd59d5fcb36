// The data converter every Temporal client and worker of holdfast uses: payloads sealed by
// the keyring, failure messages encoded so they are sealed too.
import type { DataConverter } from '@temporalio/common';
import type { Keyring } from './keyring';
import { keyringPayloadCodec } from './payload-codec';

/** For bundleWorkflowCode: the workflow sandbox converts its own failures. */
export const failureConverterPath = require.resolve('./failure-converter');

export function encryptedDataConverter(keyring: Keyring | (() => Promise<Keyring>)): DataConverter {
  return { payloadCodecs: [keyringPayloadCodec(keyring)], failureConverterPath };
}
