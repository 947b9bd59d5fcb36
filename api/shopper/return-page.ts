// GET /payments/:id/return: where a 3-D Secure challenge sends the shopper back when the
// merchant gave no return_url (the default built in api/routes/payments.ts). No API key: the
// shopper's browser has none. So the page says only how the payment ended — succeeded,
// failed, or still processing — and nothing else about it: no amount, no merchant, no
// customer data. Every interpolated value is escaped (html``), and the CSP allows no script,
// no form and no frame; while the payment is still processing the page reloads itself.
import type { RequestHandler } from 'express';
import { findPaymentAnyMerchant } from '../../db/queries/payments';
import type { ApiDeps } from '../deps';
import { html, HtmlFragment } from '../ops/html';

/**
 * Matched here rather than by an Express route, whose parameter decoding fails malformed
 * percent-encoding with an error of its own: the segment is compared as it came, and only
 * the ids holdfast gives payments (views/ids.ts) are looked up; anything else is the 404 page.
 */
const RETURN_PATH = /^\/payments\/([^/]+)\/return\/?$/i;
const PAYMENT_ID = /^pay_[a-z0-9]{1,64}$/;
const REFRESH_SECONDS = 3;

const HEADERS = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The URL can carry the PSP's redirect parameters: never hand it on to another site.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

type Outcome = 'succeeded' | 'failed' | 'processing';

const OUTCOMES: Record<string, Outcome> = {
  authorized: 'succeeded',
  captured: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
  processing: 'processing',
  requires_action: 'processing',
};

const WORDS: Record<Outcome, { title: string; text: string }> = {
  succeeded: { title: 'Payment succeeded', text: 'Your payment went through. You can close this page and return to the shop.' },
  failed: {
    title: 'Payment failed',
    text: 'Your payment did not go through and you have not been charged. Return to the shop to try again.',
  },
  processing: { title: 'Payment processing', text: 'Your payment is still being processed. This page updates itself.' },
};

export function paymentReturnPage({ db }: ApiDeps): RequestHandler {
  return async (req, res, next) => {
    const id = RETURN_PATH.exec(req.path)?.[1];
    // Other methods fall through to the 405 the OpenAPI document's paths give.
    if (id === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next();
      return;
    }
    res.set(HEADERS);
    const payment = PAYMENT_ID.test(id) ? await findPaymentAnyMerchant(db, id) : undefined;
    // A status this page does not know reads as still processing, never as a success.
    const outcome = payment ? (OUTCOMES[payment.status] ?? 'processing') : undefined;
    if (!outcome) {
      res
        .status(404)
        .type('html')
        .send(page('Payment not found', 'There is no payment at this address.', 'not-found'));
      return;
    }
    const { title, text } = WORDS[outcome];
    res.type('html').send(page(title, text, outcome, outcome === 'processing' ? REFRESH_SECONDS : undefined));
  };
}

function page(title: string, text: string, outcome: Outcome | 'not-found', refreshSeconds?: number): string {
  const refresh = refreshSeconds === undefined ? '' : html`<meta http-equiv="refresh" content="${refreshSeconds}">`;
  const style = new HtmlFragment('body{font:16px/1.5 system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#222}');
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${title}</title><style>${style}</style></head>
<body><main data-outcome="${outcome}"><h1>${title}</h1><p>${text}</p></main></body>
</html>`.text;
}
