// /ops login sessions. Kept in memory, in the API process: a restart logs finance out, and
// with several API processes a load balancer must keep a person on one (sticky sessions).
// That is enough for a handful of people on an internal page; a shared store is the step
// up. The cookie holds only a random token; each session carries its own CSRF token.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Database } from '../../db/client';
import { isActiveApiKey } from '../../db/queries/merchants';

export const SESSION_COOKIE = 'hf_ops';

/** A working day; after that, log in again. */
export const OPS_SESSION_TTL_MS = 12 * 3600_000;

export type Flash = { kind: 'ok' | 'error'; text: string };

export interface OpsSession {
  token: string;
  /** The finance key logged in with: the actor of everything done in this session. */
  keyId: string;
  csrfToken: string;
  expiresAt: number;
  /** Shown once on the next page, after a redirect (post/redirect/get). */
  flash?: Flash;
}

/** What a page renders with: the session, and the message it shows once. */
export interface PageContext {
  session: OpsSession;
  flash?: Flash;
}

const newToken = () => randomBytes(32).toString('base64url');

export function createSessionStore(options: { ttlMs: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const sessions = new Map<string, OpsSession>();

  function dropExpired(): void {
    const at = now();
    for (const [token, session] of sessions) if (session.expiresAt <= at) sessions.delete(token);
  }

  return {
    create(keyId: string): OpsSession {
      dropExpired();
      const session = { token: newToken(), keyId, csrfToken: newToken(), expiresAt: now() + options.ttlMs };
      sessions.set(session.token, session);
      return session;
    },
    find(token: string | undefined): OpsSession | undefined {
      const session = token === undefined ? undefined : sessions.get(token);
      if (!session) return undefined;
      if (session.expiresAt > now()) return session;
      sessions.delete(session.token);
      return undefined;
    },
    destroy(token: string): void {
      sessions.delete(token);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

/** The request's live session of a finance key that is still valid, or nothing. */
export async function liveSession(db: Database, sessions: SessionStore, req: Request): Promise<OpsSession | undefined> {
  const session = sessions.find(sessionToken(req));
  if (!session) return undefined;
  // A revoked key ends its sessions at once.
  if (await isActiveApiKey(db, session.keyId)) return session;
  sessions.destroy(session.token);
  return undefined;
}

/** Constant time: the comparison must not tell an attacker how much of the token was right. */
export function csrfTokenMatches(session: OpsSession, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(sent);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function sessionToken(req: Request): string | undefined {
  return cookieValue(req, SESSION_COOKIE);
}

export function cookieValue(req: Request, cookie: string): string | undefined {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === cookie) return value.join('=');
  }
  return undefined;
}
