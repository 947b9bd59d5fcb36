// Where and whether to charge, decided in one step: the route (activities/routing.ts) and the
// risk verdict (activities/risk.ts), asked one after the other in one step. The payment
// workflow runs it as one local activity instead of two: one activation, one marker and one
// round of scheduling fewer per payment.
import { ApplicationFailure } from '@temporalio/common';
import { PSP_NOT_AVAILABLE } from '../domain/failures';
import type { PspName } from '../domain/psp';
import type { RiskAssessment } from '../domain/risk';
import type { RiskInput } from './risk';
import type { ChoosePspsInput } from './routing';

export interface DecisionInput {
  route: ChoosePspsInput;
  risk: RiskInput;
}

export interface PaymentDecision {
  /** The candidates in order, or why there is none (choosePsps' PspNotAvailable, as a value). */
  route: { candidates: PspName[] } | { unavailable: string };
  /** Asked only once a PSP could take the payment: no customer data leaves for nothing. */
  assessment?: RiskAssessment;
}

export interface RouteAndRisk {
  choosePsps(input: ChoosePspsInput): Promise<PspName[]>;
  assessRisk(input: RiskInput): Promise<RiskAssessment>;
}

/**
 * The route, then the verdict. Only "no PSP is available" is an answer; any other routing
 * failure (the database) throws, and the retry asks again: neither question has an effect to
 * repeat.
 */
export async function decide(deciders: RouteAndRisk, { route, risk }: DecisionInput): Promise<PaymentDecision> {
  let candidates: PspName[];
  try {
    candidates = await deciders.choosePsps(route);
  } catch (error) {
    if (error instanceof ApplicationFailure && error.type === PSP_NOT_AVAILABLE) return { route: { unavailable: error.message } };
    throw error;
  }
  return { route: { candidates }, assessment: await deciders.assessRisk(risk) };
}

export function createPaymentDecisionActivities(deciders: RouteAndRisk) {
  return {
    decidePayment: (input: DecisionInput): Promise<PaymentDecision> => decide(deciders, input),
  };
}
