// Lint guards what the type checker cannot: workflow code must stay deterministic and
// bundle-safe (DESIGN.md convention 1), and no promise in it may float.
'use strict';
const tseslint = require('typescript-eslint');

/** Everything a workflow imports is bundled into its sandbox: no I/O, no Node built-ins. */
const notWorkflowSafe = [
  { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'], message: 'Node built-ins do not run in the workflow sandbox; do this in an activity.' },
  { group: ['pg', 'drizzle-orm', 'drizzle-orm/*', 'stripe', '@adyen/*', 'express', 'pino', 'prom-client', 'zod'], message: 'Side-effecting or server packages belong in activities/ or api/.' },
  { group: ['**/activities/*', '**/db/*', '**/api/*', '**/workers/*'], message: 'Import activities as types only (import type), and nothing else with side effects.', allowTypeImports: true },
];

module.exports = tseslint.config(
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: notWorkflowSafe }],
    },
  },
);
