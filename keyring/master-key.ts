// The master key wraps data keys and nothing else: data keys encrypt the rows and payloads,
// the master key only their wrapped copies in `data_keys`. A KMS plugs in here by
// implementing MasterKey (wrap and unwrap become KMS Encrypt/Decrypt calls); the local one
// reads 32 bytes from HOLDFAST_MASTER_KEY (base64) or the file HOLDFAST_MASTER_KEY_FILE names.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openBytes, sealBytes } from './aes-gcm';

export interface MasterKey {
  /** Recorded beside each wrapped data key, so a master-key change knows what to rewrap. */
  readonly id: string;
  wrap(dataKey: Buffer): Promise<Buffer>;
  unwrap(wrapped: Buffer): Promise<Buffer>;
}

const WRAP_CONTEXT = 'holdfast data key';

export function localMasterKey(material: Buffer): MasterKey {
  if (material.length !== 32) throw new Error(`the master key must be 32 bytes (AES-256); this one is ${material.length}`);
  // The id names the key without revealing it: a hash of a hash, cut short.
  const id = `local-${createHash('sha256').update(createHash('sha256').update(material).digest()).digest('hex').slice(0, 12)}`;
  return {
    id,
    wrap: async (dataKey) => sealBytes(material, dataKey, WRAP_CONTEXT),
    unwrap: async (wrapped) => openBytes(material, wrapped, WRAP_CONTEXT),
  };
}

/** HOLDFAST_MASTER_KEY wins over HOLDFAST_MASTER_KEY_FILE; neither is an error the caller words. */
export function masterKeyFrom(source: { base64?: string; file?: string }): MasterKey | undefined {
  if (source.base64 !== undefined) return localMasterKey(decodeKey(source.base64, 'HOLDFAST_MASTER_KEY'));
  if (source.file !== undefined) return localMasterKey(decodeKey(readFileSync(source.file, 'utf8').trim(), `the file ${source.file}`));
  return undefined;
}

function decodeKey(text: string, where: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}=$/.test(text)) {
    throw new Error(`${where} must hold 32 random bytes in base64 (44 characters; \`openssl rand -base64 32\`)`);
  }
  return Buffer.from(text, 'base64');
}
