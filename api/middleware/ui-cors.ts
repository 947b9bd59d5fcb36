// CORS for the Temporal Web UI's calls to the codec endpoint: only the configured origins
// (TEMPORAL_UI_ORIGIN) may read its answers, with credentials (the /ops session cookie), and
// their preflights are answered here. Any other origin gets no CORS header at all, so the
// browser keeps the answer from its page; its preflight is refused outright.
import type { RequestHandler } from 'express';
import { ApiError } from '../errors';

/** How long a browser may reuse a preflight's answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function uiCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    // The answer depends on the Origin sent: a cache must not hand one origin's to another.
    res.vary('Origin');
    const origin = req.get('origin');
    const known = origin !== undefined && allowed.has(origin);
    if (known) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
    }
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    if (!known) {
      next(
        new ApiError(
          403,
          'permission_error',
          'origin_not_allowed',
          'This origin may not call the codec endpoint: list it in TEMPORAL_UI_ORIGIN.',
          'Origin',
        ),
      );
      return;
    }
    res
      .set({
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
      })
      .status(204)
      .end();
  };
}
