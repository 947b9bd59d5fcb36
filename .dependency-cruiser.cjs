// The folder map's import rules (README, "Folder map"), kept by the linter: each rule names
// a folder and what it must not import. Type-only imports count (tsPreCompilationDeps), so a
// cycle through `import type` is a cycle. `npm run lint` runs this after ESLint;
// test/unit/import-boundaries.test.ts shows each rule failing on a forbidden import.
'use strict';

/** Our top-level folders, the folder map's lines. Packages and Node built-ins are ESLint's to judge. */
const OURS =
  '^(activities|api|bench|bin|cli|client|config|contracts|db|devtools|domain|keyring|monitoring|psp|sim|telemetry|test|views|workers|workflows)/';

/** A client module: it imports @temporalio/client, so nothing in the sandbox may import it. */
const CLIENT = '^contracts/[^/]+[.]client[.]ts$';
/** What the sandbox may load of contracts/ and domain/: all but the client modules. */
const CONTRACTS_AND_DOMAIN = '^domain/|^contracts/(?![^/]+[.]client[.]ts$)';

/** A rule: files under `from` may import, of our folders, only paths matching `allowed`. */
function only(name, comment, from, allowed, extra = {}) {
  return { name, comment, severity: 'error', from: { path: from, ...extra }, to: { path: OURS, pathNot: allowed } };
}

/** A rule: files under `from` may import paths matching `to` only with `import type`. */
function typesOnly(name, comment, from, to) {
  return { name, comment, severity: 'error', from: { path: from }, to: { path: to, dependencyTypesNot: ['type-only'] } };
}

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle, type-only imports included, means two folders each know the other: one of them holds the wrong thing.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'imports-stay-on-the-map',
      comment:
        'A file of ours outside the mapped folders (at the root, or in a new folder) has no rule, so nothing imports it until the map has a line for it.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['local'], pathNot: OURS },
    },
    only(
      'domain-is-pure',
      'domain/ is the rules alone: it imports nothing of ours outside domain/, so workflows and every other folder can use it.',
      '^domain/',
      '^domain/',
    ),
    only(
      'contracts-are-workflow-safe',
      'Everything in contracts/ but the client modules is loaded into the workflow sandbox: it imports only domain/ and other contracts.',
      '^contracts/',
      CONTRACTS_AND_DOMAIN,
      { pathNot: CLIENT },
    ),
    only(
      'clients-start-workflows-by-name',
      'A client module starts its workflow by the name in its contract, never by importing the workflow (which imports its activities as types, which use the clients).',
      CLIENT,
      '^(domain|contracts|config)/',
    ),
    only(
      'workflows-import-the-workflow-safe',
      'Workflows import domain/, contracts and workflows/ (and activity factories, as types only: the next rule).',
      '^workflows/',
      `${CONTRACTS_AND_DOMAIN}|^(workflows|activities)/`,
    ),
    typesOnly(
      'workflows-import-activities-as-types',
      'A value import would bundle the activity (and its database driver) into the sandbox.',
      '^workflows/',
      '^activities/',
    ),
    only(
      'activities-never-import-back',
      'Workflows import activity factories as types, so activities import neither workflows/ nor api/, workers/ or cli/.',
      '^activities/',
      '^(activities|domain|contracts|psp|db|views|keyring|config|telemetry)/',
    ),
    only(
      'api-commands-workflows-through-contracts',
      'The API starts and commands workflows through contracts/ and its client modules, never by importing workflow or activity code.',
      '^api/',
      '^(api|domain|contracts|psp|db|views|keyring|config|telemetry)/',
    ),
    only(
      'psp-adapters-stand-alone',
      'An adapter knows its PSP and the gateway interface; the activities and the API use it, not the other way round.',
      '^psp/',
      '^(psp|domain|config|telemetry)/',
    ),
    only(
      'views-are-shapes',
      "A view is the API's JSON of one object, from rows and workflow states.",
      '^views/',
      '^(views|domain|contracts|db|keyring)/',
    ),
    only(
      'db-below-the-app',
      'The database layer serves everything above it and imports none of it.',
      '^db/',
      '^(db|domain|keyring|config)/',
    ),
    only(
      'keyring-is-crypto',
      'Encryption knows keys and bytes, not tables (db/sealed/ does that).',
      '^keyring/',
      '^(keyring|domain|config)/',
    ),
    only(
      'telemetry-is-a-leaf',
      'Logs, metrics and traces are used everywhere, so they import only configuration, and the database as a type (the next rule).',
      '^telemetry/',
      '^(telemetry|domain|config|db)/',
    ),
    typesOnly(
      'telemetry-takes-the-database-as-a-type',
      'The worker gauges query the pool they are handed; telemetry opens no connection of its own.',
      '^telemetry/',
      '^db/',
    ),
    only('config-is-a-leaf', 'Configuration is read by everything.', '^config/', '^(config|domain)/'),
    only(
      'workers-wire-not-serve',
      "Workers wire activities and workflows; of the API they use only the /metrics server that shares the API's guard.",
      '^workers/',
      '^(workers|activities|contracts|domain|psp|db|views|keyring|config|telemetry)/|^api/metrics-server[.]ts$|^workflows/',
    ),
    only(
      'the-client-is-its-own-package',
      '@holdfast/client is published alone: it knows the API only through the OpenAPI document.',
      '^client/',
      '^client/',
    ),
    {
      name: 'only-dev-wiring-imports-the-simulator',
      comment:
        "The simulator's published keys must never be believed by a deployment: only holdfast dev and cluster, the tests, the bench and the dashboard preview wire it in.",
      severity: 'error',
      from: { pathNot: '^(sim|test|bench|monitoring/preview)/|^cli/(dev|stack|cluster-processes)[.]ts$' },
      to: { path: '^sim/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    // Every file but installed and generated ones, so one outside the map is seen too.
    exclude: { path: '^(node_modules|[.]tools|[.]data)/|^client/openapi[.]d[.]ts$' },
  },
};
