// The Holdfast-Signature header on every webhook holdfast sends:
//   Holdfast-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">
// keyed with the endpoint's secret (the whole `whsec_…` string). The timestamp is signed
// too, so a receiver that checks its age refuses a captured request replayed later. While a
// rotated-out secret is still valid, the header carries one v1 per secret, the new one first.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Holdfast-Signature';

/** How old a signature a receiver accepts by default: five minutes, as Stripe. */
const DEFAULT_TOLERANCE_SECONDS = 300;

export function computeSignature(secret: string, timestamp: number, payload: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(payload).digest('hex');
}

export function signatureHeader(secrets: string | readonly string[], payload: string, timestamp: number): string {
  const signatures = [secrets].flat().map((secret) => `v1=${computeSignature(secret, timestamp, payload)}`);
  return [`t=${timestamp}`, ...signatures].join(',');
}

export class SignatureVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignatureVerificationError';
  }
}

/**
 * What a merchant runs on each webhook: throws unless `header` signs exactly `payload` (the
 * raw body, before any JSON parsing) with `secret`, within the tolerance. Several v1 values
 * are accepted, any one of which may match.
 */
export function verifySignature(input: {
  payload: string | Buffer;
  header: string | undefined;
  secret: string;
  toleranceSeconds?: number;
  nowSeconds?: number;
}): void {
  const { timestamp, signatures } = parseHeader(input.header);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    throw new SignatureVerificationError('The signature timestamp is outside the tolerance.');
  }
  const expected = Buffer.from(computeSignature(input.secret, timestamp, input.payload));
  const matches = signatures.some((candidate) => {
    const given = Buffer.from(candidate);
    // timingSafeEqual needs equal lengths; the length of a hex digest is no secret.
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new SignatureVerificationError('No signature matches the payload.');
}

function parseHeader(header: string | undefined): { timestamp: number; signatures: string[] } {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of (header ?? '').split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw new SignatureVerificationError(`Malformed ${SIGNATURE_HEADER} header.`);
  }
  return { timestamp, signatures };
}
