// How the PSP activities (payments, payouts, dispute evidence, reports) turn the gateways'
// errors into Temporal failures, with the type names of domain/failures.ts, so every workflow
// lists the same non-retryable types.
import { ApplicationFailure } from '@temporalio/common';
import { PSP_NOT_CONFIGURED, PSP_REQUEST_REJECTED } from '../domain/failures';
import type { PspName } from '../domain/psp';
import type { PspGateway, PspRequestError } from '../domain/psp-gateway';
import type { PspGateways } from '../psp/gateways';

/**
 * The gateway for `psp`, or a non-retryable `PspNotConfigured`: a deployment wired without this
 * PSP answers the same for every kind of call, and retrying cannot configure it.
 */
export function gatewayFor(psps: PspGateways, psp: PspName): PspGateway {
  const gateway = psps[psp];
  if (!gateway) throw ApplicationFailure.nonRetryable(`no gateway configured for ${psp}`, PSP_NOT_CONFIGURED);
  return gateway;
}

/**
 * A refused request as a non-retryable failure: retrying the same request cannot help. The
 * field at fault travels too when the refusal names one (an adapter's `amount_not_supported`).
 */
export function pspRequestRejected(error: PspRequestError): ApplicationFailure {
  const param = (error as PspRequestError & { param?: unknown }).param;
  return ApplicationFailure.create({
    message: error.message,
    type: PSP_REQUEST_REJECTED,
    nonRetryable: true,
    details: [{ code: error.code, ...(typeof param === 'string' ? { param } : {}) }],
    cause: error,
  });
}
