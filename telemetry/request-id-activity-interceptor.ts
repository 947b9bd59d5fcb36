// The activity side of the request id: an activity's log lines name the API request its
// workflow was last reached by (the header the workflow interceptors forward).
import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { REQUEST_ID_HEADER } from './request-id-header';

export const requestIdActivityInterceptor: ActivityInterceptorsFactory = () => {
  let requestId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        const payload = input.headers[REQUEST_ID_HEADER];
        if (payload) requestId = defaultPayloadConverter.fromPayload<string>(payload);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes: (input, next) => next(requestId === undefined ? input : { ...input, request_id: requestId }),
    },
  };
};
