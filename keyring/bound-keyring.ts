// The keyring a database's sealed values open with, looked up from the database handle. Only
// for the Idempotency-Key store: it is reached from every POST route with the handle alone,
// and threading a keyring through each of them would add a parameter nothing else needs.
import type { Keyring } from './keyring';

const bound = new WeakMap<object, Keyring>();

export function bindKeyring(db: object, keyring: Keyring): void {
  bound.set(db, keyring);
}

export function keyringOf(db: object): Keyring {
  const keyring = bound.get(db);
  if (!keyring) throw new Error('no keyring is bound to this database handle (api/server.ts binds one at start)');
  return keyring;
}
