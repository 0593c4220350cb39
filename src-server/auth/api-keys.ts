import { createHash, randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';

/** Every key starts with this, so leaked keys are easy to spot in scanners and logs. */
export const API_KEY_PREFIX = 'tsk_';

/** A freshly made key: the secret (shown once) and what the database keeps instead of it. */
export interface NewApiKey {
  readonly key: string;
  readonly prefix: string;
  readonly hash: string;
}

/** sha256 hex of the whole key; the only form a key is ever stored or compared in. */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** `tsk_` + 32 random bytes in base32 (256 bits of entropy) plus its display prefix and hash. */
export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${base32nopad.encode(randomBytes(32)).toLowerCase()}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

/** Cheap shape check before touching the database, so garbage is refused without a query. */
export const looksLikeApiKey = (key: string): boolean => /^tsk_[a-z2-7]{52}$/.test(key);
