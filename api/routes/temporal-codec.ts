// The codec endpoint: Temporal's remote codec protocol (POST <endpoint>/decode and /encode),
// so the Web UI and `temporal --codec-endpoint` show the payloads the keyring sealed. Under
// /ops because a person reaches it through the UI with the /ops session cookie (scoped to
// /ops); a script sends a finance key as a bearer token. Merchant keys are refused: the
// payloads hold every merchant's customers. Authenticated before the body is read.
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Payload } from '@temporalio/common';
import { TamperedCiphertext } from '../../keyring/aes-gcm';
import { UnknownDataKey } from '../../keyring/keyring';
import { keyringPayloadCodec, MalformedEncryptedPayload } from '../../keyring/payload-codec';
import type { ApiDeps } from '../deps';
import { ApiError, invalidRequest } from '../errors';
import { authenticate, requireRole } from '../middleware/auth';
import { failedAuthRateLimit } from '../middleware/rate-limit';
import { uiCors } from '../middleware/ui-cors';
import { liveSession, type SessionStore } from '../ops/sessions';
import { codecBody, type CodecPayload } from '../schemas/temporal-codec';
import { parseOrThrow } from '../validate';

/** Room for a 2 MB payload (Temporal's blob limit) and its neighbours, in base64. */
const CODEC_BODY_LIMIT = '8mb';

export function temporalCodecRoutes(deps: ApiDeps, sessions: SessionStore): Router {
  const { db, config, keyring } = deps;
  const codec = keyringPayloadCodec(keyring);
  const router = Router();
  router.use(uiCors(config.temporal.uiOrigins));

  const byKey = Router().use(authenticate(db, failedAuthRateLimit(deps)), requireRole('finance'));
  const bySession: RequestHandler = async (req, _res, next) => {
    if (!(await liveSession(db, sessions, req))) {
      throw new ApiError(
        401,
        'authentication_error',
        'authentication_required',
        'Send a finance key as "Authorization: Bearer <key>", or log in at /ops first.',
      );
    }
    next();
  };
  router.use((req, res, next) => (req.get('authorization') === undefined ? bySession : byKey)(req, res, next));

  router.use((req, _res, next) => {
    const namespace = req.get('x-namespace');
    if (namespace !== undefined && namespace !== config.temporal.namespace) {
      throw invalidRequest('namespace_unknown', `This codec serves the namespace ${config.temporal.namespace} only.`, 'X-Namespace');
    }
    // A JSON body, always: a cross-origin form cannot send one without a preflight.
    if (!req.is('application/json'))
      throw new ApiError(415, 'invalid_request_error', 'unsupported_media_type', 'Send request bodies as application/json.');
    next();
  });
  router.use(express.json({ limit: CODEC_BODY_LIMIT, strict: true }), bodyParserErrors);

  router.post('/encode', async (req, res) => {
    const { payloads } = parseOrThrow(codecBody, req.body);
    res.json({ payloads: (await codec.encode(payloads.map(fromJson))).map(toJson) });
  });

  router.post('/decode', async (req, res) => {
    const { payloads } = parseOrThrow(codecBody, req.body);
    // One at a time, so a refusal names the payload that caused it.
    const decoded = await Promise.all(
      payloads.map(async (payload, index) => {
        try {
          return (await codec.decode([fromJson(payload)]))[0]!;
        } catch (error) {
          throw refusal(error, `payloads[${index}]`);
        }
      }),
    );
    res.json({ payloads: decoded.map(toJson) });
  });

  return router;
}

/** The JSON parser's failures as 4xx; a refusal from before it (authentication) passes on as it is. */
const bodyParserErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  const type = error instanceof ApiError ? undefined : (error as { type?: string }).type;
  if (type === 'entity.too.large')
    next(new ApiError(413, 'invalid_request_error', 'body_too_large', `The request body exceeds ${CODEC_BODY_LIMIT}.`));
  else if (type !== undefined) next(invalidRequest('invalid_json', 'The request body is not valid JSON.'));
  else next(error);
};

/** A payload that does not open is the caller's to know about, never garbage nor a 500. */
function refusal(error: unknown, param: string): unknown {
  if (error instanceof TamperedCiphertext)
    return invalidRequest('payload_tampered', `${param} failed its integrity check: it was altered or sealed for something else.`, param);
  if (error instanceof UnknownDataKey)
    return invalidRequest(
      'payload_key_unknown',
      `${param} was sealed with a data key this service does not hold (another deployment's, or retired).`,
      param,
    );
  if (error instanceof MalformedEncryptedPayload) return invalidRequest('payload_malformed', `${param}: ${error.message}.`, param);
  return error;
}

function fromJson({ metadata, data }: CodecPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value, 'base64')])),
    data: data === undefined ? undefined : Buffer.from(data, 'base64'),
  };
}

function toJson({ metadata, data }: Payload): CodecPayload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')])),
    ...(data ? { data: Buffer.from(data).toString('base64') } : {}),
  };
}
