// AES-256-GCM, the one cipher holdfast uses at rest: a fresh 96-bit IV per message, the
// 128-bit tag checked on every open. `context` is bound as additional data, so a ciphertext
// moved to another column (or another purpose) fails its tag instead of decrypting there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class TamperedCiphertext extends Error {
  override readonly name = 'TamperedCiphertext';
}

/** iv ‖ ciphertext ‖ tag. */
export function sealBytes(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function openBytes(key: Buffer, sealed: Buffer, context: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new TamperedCiphertext('ciphertext is shorter than its IV and tag');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM says only "unable to authenticate": wrong key, flipped bit or moved ciphertext.
    throw new TamperedCiphertext('ciphertext failed its GCM tag');
  }
}
