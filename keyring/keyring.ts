// The process's view of the data keys: which one encrypts now, and every one that may still
// be needed to decrypt. Keys live wrapped in the database (db/queries/data-keys.ts), so every
// process sharing it encrypts with the same current key: a rotation is picked up by the
// next refresh (REFRESH_MS), and a key id this process has not seen yet triggers one at once.
import { randomBytes, createHmac } from 'node:crypto';
import { openBytes, sealBytes, TamperedCiphertext } from './aes-gcm';
import type { MasterKey } from './master-key';

export type DataKeyPurpose = 'data' | 'blind_index';
/** `active`: encrypts (one per purpose); `decrypt_only`: superseded, still opens old data; `retired`: destroyed. */
export type DataKeyState = 'active' | 'decrypt_only' | 'retired';

export interface StoredDataKey {
  id: string;
  purpose: DataKeyPurpose;
  state: DataKeyState;
  /** Null once retired: the key material is gone for good. */
  wrapped: Buffer | null;
  masterKeyId: string;
}

export interface DataKeyStore {
  list(): Promise<StoredDataKey[]>;
  /** Adds an active key of its purpose unless one exists (another process won the race). */
  createIfNoneActive(key: StoredDataKey): Promise<void>;
  /** Adds `key` as the active data key and makes the one it replaces decrypt-only, atomically. */
  replaceActive(key: StoredDataKey): Promise<void>;
}

export class UnknownDataKey extends Error {
  override readonly name = 'UnknownDataKey';
}

const REFRESH_MS = 2_000;

export class Keyring {
  private keys = new Map<string, { purpose: DataKeyPurpose; state: DataKeyState; material: Buffer }>();
  private activeData = '';
  private indexKey: Buffer = Buffer.alloc(0);
  private timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly store: DataKeyStore,
    private readonly master: MasterKey,
    private readonly onTampered: (detail: { keyId: string; context: string }) => void,
  ) {}

  /** Loads the keys, creating the first data and blind-index keys of a new database. */
  static async open(
    store: DataKeyStore,
    master: MasterKey,
    options: { onTampered?: (detail: { keyId: string; context: string }) => void; refresh?: boolean } = {},
  ): Promise<Keyring> {
    const keyring = new Keyring(store, master, options.onTampered ?? (() => {}));
    for (const purpose of ['data', 'blind_index'] as const) {
      const listed = await store.list();
      if (!listed.some((k) => k.purpose === purpose && k.state === 'active')) await keyring.createKey(purpose);
    }
    await keyring.reload();
    if (options.refresh !== false) {
      // A refresh that fails keeps the keys already held; the next tick tries again.
      keyring.timer = setInterval(() => void keyring.reload().catch(() => undefined), REFRESH_MS);
      keyring.timer.unref();
    }
    return keyring;
  }

  close(): void {
    clearInterval(this.timer);
  }

  private async createKey(purpose: DataKeyPurpose): Promise<void> {
    await this.store.createIfNoneActive(await this.freshKey(purpose));
  }

  /** `holdfast keys rotate-data-key`: a new data key encrypts from now on, here at once. */
  async rotate(): Promise<string> {
    const key = await this.freshKey('data');
    await this.store.replaceActive(key);
    await this.reload();
    return key.id;
  }

  /** A random 256-bit key, only ever stored wrapped by the master key. */
  private async freshKey(purpose: DataKeyPurpose): Promise<StoredDataKey> {
    const wrapped = await this.master.wrap(randomBytes(32));
    return { id: `dk_${randomBytes(8).toString('hex')}`, purpose, state: 'active', wrapped, masterKeyId: this.master.id };
  }

  async reload(): Promise<void> {
    const keys = new Map<string, { purpose: DataKeyPurpose; state: DataKeyState; material: Buffer }>();
    for (const stored of await this.store.list()) {
      if (!stored.wrapped) continue;
      const known = this.keys.get(stored.id);
      const material = known?.material ?? (await this.master.unwrap(stored.wrapped));
      keys.set(stored.id, { purpose: stored.purpose, state: stored.state, material });
    }
    const active = [...keys].find(([, k]) => k.purpose === 'data' && k.state === 'active');
    const index = [...keys].find(([, k]) => k.purpose === 'blind_index' && k.state === 'active');
    if (!active || !index) throw new Error('the database holds no active data key: run `holdfast migrate`, then start again');
    this.keys = keys;
    this.activeData = active[0];
    this.indexKey = index[1].material;
  }

  get currentKeyId(): string {
    return this.activeData;
  }

  /** Seals with the current key, or with `keyId` so that every value of one row shares a key. */
  seal(plaintext: Buffer, context: string, keyId = this.activeData): { keyId: string; sealed: Buffer } {
    const key = this.keys.get(keyId);
    if (!key || key.purpose !== 'data') throw new UnknownDataKey(`data key ${keyId} cannot seal`);
    return { keyId, sealed: sealBytes(key.material, plaintext, context) };
  }

  async open(keyId: string, sealed: Buffer, context: string): Promise<Buffer> {
    if (!this.keys.has(keyId)) await this.reload();
    const key = this.keys.get(keyId);
    if (!key || key.purpose !== 'data') throw new UnknownDataKey(`data key ${keyId} is unknown or retired`);
    try {
      return openBytes(key.material, sealed, context);
    } catch (error) {
      if (error instanceof TamperedCiphertext) this.onTampered({ keyId, context });
      throw error;
    }
  }

  /** A value that should have been sealed and was not (or is malformed): reported like a failed tag. */
  tampered(keyId: string, context: string, why: string): TamperedCiphertext {
    this.onTampered({ keyId, context });
    return new TamperedCiphertext(why);
  }

  /**
   * A keyed hash for equality search over an encrypted field: the same value always gives the
   * same token, and without the key a token says nothing. Its key is never rotated with the
   * data keys (a rotation would change every token); values are compared as normalised by
   * the caller (emails lower-cased).
   */
  blindIndex(value: string, field: string): string {
    return createHmac('sha256', this.indexKey).update(`${field}\u0000${value}`).digest('base64url').slice(0, 22);
  }
}
