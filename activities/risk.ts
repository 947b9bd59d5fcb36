// Asks the risk service about a payment before it is authorized. Every way the service can
// fail to answer (refused, timed out, 5xx, an answer we cannot read) is *returned* as
// `unavailable`, never thrown: retrying would only delay the payment, and the workflow
// decides with domain/risk's fallback rule whether it may proceed without an answer.
import { z } from 'zod';
import type { Config } from '../config/config';
import type { RiskAssessment } from '../domain/risk';

/** Only what the service needs: never the payment method, never card data. */
export interface RiskInput {
  paymentId: string;
  amount: number;
  currency: string;
  email?: string;
}

const serviceAnswer = z.object({ decision: z.enum(['allow', 'block']), reason: z.string().optional() });

export function createRiskActivities({
  config,
  riskUrl,
}: {
  config: Config;
  /** Where to ask when config.risk.url names no service: the local simulator's risk service. */
  riskUrl?: string;
}) {
  const url = config.risk.url ?? riskUrl;
  const unavailable = (reason: string): RiskAssessment => ({ decision: 'unavailable', reason });

  return {
    /** Without any risk service every payment is allowed, with reason `no_risk_service`. */
    async assessRisk({ paymentId, amount, currency, email }: RiskInput): Promise<RiskAssessment> {
      if (url === undefined) return { decision: 'allow', reason: 'no_risk_service' };
      try {
        // The timeout covers the whole exchange, body included: a service that sends headers
        // and then stalls is as unavailable as one that never answers.
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ payment_id: paymentId, amount, currency, ...(email === undefined ? {} : { email }) }),
          signal: AbortSignal.timeout(config.risk.timeoutMs),
        });
        if (!response.ok) {
          await response.body?.cancel();
          return unavailable(`http_${response.status}`);
        }
        const answer = serviceAnswer.safeParse(await response.json());
        if (!answer.success) return unavailable('invalid_answer');
        return answer.data;
      } catch (error) {
        return unavailable(failureReason(error));
      }
    },
  };
}

function failureReason(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timeout';
  if (error instanceof SyntaxError) return 'invalid_answer';
  return 'unreachable';
}
