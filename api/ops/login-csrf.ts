// CSRF protection of the /ops login form, which has no session yet to bind a token to. The
// login page sets a random nonce in a cookie (HttpOnly, SameSite=Strict) and puts its HMAC
// under a key only this process knows in the form; a login counts only with both, matching.
// Another site can make a browser post the form, but cannot read or set the cookie, nor
// compute the token, so it cannot log a person into its own finance key (login CSRF).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const LOGIN_COOKIE = 'hf_ops_login';
/** Long enough to type a key in, short enough that a leaked pair is soon useless. */
export const LOGIN_FORM_TTL_SECONDS = 3600;

const NONCE = /^[A-Za-z0-9_-]{43}$/;

export function createLoginCsrf() {
  const key = randomBytes(32);
  const tokenFor = (nonce: string) => createHmac('sha256', key).update(`ops-login:${nonce}`).digest();

  return {
    /** The nonce for the login cookie (the browser's own, if it has a good one) and the form's token. */
    issue(cookieNonce: string | undefined): { nonce: string; token: string } {
      const nonce = cookieNonce !== undefined && NONCE.test(cookieNonce) ? cookieNonce : randomBytes(32).toString('base64url');
      return { nonce, token: tokenFor(nonce).toString('base64url') };
    },
    /** Constant time: the comparison must not tell an attacker how much of the token was right. */
    verify(cookieNonce: string | undefined, sent: unknown): boolean {
      if (cookieNonce === undefined || !NONCE.test(cookieNonce) || typeof sent !== 'string') return false;
      const expected = tokenFor(cookieNonce);
      const actual = Buffer.from(sent, 'base64url');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
