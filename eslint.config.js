// Lint guards what the type checker cannot: no promise floats or is passed where nothing awaits
// it, anywhere; a switch over a union covers every case; and what the workflow sandbox loads
// imports no I/O (docs/architecture.md). Which of our folders may import which is
// .dependency-cruiser.cjs, run by the same `npm run lint`.
'use strict';
const tseslint = require('typescript-eslint');

/** Everything a workflow imports is bundled into its sandbox: no I/O, no Node built-ins. */
const notWorkflowSafe = [
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'net', 'child_process', 'os'],
    message: 'Node built-ins do not run in the workflow sandbox; do this in an activity.',
  },
  {
    group: ['pg', 'drizzle-orm', 'drizzle-orm/*', 'stripe', '@adyen/*', 'express', 'pino', 'prom-client', 'zod'],
    message: 'Side-effecting or server packages belong in activities/ or api/.',
  },
];

module.exports = tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', 'client/openapi.d.ts', '**/*.js', '**/*.cjs'] },
  {
    // Every TypeScript file, tests and tools included: a promise nobody awaits loses its error
    // (an unhandled rejection kills the process, or a write is silently not waited for).
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The telemetry modules the workflow bundle loads as interceptors run in the sandbox too.
    // So does the failure converter (keyring/failure-converter.ts), loaded by path into it.
    files: [
      'workflows/**/*.ts',
      'domain/**/*.ts',
      'contracts/*.contract.ts',
      'telemetry/request-id-workflow-interceptors.ts',
      'telemetry/request-id-header.ts',
      'telemetry/traced-workflow-interceptors.ts',
      'keyring/failure-converter.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: notWorkflowSafe }],
      // Only static imports are seen by the bundler and by the import rules (.dependency-cruiser.cjs).
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='require']", message: 'The workflow bundle takes static imports only.' },
        { selector: 'ImportExpression', message: 'The workflow bundle takes static imports only.' },
      ],
    },
  },
  {
    // Starting and reaching a workflow goes through its client module in contracts/ (one place
    // per area names the workflow to Temporal); the history tool reads any workflow by id.
    files: ['api/**/*.ts', 'activities/**/*.ts', 'cli/**/*.ts', 'workers/**/*.ts'],
    ignores: ['cli/replay.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='workflow'][property.name=/^(getHandle|start|execute|signalWithStart|startUpdateWithStart|executeUpdateWithStart)$/]",
          message: 'Start or reach a workflow through its client module (contracts/<area>.client.ts).',
        },
      ],
    },
  },
  {
    // The typed client is a package of its own: it runs wherever fetch does.
    files: ['client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', 'node:*'],
              message: 'The client depends on openapi-fetch and its generated types only, so it runs wherever fetch does.',
            },
          ],
        },
      ],
    },
  },
);
