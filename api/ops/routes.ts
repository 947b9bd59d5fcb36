// /ops: finance's pages, server-rendered. Outside the JSON /v1 API: a person logs in once
// with a finance key and gets a session cookie (HttpOnly, SameSite=Strict, scoped to /ops,
// Secure whenever the request came over TLS); every form that changes something carries a
// CSRF token (the session's, or before login the login form's), and a POST from another
// origin is refused outright. Pages read and act through the same queries and functions as
// the finance API, and answer HTML, errors too.
import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { findApiKeyOwner } from '../../db/queries/merchants';
import { listExceptions } from '../../db/queries/exceptions';
import { findPayoutForFinance, payoutsAwaitingApproval } from '../../db/queries/payout-approvals';
import { findBatchDocuments, findSettlementDetail, listSettlementSummaries } from '../../db/queries/settlement-views';
import { formatMoney } from '../../domain/money';
import { businessDateOf } from '../../domain/settlement/business-date';
import { approvePayoutUpdate } from '../../contracts/payout.contract';
import type { ApiDeps } from '../deps';
import { ApiError, notFound } from '../errors';
import { cardDataGuard } from '../middleware/card-data-guard';
import { opsLoginRateLimit } from '../middleware/rate-limit';
import { payoutNotAwaitingApproval, updatePayout } from '../payout-commands';
import { startReconciliationRun } from '../routes/reconciliations';
import { resolveThroughApi } from '../routes/reconciliation-exceptions';
import { businessDate } from '../schemas/settlements';
import { resolveReconciliationExceptionBody } from '../schemas/reconciliations';
import { parseOrThrow } from '../validate';
import { payoutView } from '../../views/payout';
import { reconciliationExceptionView } from '../../views/reconciliation';
import { settlementDetailView, settlementView } from '../../views/settlement';
import { exceptionsPage, type ExceptionsFilter } from './exceptions-page';
import { html } from './html';
import { page } from './layout';
import { loginPage } from './login-page';
import { payoutsPage } from './payouts-page';
import { createLoginCsrf, LOGIN_COOKIE, LOGIN_FORM_TTL_SECONDS } from './login-csrf';
import {
  cookieValue,
  csrfTokenMatches,
  liveSession,
  OPS_SESSION_TTL_MS,
  SESSION_COOKIE,
  type OpsSession,
  type SessionStore,
} from './sessions';
import { settlementPage, settlementsPage } from './settlements-page';

/** Exceptions (or payouts) on one page of a queue; the filter narrows the exceptions. */
const QUEUE_LIMIT = 100;

const HEADERS = {
  // No scripts at all, styles only inline, forms only to this origin, never in a frame.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // No referrer to other sites; same-origin, so the browser's Origin on our own forms is our
  // origin (under no-referrer it is "null", which the Origin check refuses).
  'Referrer-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const exceptionsFilter = z.object({
  status: z.enum(['open', 'resolved', 'all']).catch('open'),
  category: z
    .enum(['2', '3'])
    .transform((value) => Number(value) as 2 | 3)
    .optional()
    .catch(undefined),
  kind: z
    .string()
    .regex(/^[a-z][a-z_]{0,63}$/)
    .optional()
    .catch(undefined),
});

/** Back to where a form was, only ever within /ops: never an open redirect. */
const backTo = (value: unknown, fallback: string) =>
  typeof value === 'string' && /^\/ops\/[A-Za-z0-9_/?=&%.-]*$/.test(value) ? value : fallback;

