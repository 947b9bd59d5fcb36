/** The PSPs holdfast can route to. Workflow-safe: names only, no adapters. */
export const PSP_NAMES = ['stripe', 'adyen'] as const;
export type PspName = (typeof PSP_NAMES)[number];
