// POST handlers with Idempotency-Key semantics (IETF draft, as Stripe implements them):
// - no key → 400 idempotency_key_missing;
// - the body is validated first: a request refused for its shape is not recorded;
// - the first request with a key claims it; its answer — success or refusal — is stored and
//   replayed byte for byte to every retry with the same key and body, with no new effect;
// - same key, other body → 422 idempotency_key_reused;
// - a retry while the first is still running waits for its answer, or gets 409
//   idempotency_key_in_use if it is still running when the wait runs out;
// - the first request refreshes its claim while it runs; a claim left unrefreshed for
//   `claimTimeoutSeconds` (its process died) is taken over by a retry, which runs the request
//   again and reaches the same workflow through the same derived ids (`retried` tells the
//   handler, which may look for what the dead attempt made under an older release's ids);
// - an id derived from the key is bound to the request it was first derived for, beyond the
//   key's expiry (`bind`): the key reused for another request on the same object is a 422;
// - a refusal because another request is still working on the same thing (`NotKeptRefusal`,
//   e.g. a settlement of the date in flight) is not kept under the key: as at Stripe, a request
//   that conflicted with one executing concurrently leaves no result, so the same key retried
//   later runs;
// - an answer holding a secret shown once says what to keep instead (`kept`);
// - merchants' keys are scoped per merchant; a finance key (no merchant) is its own scope.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { Database } from '../db/client';
import { openAnswerBody } from '../db/sealed/idempotent-answer';
import { keyringOf } from '../keyring/bound-keyring';
import type { Keyring } from '../keyring/keyring';
import {
  bindDerivedId,
  claimIdempotencyKey,
  completeIdempotencyKey,
  findIdempotencyRecord,
  rebindDerivedId,
  refreshIdempotencyClaim,
  releaseIdempotencyKey,
  takeOverStaleKey,
  type IdempotencyRecord,
} from '../db/queries/idempotency';
import type { AuthenticatedMerchant } from '../db/queries/merchants';
import { ApiError } from './errors';
import { requireIdempotencyKey } from './idempotency-key';
import { parseOrThrow } from './validate';

export interface IdempotencySettings {
  ttlSeconds: number;
  /** How long a concurrent duplicate waits for the first request's answer. */
  waitMs: number;
  /** A claim not refreshed for this long belongs to a process that died. */
  claimTimeoutSeconds: number;
}

const POLL_MS = 25;
/** Refreshes per claim timeout: a few missed ones (a slow query) do not lose the claim. */
const REFRESHES_PER_TIMEOUT = 4;

export interface IdempotentContext<B> {
  req: Request;
  merchant: AuthenticatedMerchant;
  body: B;
  idempotencyKey: string;
  /**
   * Ties an id derived from the key to this request before anything acts on it; throws 422
   * idempotency_key_reused when the key derived it for a different request before — unless
   * `named` says no object exists under the id (that request was refused, making nothing).
   * Without `named` the id stays the first request's for good.
   */
  bind(derivedId: string, named?: () => Promise<boolean>): Promise<void>;
  /**
   * True when this request took over a claim whose owner died: an earlier attempt of the same
   * request may have made something already — possibly under an older release's ids
   * (legacy-derived-ids.ts). A fresh key is false and never pays for that lookup.
   */
  retried: boolean;
}