/** `sessions` is shared with the codec endpoint (api/routes/temporal-codec.ts), which a session may call. */
export function opsRoutes(deps: ApiDeps, sessions: SessionStore): Router {
  const { config, db } = deps;
  const loginCsrf = createLoginCsrf();
  const loginRateLimit = opsLoginRateLimit(deps);
  const publicOrigin = new URL(config.publicUrl).origin;
  const router = Router();

  router.use((_req, res, next) => {
    res.set(HEADERS);
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: '16kb' }), cardDataGuard);

  /**
   * Browsers name the page a form was posted from: a POST from anywhere but this origin (as
   * the request reached us, or the public URL) is refused before any token is looked at.
   */
  router.use((req, res, next) => {
    const origin = req.get('origin');
    if (req.method !== 'POST' || origin === undefined || origin === publicOrigin || origin === `${req.protocol}://${req.get('host')}`) {
      next();
      return;
    }
    res.status(403).send(refusedPage());
  });

  const today = () => businessDateOf(new Date(), config.settlement.timeZone);

  /**
   * Secure when the request came over TLS (req.secure: X-Forwarded-Proto only from a proxy
   * TRUST_PROXY names) or holdfast is published over https: the cookie then never travels in
   * clear text, even to a plain-http URL of the same host.
   */
  function setCookie(req: Request, res: Response, name: string, value: string, maxAgeSeconds: number) {
    const attributes = [`${name}=${value}`, 'Path=/ops', 'HttpOnly', 'SameSite=Strict', `Max-Age=${maxAgeSeconds}`];
    if (req.secure || publicOrigin.startsWith('https:')) attributes.push('Secure');
    res.append('Set-Cookie', attributes.join('; '));
  }

  /** The login form, with a token for the browser's login cookie (set here if it has none). */
  function sendLoginPage(req: Request, res: Response, status: number, error?: string) {
    const { nonce, token } = loginCsrf.issue(cookieValue(req, LOGIN_COOKIE));
    setCookie(req, res, LOGIN_COOKIE, nonce, LOGIN_FORM_TTL_SECONDS);
    res.status(status).send(loginPage(token, error));
  }

  const currentSession = (req: Request) => liveSession(db, sessions, req);

  /** Pages below need a session; a state-changing POST also needs its CSRF token. */
  const withSession: RequestHandler = async (req, res, next) => {
    const session = await currentSession(req);
    if (!session) {
      res.redirect(303, '/ops');
      return;
    }
    if (req.method === 'POST' && !csrfTokenMatches(session, req.body?.csrf_token)) {
      res.status(403).send(refusedPage());
      return;
    }
    res.locals.session = session;
    next();
  };

  /** The page's context, taking the message the last action left for it. */
  function context(res: Response) {
    const session: OpsSession = res.locals.session;
    const flash = session.flash;
    delete session.flash;
    return { session, flash };
  }

  function redirectWith(res: Response, location: string, flash: OpsSession['flash']) {
    (res.locals.session as OpsSession).flash = flash;
    res.redirect(303, location);
  }

  router.get('/', async (req, res) => {
    if (await currentSession(req)) res.redirect(303, '/ops/settlements');
    else sendLoginPage(req, res, 200);
  });

  router.post('/login', async (req, res) => {
    if (!loginCsrf.verify(cookieValue(req, LOGIN_COOKIE), req.body?.csrf_token)) {
      res.status(403).send(refusedPage());
      return;
    }
    // Counted once the form is known to be ours, before the key is looked up.
    const attempt = await loginRateLimit(req, res);
    if (!attempt.allowed) {
      sendLoginPage(req, res, 429, `Too many login attempts from your address. Try again in ${attempt.resetSeconds} seconds.`);
      return;
    }
    const key = typeof req.body?.api_key === 'string' ? req.body.api_key.trim() : '';
    const owner = key ? await findApiKeyOwner(db, key) : undefined;
    if (owner?.role !== 'finance') {
      // The same answer for an unknown key and a merchant's: nothing to learn by trying.
      sendLoginPage(req, res, 401, 'That is not a valid finance key.');
      return;
    }
    const session = sessions.create(owner.keyId);
    setCookie(req, res, LOGIN_COOKIE, '', 0);
    setCookie(req, res, SESSION_COOKIE, session.token, OPS_SESSION_TTL_MS / 1000);
    res.redirect(303, '/ops/settlements');
  });

  router.post('/logout', withSession, (req, res) => {
    sessions.destroy((res.locals.session as OpsSession).token);
    setCookie(req, res, SESSION_COOKIE, '', 0);
    res.redirect(303, '/ops');
  });

  router.get('/settlements', withSession, async (req, res) => {
    const asked = businessDate.safeParse(req.query.date);
    const date = asked.success ? asked.data : today();
    const shown = context(res);
    if (req.query.date !== undefined && !asked.success) {
      shown.flash = { kind: 'error', text: `Not a date: ${String(req.query.date)}; showing today.` };
    }
    const settlements = await listSettlementSummaries(db, { date });
    res.send(settlementsPage(date, settlements.map(settlementView), shown));
  });

  const requireSettlement = async (id: string) => {
    const detail = await findSettlementDetail(db, id);
    if (!detail) throw new ApiError(404, 'invalid_request_error', 'resource_missing', `No such settlement: ${id}`);
    return detail;
  };

  router.get('/settlements/:id', withSession, async (req, res) => {
    const detail = await requireSettlement(String(req.params.id));
    res.send(settlementPage(settlementDetailView(detail), context(res)));
  });

  router.get('/settlements/:id/batches/:batchId/:document', withSession, async (req, res) => {
    const documents = await findBatchDocuments(db, String(req.params.id), String(req.params.batchId));
    const document = req.params.document;
    const text = document === 'file' ? documents?.rawRequest : document === 'response' ? documents?.rawResponse : undefined;
    if (text === undefined || text === null)
      throw new ApiError(404, 'invalid_request_error', 'resource_missing', 'No such batch document.');
    // Shown as text whatever it holds: the page's origin never renders a document as HTML.
    res.type('text/plain').send(text);
  });

  router.post('/settlements/:id/reconcile', withSession, async (req, res) => {
    const { settlement } = await requireSettlement(String(req.params.id));
    const back = `/ops/settlements?date=${settlement.businessDate}`;
    try {
      const run = await startReconciliationRun(deps, { date: settlement.businessDate, psp: settlement.psp });
      redirectWith(res, back, { kind: 'ok', text: `Reconciliation ${run.id} of ${settlement.psp} ${settlement.businessDate} started.` });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      redirectWith(res, back, { kind: 'error', text: error.message });
    }
  });

  router.get('/exceptions', withSession, async (req, res) => {
    const filter: ExceptionsFilter = exceptionsFilter.parse(req.query);
    const rows = await listExceptions(db, {
      status: filter.status === 'all' ? undefined : filter.status,
      category: filter.category,
      kind: filter.kind,
      limit: QUEUE_LIMIT + 1,
    });
    const shown = rows.slice(0, QUEUE_LIMIT).map(reconciliationExceptionView);
    res.send(exceptionsPage(filter, shown, rows.length > QUEUE_LIMIT, context(res)));
  });

  router.post('/exceptions/:id/resolve', withSession, async (req, res) => {
    const back = backTo(req.body?.back, '/ops/exceptions');
    const session = res.locals.session as OpsSession;
    try {
      const body = parseOrThrow(resolveReconciliationExceptionBody, { action: req.body?.action, note: req.body?.note });
      const resolved = await resolveThroughApi(deps, { exceptionId: String(req.params.id), ...body, actor: session.keyId });
      // A retry reconciles the date again, which may find the same difference again.
      const text =
        resolved.status === 'resolved' ? `${resolved.id} resolved: ${body.action}.` : `${resolved.id} is still open after ${body.action}.`;
      redirectWith(res, back, { kind: 'ok', text });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      redirectWith(res, back, { kind: 'error', text: `${req.params.id} not resolved: ${error.message}` });
    }
  });

  router.get('/payouts', withSession, async (_req, res) => {
    const rows = await payoutsAwaitingApproval(db, QUEUE_LIMIT + 1);
    const shown = rows.slice(0, QUEUE_LIMIT).map((row) => ({ ...payoutView(row), merchant: row.merchantId }));
    res.send(payoutsPage(shown, rows.length > QUEUE_LIMIT, context(res)));
  });

  router.post('/payouts/:id/approve', withSession, async (req, res) => {
    const id = String(req.params.id);
    const session = res.locals.session as OpsSession;
    try {
      const payout = await findPayoutForFinance(db, id);
      if (!payout) throw notFound('payout', id);
      // The same Update as POST /v1/payouts/:id/approve: the workflow decides, and records the key.
      const approved = await updatePayout(
        deps.temporal,
        payout.id,
        (h) => h.executeUpdate(approvePayoutUpdate, { args: [{ approvedBy: session.keyId }] }),
        // Its workflow has finished (paid, failed, canceled): the read model says how.
        () => payoutNotAwaitingApproval(payout.status),
      );
      const text = `${approved.id} approved: ${formatMoney(approved.amount, approved.currency)} to ${approved.sellerId}, now ${approved.status}.`;
      redirectWith(res, '/ops/payouts', { kind: 'ok', text });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      redirectWith(res, '/ops/payouts', { kind: 'error', text: `${id} not approved: ${error.message}` });
    }
  });

  router.use(() => {
    throw new ApiError(404, 'invalid_request_error', 'route_not_found', 'No such page.');
  });

  const errors: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof ApiError) {
      res
        .status(error.status)
        .send(page(error.status === 404 ? 'Not found' : 'Refused', html`<p>${error.message}</p><p><a href="/ops">Back</a></p>`));
      return;
    }
    res.locals.log?.error({ err: error }, 'ops page failed');
    res.status(500).send(page('Something went wrong', html`<p>Something went wrong on our side.</p><p><a href="/ops">Back</a></p>`));
  };
  router.use(errors);

  return router;
}

function refusedPage(): string {
  return page('Refused', html`<p>This form is stale or did not come from this page. <a href="/ops">Start again</a>.</p>`);
}
