// What the payment does with the risk service's answer. Pure and workflow-safe: the risk
// activity only reports what the service said (or that it could not say), and the workflow
// applies this rule, so the fallback amount in force is the one recorded in its input.

export type RiskDecision = 'allow' | 'block' | 'unavailable';

export interface RiskAssessment {
  decision: RiskDecision;
  /** The service's reason (`email_domain_blocked`), or why it gave none (`timeout`, `http_503`). */
  reason?: string;
}

export interface RiskFailure {
  failureCode: 'risk_blocked' | 'risk_unavailable';
  failureMessage: string;
}

/**
 * Why the payment must fail, or undefined when it may proceed. A block is final. When the
 * service is unavailable, a payment of at most `fallbackMaxAmount` minor units proceeds
 * unchecked (a small loss risk is cheaper than refusing every sale during an outage) and a
 * larger one fails; 0 lets nothing through. The bound is the same number in every currency.
 */
export function riskFailure(assessment: RiskAssessment, amount: number, fallbackMaxAmount: number): RiskFailure | undefined {
  switch (assessment.decision) {
    case 'allow':
      return undefined;
    case 'block':
      return { failureCode: 'risk_blocked', failureMessage: 'The payment was blocked by the risk check.' };
    case 'unavailable':
      if (amount <= fallbackMaxAmount) return undefined;
      return {
        failureCode: 'risk_unavailable',
        failureMessage: 'The risk check is unavailable, and this amount cannot proceed without it.',
      };
  }
}
