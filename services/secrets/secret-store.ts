/**
 * Secrets (HIS and BHXH credentials, API keys): a tiny store by name.
 *
 *   await app.secrets.set('his.password', value);
 *   const password = await app.secrets.get('his.password');   // undefined when not set
 *   await app.secrets.has('bhxh.credentials'); await app.secrets.delete('his.password');
 *
 * Names are lower-case `[a-z0-9._-]`, up to 64 characters, and say whose secret
 * it is (`his.password`, `bhxh.clientSecret` is refused: lower-case only, so
 * `bhxh.client-secret`). Values are strings: JSON-encode structured credentials.
 * Values never appear in logs, settings exports or diagnostics, and the store
 * never lists its names to the renderer: expose `has` through your own API
 * method when a settings screen needs to show "set / not set".
 *
 * Two implementations, each an encrypted blob per name under <dataDir>/secrets:
 * in Electron the OS keychain encrypts (safeStorage, electron/main/safe-storage-secrets.ts);
 * in browser mode AES-256-GCM with a key in a 0600 file (key-file-secrets.ts).
 * A blob that cannot be decrypted is an error (SECRETS_UNAVAILABLE), never "not set".
 */
import { AppError } from '../../domain/errors.ts';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  has(name: string): Promise<boolean>;
  delete(name: string): Promise<void>;
}

const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name) || name.includes('..')) {
    throw new AppError('BAD_INPUT', 'A secret name is 1–64 characters of a–z, 0–9, dot, dash or underscore');
  }
}
