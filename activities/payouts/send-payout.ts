// Sends a payout through the seller's PSP. The gateway's error contract becomes Temporal's:
// a refused request is final (non-retryable `PspRequestRejected`, the PSP's code in
// details[0]), and so is a PSP with no gateway here (`PspNotConfigured`); everything else — never reached, timeout, 5xx — is retried by the workflow's
// policy under the same idempotency key, so the PSP pays out at most once.
import type { PspName } from '../../domain/psp';
import { PspRequestError, type PayoutRequest, type PayoutResult, type PspGateway } from '../../domain/psp-gateway';
import { gatewayFor, pspRequestRejected } from '../psp-failures';

export type SendPayoutRequest = PayoutRequest & { psp: PspName };

export async function sendPayout(
  psps: Partial<Record<PspName, PspGateway>>,
  { psp, ...request }: SendPayoutRequest,
): Promise<PayoutResult> {
  const gateway = gatewayFor(psps, psp);
  try {
    return await gateway.createPayout(request);
  } catch (error) {
    if (!(error instanceof PspRequestError)) throw error;
    throw pspRequestRejected(error);
  }
}
