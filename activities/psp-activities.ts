// PSP calls as activities. The gateway's error contract becomes Temporal's: a refused
// request is non-retryable, everything else thrown is retried by the workflow's policy with
// the same idempotency key, so the PSP performs each mutation at most once.
import { ApplicationFailure } from '@temporalio/common';
import type { PspName } from '../domain/psp';
import {
  PspRequestError,
  type AuthorizeRequest,
  type CancelRequest,
  type CaptureRequest,
  type PspGateway,
  type RefundRequest,
} from './psp/gateway';

export const PSP_REQUEST_REJECTED = 'PspRequestRejected';

type Routed<T> = T & { psp: PspName };

export function createPspActivities({ psps }: { psps: Record<PspName, PspGateway> }) {
  async function call<T>(psp: PspName, operation: (gateway: PspGateway) => Promise<T>): Promise<T> {
    const gateway = psps[psp];
    if (!gateway) throw ApplicationFailure.nonRetryable(`no gateway configured for ${psp}`, PSP_REQUEST_REJECTED);
    try {
      return await operation(gateway);
    } catch (error) {
      if (error instanceof PspRequestError) {
        throw ApplicationFailure.create({
          message: error.message,
          type: PSP_REQUEST_REJECTED,
          nonRetryable: true,
          details: [{ code: error.code }],
          cause: error,
        });
      }
      throw error;
    }
  }

  return {
    authorizePayment: ({ psp, ...request }: Routed<AuthorizeRequest>) => call(psp, (g) => g.authorize(request)),
    capturePayment: ({ psp, ...request }: Routed<CaptureRequest>) => call(psp, (g) => g.capture(request)),
    cancelPayment: ({ psp, ...request }: Routed<CancelRequest>) => call(psp, (g) => g.cancel(request)),
    refundPayment: ({ psp, ...request }: Routed<RefundRequest>) => call(psp, (g) => g.refund(request)),
    retrievePayment: ({ psp, pspReference }: { psp: PspName; pspReference: string }) =>
      call(psp, (g) => g.retrieve(pspReference)),
  };
}
