// PSP calls as activities. The gateway's error contract becomes Temporal's:
// - a refused request is non-retryable (`PspRequestRejected`);
// - a request that never reached the PSP is non-retryable `PspNotReached`, and one for a PSP
//   this deployment has no gateway for `PspNotConfigured`, so the workflow decides: a new
//   payment fails over to the next PSP, nothing else does;
// - everything else thrown is ambiguous and retried by the workflow's policy with the same
//   idempotency key, so the PSP performs each mutation at most once.
// Every call's transport outcome feeds the PSP's shared circuit breaker.
import { ApplicationFailure } from '@temporalio/common';
import { PSP_NOT_REACHED } from '../domain/failures';
import type { PspName } from '../domain/psp';
import {
  PspNotReachedError,
  PspRequestError,
  type AuthorizeRequest,
  type CancelRequest,
  type CaptureRequest,
  type CompleteActionRequest,
  type PspGateway,
  type RefundRequest,
} from '../domain/psp-gateway';
import { gatewayFor, pspRequestRejected } from './psp-failures';

/** What the circuit breaker learns from each call: did the PSP answer as a healthy service? */
export interface PspHealthRecorder {
  recordSuccess(psp: PspName): Promise<void>;
  recordFailure(psp: PspName, error: unknown): Promise<void>;
}

type Routed<T> = T & { psp: PspName };

export function createPspActivities({ psps, health }: { psps: Partial<Record<PspName, PspGateway>>; health?: PspHealthRecorder }) {
  async function call<T>(psp: PspName, operation: (gateway: PspGateway) => Promise<T>): Promise<T> {
    const gateway = gatewayFor(psps, psp);
    let result: T;
    try {
      result = await operation(gateway);
    } catch (error) {
      if (error instanceof PspRequestError) {
        // The PSP answered, and healthily: the request itself was wrong.
        await health?.recordSuccess(psp);
        throw pspRequestRejected(error);
      }
      await health?.recordFailure(psp, error);
      if (error instanceof PspNotReachedError) {
        throw ApplicationFailure.create({ message: error.message, type: PSP_NOT_REACHED, nonRetryable: true, cause: error });
      }
      throw error;
    }
    await health?.recordSuccess(psp);
    return result;
  }

  return {
    authorizePayment: ({ psp, ...request }: Routed<AuthorizeRequest>) => call(psp, (g) => g.authorize(request)),
    lookupAuthorization: ({ psp, ...request }: Routed<AuthorizeRequest>) => call(psp, (g) => g.lookupAuthorization(request)),
    completeAction: ({ psp, ...request }: Routed<CompleteActionRequest>) => call(psp, (g) => g.completeAction(request)),
    capturePayment: ({ psp, ...request }: Routed<CaptureRequest>) => call(psp, (g) => g.capture(request)),
    cancelPayment: ({ psp, ...request }: Routed<CancelRequest>) => call(psp, (g) => g.cancel(request)),
    refundPayment: ({ psp, ...request }: Routed<RefundRequest>) => call(psp, (g) => g.refund(request)),
    retrievePayment: ({ psp, pspReference }: { psp: PspName; pspReference: string }) => call(psp, (g) => g.retrieve(pspReference)),
  };
}
