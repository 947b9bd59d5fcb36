// The codec server protocol of Temporal's Web UI and CLI: `{"payloads": [...]}`, each payload
// in proto3 JSON — metadata values and data as standard base64. Strict: a field we do not know
// is refused rather than dropped from what we answer.
import { z } from 'zod';

/** Standard base64 with its padding, what proto3 JSON writes for bytes. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const base64 = z.string().regex(BASE64, 'must be base64');

/** A history event's payloads come in one request; Temporal caps a blob at 2 MB. */
export const MAX_CODEC_PAYLOADS = 1000;

export const codecPayload = z.strictObject({
  // Names checked as a whole, so a refusal names the map, never echoes a hostile name.
  metadata: z
    .record(z.string(), base64)
    .refine(
      (map) => Object.keys(map).every((name) => /^[!-~]{1,128}$/.test(name)),
      'metadata names are 1 to 128 printable ASCII characters',
    )
    .optional(),
  data: base64.optional(),
});

export const codecBody = z.strictObject({
  // proto3 JSON leaves an empty list out: the Temporal CLI sends `{}` for no payloads.
  payloads: z.array(codecPayload).max(MAX_CODEC_PAYLOADS).default([]),
});

export type CodecPayload = z.infer<typeof codecPayload>;