export interface Answer {
  status: number;
  body: unknown;
  /**
   * What the key keeps and replays instead of `body`, when `body` must not be stored: the
   * secret of a new API key is shown once and never reaches the idempotency table.
   */
  kept?: unknown;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * The request's fingerprint, kept beside its key and its derived id: a keyed hash (the
 * keyring's blind-index key), since the body holds customer data and a plain hash of it would
 * let anyone holding a dump confirm a guessed email. `legacy` is the plain SHA-256 that
 * releases before encryption at rest kept: a retry of such a request still matches it.
 */
function fingerprints(req: Request, keyring: Keyring): { current: string; legacy: string } {
  const text = `${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(canonical(req.body ?? {}))}`;
  return { current: `k1:${keyring.blindIndex(text, 'idempotency.request')}`, legacy: createHash('sha256').update(text).digest('hex') };
}

function send(res: Response, answer: Answer, replayed: boolean): void {
  if (replayed) res.setHeader('Idempotent-Replayed', 'true');
  res.status(answer.status).json(answer.body);
}

export function idempotentPost<S extends z.ZodType>(
  db: Database,
  settings: IdempotencySettings,
  schema: S,
  handler: (context: IdempotentContext<z.output<S>>) => Promise<Answer>,
): RequestHandler {
  return async (req, res) => {
    // Undefined on finance routes, whose handlers do not read it.
    const merchant: AuthenticatedMerchant = res.locals.merchant;
    const scope = keyScope(res);
    const idempotencyKey = requireIdempotencyKey(req);
    const body = parseOrThrow(schema, req.body);
    const hashes = fingerprints(req, keyringOf(db));
    const claim = {
      merchantId: scope,
      key: idempotencyKey,
      method: req.method,
      path: `${req.baseUrl}${req.path}`,
      requestHash: hashes.current,
      ttlSeconds: settings.ttlSeconds,
    };
    const sameRequest = (hash: string | undefined) => hash === hashes.current || hash === hashes.legacy;

    let retried = false;
    for (;;) {
      const holder = await claimIdempotencyKey(db, claim);
      if (!holder) break;
      const settled = await settledAnswer(db, holder, sameRequest, settings);
      if (settled === 'taken_over') {
        retried = true;
        break;
      }
      if (settled !== 'released') return send(res, settled, true);
      // The first request failed on our side and let go of the key: claim it afresh.
    }

    const bind = async (derivedId: string, named?: () => Promise<boolean>) => {
      const binding = { merchantId: scope, objectId: derivedId, requestHash: claim.requestHash };
      const previousHash = await bindDerivedId(db, binding);
      if (sameRequest(previousHash)) return;
      // Another request was refused before it made anything under this id: the id is free.
      if (previousHash && named && !(await named()) && (await rebindDerivedId(db, { ...binding, previousHash }))) return;
      throw keyReused();
    };
    const heartbeat = setInterval(
      () => void refreshIdempotencyClaim(db, scope, idempotencyKey).catch(() => undefined),
      (settings.claimTimeoutSeconds * 1000) / REFRESHES_PER_TIMEOUT,
    );
    let answer: Answer;
    try {
      answer = await handler({ req, merchant, body, idempotencyKey, bind, retried });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error instanceof NotKeptRefusal) {
        // With Postgres down the release fails too: the claim then goes stale and the next
        // retry after claimTimeoutSeconds takes it over. Answer for the first failure, not this one.
        await releaseIdempotencyKey(db, scope, idempotencyKey).catch(() => undefined);
        throw error;
      }
      answer = { status: error.status, body: error.toBody() };
    } finally {
      clearInterval(heartbeat);
    }
    await completeIdempotencyKey(db, scope, idempotencyKey, { status: answer.status, body: answer.kept ?? answer.body });
    send(res, answer, false);
  };
}

/**
 * The answer another request with this key gave (waiting for it if it is still running);
 * `taken_over` when its claim was stale and now belongs to this request; `released` when it
 * failed on our side and gave the key up.
 */
async function settledAnswer(
  db: Database,
  first: IdempotencyRecord,
  sameRequest: (hash: string) => boolean,
  settings: IdempotencySettings,
): Promise<Answer | 'taken_over' | 'released'> {
  if (!sameRequest(first.requestHash)) throw keyReused();
  const deadline = Date.now() + settings.waitMs;
  let record: IdempotencyRecord | undefined = first;
  while (record && record.state === 'in_progress') {
    if (await takeOverStaleKey(db, first.merchantId, first.key, settings.claimTimeoutSeconds)) return 'taken_over';
    if (Date.now() >= deadline) {
      throw new ApiError(
        409,
        'idempotency_error',
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still being processed. Retry later.',
        'Idempotency-Key',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    record = await findIdempotencyRecord(db, first.merchantId, first.key);
  }
  if (!record) return 'released';
  return { status: record.responseStatus!, body: await openAnswerBody(keyringOf(db), record.responseBody, record.dataKeyId) };
}

/** A refusal that a retry with the same key may not get: it is answered, never kept under the key. */
export class NotKeptRefusal extends ApiError {}

/** Whose keys these are: the merchant's, or for a finance key (which acts for no merchant) the key's own. */
function keyScope(res: Response): string {
  const merchant = res.locals.merchant as AuthenticatedMerchant | undefined;
  if (merchant) return merchant.id;
  return `finance:${(res.locals.apiKey as { id: string }).id}`;
}

export function keyReused(): ApiError {
  return new ApiError(
    422,
    'idempotency_error',
    'idempotency_key_reused',
    'This Idempotency-Key was already used with a different request. Use a new key for a new request.',
    'Idempotency-Key',
  );
}
