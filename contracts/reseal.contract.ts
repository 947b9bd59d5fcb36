// Everything a caller needs to talk to a reseal workflow: one per data-key rotation, moving
// every sealed row onto the new key (db/sealed/reseal-rows.ts) so the old one can be retired.
import { defineQuery } from '@temporalio/workflow';
import type { SealedTableName } from '../domain/sealed-tables';

export interface ResealInput {
  /** The key the rotation made active: rows end up on it (or on a newer one). */
  toKeyId: string;
  /** Only rows sealed with these keys; absent: every row on another key, or in clear. */
  fromKeyIds?: string[];
  /** Carried over a continue-as-new, so the progress counts the whole rotation. */
  done?: Partial<Record<SealedTableName, number>>;
  /** Carried over a continue-as-new: the table (and old key) being resealed, and the primary key its pass reached. */
  resume?: { table: SealedTableName; fromKeyId?: string; after?: string[] };
}

export interface TableProgress {
  /** Rows this workflow resealed. */
  done: number;
  /** Rows still to reseal: counted before and after each pass, less what the pass resealed since; null before the table's turn. */
  remaining: number | null;
}

export type ResealProgress = Record<SealedTableName, TableProgress>;

export interface ResealResult {
  progress: ResealProgress;
}

export const resealProgressQuery = defineQuery<ResealProgress>('progress');

export function resealWorkflowId(toKeyId: string): string {
  return `reseal-${toKeyId}`;
}

/** The name the worker registers the workflow under; clients start it by this name. */
export const RESEAL_WORKFLOW = 'resealDataWorkflow';

/** The workflow's signature: clients type their calls with it instead of importing the workflow. */
export type ResealWorkflow = (input: ResealInput) => Promise<ResealResult>;
