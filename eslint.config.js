// Lint guards what the type checker cannot: workflow code must stay deterministic and
// bundle-safe (DESIGN.md convention 1), no promise in it may float, and the product never
// imports the simulator (DESIGN.md convention 14).
'use strict';
const tseslint = require('typescript-eslint');

/**
 * The simulator's published keys must never be believed by a deployment: only cli/dev, the
 * tests and the bench wire it in (sim/wiring.ts). Type imports too, so nothing leans on it.
 */
const notTheSimulator = [
  { group: ['**/sim', '**/sim/*', '**/sim/**'], message: 'The product never imports the simulator; wire it in from cli/dev, test/support or bench via sim/wiring.ts.' },
];

/** Everything a workflow imports is bundled into its sandbox: no I/O, no Node built-ins. */
const notWorkflowSafe = [
  { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'], message: 'Node built-ins do not run in the workflow sandbox; do this in an activity.' },
  { group: ['pg', 'drizzle-orm', 'drizzle-orm/*', 'stripe', '@adyen/*', 'express', 'pino', 'prom-client', 'zod'], message: 'Side-effecting or server packages belong in activities/ or api/.' },
  { group: ['**/activities/*', '**/db/*', '**/api/*', '**/workers/*'], message: 'Import activities as types only (import type), and nothing else with side effects.', allowTypeImports: true },
  ...notTheSimulator,
];

module.exports = tseslint.config(
  {
    // The telemetry modules the workflow bundle loads as interceptors run in the sandbox too.
    // So does the failure converter (keyring/failure-converter.ts), loaded by path into it.
    files: [
      'workflows/**/*.ts',
      'domain/**/*.ts',
      'telemetry/request-id-workflow-interceptors.ts',
      'telemetry/request-id-header.ts',
      'telemetry/traced-workflow-interceptors.ts',
      'keyring/failure-converter.ts',
    ],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: notWorkflowSafe }],
    },
  },
  {
    files: ['api/**/*.ts', 'workers/**/*.ts', 'activities/**/*.ts', 'db/**/*.ts', 'config/**/*.ts', 'telemetry/**/*.ts', 'keyring/**/*.ts'],
    extends: [tseslint.configs.base],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: notTheSimulator }],
    },
  },
  {
    // The typed client is a package of its own: it knows the API only through its document.
    files: ['client/**/*.ts'],
    extends: [tseslint.configs.base],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../*', 'node:*'], message: 'The client depends on openapi-fetch and its generated types only, so it runs wherever fetch does.' }] },
      ],
    },
  },
);
