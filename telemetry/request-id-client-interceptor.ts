// Stamps the current API request's id on every workflow start, update and signal the API sends,
// as a Temporal header: it is in the workflow's history, so the worker's log lines (and a
// replay) can name the request that caused them.
import { defaultPayloadConverter, type Headers } from '@temporalio/common';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { REQUEST_ID_HEADER } from './request-id-header';
import { currentRequestId } from './request-scope';

function stamped(headers: Headers): Headers {
  const requestId = currentRequestId();
  return requestId === undefined ? headers : { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
}

export const requestIdClientInterceptor: WorkflowClientInterceptor = {
  start: (input, next) => next({ ...input, headers: stamped(input.headers) }),
  startWithDetails: (input, next) => next({ ...input, headers: stamped(input.headers) }),
  signal: (input, next) => next({ ...input, headers: stamped(input.headers) }),
  signalWithStart: (input, next) => next({ ...input, headers: stamped(input.headers) }),
  startUpdate: (input, next) => next({ ...input, headers: stamped(input.headers) }),
  startUpdateWithStart: (input, next) =>
    next({ ...input, workflowStartHeaders: stamped(input.workflowStartHeaders), updateHeaders: stamped(input.updateHeaders) }),
};
