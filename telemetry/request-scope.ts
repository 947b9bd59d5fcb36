// The API request a piece of async work belongs to, without passing it through every call:
// the API enters the scope once per request, and the Temporal client interceptor reads it.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

const scope = new AsyncLocalStorage<string>();

/** Runs the rest of the request's middleware and handlers inside its request id's scope. */
export const requestScope: RequestHandler = (_req, res, next) => {
  scope.run(res.locals.requestId as string, next);
};

export function currentRequestId(): string | undefined {
  return scope.getStore();
}
