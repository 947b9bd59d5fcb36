// Workflow interceptors (bundled into the workflow sandbox): the id of the API request that
// last reached the workflow — its start, or a later update or signal — goes into the
// workflow's log attributes and, as a header, to the activities it schedules from then on.
// Headers are in the history, so replay sees the same ids.
import { defaultPayloadConverter, type Headers, type WorkflowInterceptorsFactory } from '@temporalio/workflow';
import { REQUEST_ID_HEADER } from './request-id-header';

export const interceptors: WorkflowInterceptorsFactory = () => {
  let requestId: string | undefined;
  const remember = (headers: Headers) => {
    const payload = headers[REQUEST_ID_HEADER];
    if (payload) requestId = defaultPayloadConverter.fromPayload<string>(payload);
  };
  const forward = (headers: Headers): Headers =>
    requestId === undefined ? headers : { ...headers, [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(requestId) };
  return {
    internals: [
      {
        // The start's headers, before the SDK logs "Workflow started" (ahead of `execute`).
        activate(input, next) {
          const start = input.activation.jobs?.find((job) => job.initializeWorkflow)?.initializeWorkflow;
          if (start?.headers) remember(start.headers as Headers);
          return next(input);
        },
      },
    ],
    inbound: [
      {
        handleSignal: (input, next) => (remember(input.headers), next(input)),
        handleUpdate: (input, next) => (remember(input.headers), next(input)),
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next({ ...input, headers: forward(input.headers) }),
        scheduleLocalActivity: (input, next) => next({ ...input, headers: forward(input.headers) }),
        getLogAttributes: (input, next) => next(requestId === undefined ? input : { ...input, request_id: requestId }),
      },
    ],
  };
};
