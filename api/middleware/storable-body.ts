// A net under the request schemas: a JSON body holding a string Postgres cannot store (U+0000)
// or that is not valid Unicode (a lone surrogate, which the driver would silently replace)
// is refused here, wherever it sits — also in a field no schema names — before anything is
// claimed, started or logged. Without it a NUL reached a workflow's activity, which retried
// its insert forever.
import type { RequestHandler } from 'express';
import { invalidRequest } from '../errors';

const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** True when Postgres can store the text as it is. */
export const isStorable = (text: string): boolean => !UNSTORABLE.test(text);

/** The Stripe-style name (`metadata[order]`) of the first unstorable string, if any. */
export function findUnstorable(value: unknown, path = ''): string | undefined {
  const child = (key: string | number) => (path ? `${path}[${key}]` : String(key));
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorable(item, child(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      // A bad key is named by the object holding it: echoing the key would echo the NUL.
      if (UNSTORABLE.test(key)) return path;
      const found = findUnstorable(item, child(key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export const storableBody: RequestHandler = (req, _res, next) => {
  const param = findUnstorable(req.body);
  if (param !== undefined) {
    next(invalidRequest('parameter_invalid', `Invalid ${param || 'body'}: contains U+0000 or invalid Unicode.`, param || undefined));
    return;
  }
  next();
};
