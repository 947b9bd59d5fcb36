// A workflow's refusal (domain/failures.ts) as the API's answer: one translation for the payment,
// payout and dispute workflows. A refusal is the client's to fix (400) unless its workflow
// says a code means something else (a PSP that could not be reached is not a bad request).
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Refusal } from '../domain/failures';
import { invalidRequest, type ApiError } from './errors';

/** Refusal codes that answer other than 400, and how. */
export type RefusalAnswers = ReadonlyMap<string, (refusal: Refusal) => ApiError>;

/**
 * The refusal an Update failed with, when the workflow refused it with `type`; undefined for
 * any other failure. One refused without details (none is, today) gets `fallbackCode`, when
 * given, and the failure's message.
 */
export function refusalIn(error: unknown, type: string, fallbackCode?: string): Refusal | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== type) return undefined;
  const refusal = cause.details?.[0] as Refusal | undefined;
  if (refusal) return refusal;
  return fallbackCode ? { code: fallbackCode, message: cause.message } : undefined;
}

export function refusalToApiError(refusal: Refusal, answers: RefusalAnswers = new Map()): ApiError {
  return answers.get(refusal.code)?.(refusal) ?? invalidRequest(refusal.code, refusal.message, refusal.param);
}
