import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir } from '../private-data-dir';

/**
 * The master secret that seals signing keys at rest: TESSERA_MASTER_KEY (any secret text, shared
 * by every server process on one database) or, when unset, a random key file `master.key` (0600)
 * in the data dir — convenient, but anyone who can read the data dir can then read the signing key
 * (see docs/server.md). Each sealed value derives its own AES key from it with scrypt and a salt.
 */
export function resolveMasterKey(
  secret: string | undefined,
  dataDir: string,
): { key: Buffer; source: string } {
  if (secret !== undefined) return { key: Buffer.from(secret, 'utf8'), source: 'TESSERA_MASTER_KEY' };
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    ensurePrivateDir(dataDir);
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key.`);
  return { key, source: file };
}

/** scrypt cost: 2^15 × 8 × 128 B = 32 MiB and tens of ms per derivation (done once per key and process). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** The AES-256 key of one sealed value: scrypt(master secret, the value's salt). */
const deriveKey = (secret: Buffer, salt: Buffer): Buffer => scryptSync(secret, salt, 32, SCRYPT);

/** The same derivation on libuv's thread pool, so start-up work goes on beside it (server.ts). */
const deriveKeyAsync = (secret: Buffer, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(secret, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key)));
  });

/**
 * Values this process sealed or opened, keyed by the master secret's digest and the sealed text: a
 * start seals the root and signing key, then certifies, lists and checks with them, and the signer
 * opens the active key again; each would cost one scrypt derivation. Only the same master secret
 * finds an entry (a wrong one still derives and fails); bounded, and holds nothing the signer's own
 * key cache does not already hold in this process.
 */
const opened = new Map<string, string>();
const OPENED_MAX = 16;
const memoKey = (secret: Buffer, sealed: string): string =>
  `${createHash('sha256').update(secret).digest('base64')}|${sealed}`;
const remember = (secret: Buffer, sealed: string, plaintext: string): void => {
  const key = memoKey(secret, sealed);
  opened.delete(key);
  opened.set(key, plaintext);
  if (opened.size > OPENED_MAX) opened.delete(opened.keys().next().value as string);
};

const b64 = (buffer: Buffer): string => buffer.toString('base64');

/** AES-256-GCM seal: `v2.<salt>.<iv>.<tag>.<ciphertext>` (base64), the key derived with scrypt per value. */
export function seal(masterSecret: Buffer, plaintext: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(masterSecret, salt), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed = ['v2', b64(salt), b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
  remember(masterSecret, sealed, plaintext);
  return sealed;
}

const open = (key: Buffer, iv: string, tag: string, body: string): string => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
};

/** Keys older versions sealed `v1` values with: sha256 of TESSERA_MASTER_KEY, or master.key's bytes. */
const legacyKeys = (secret: Buffer): Buffer[] => [
  createHash('sha256').update(secret).digest(),
  ...(secret.length === 32 ? [secret] : []),
];

/** Opens a sealed value (v2, or a legacy v1); throws when the master secret is wrong or the value altered. */
export function unseal(masterSecret: Buffer, sealed: string): string {
  const known = opened.get(memoKey(masterSecret, sealed));
  if (known !== undefined) return known;
  const plaintext = openSealed(masterSecret, sealed, (salt) => deriveKey(masterSecret, salt));
  remember(masterSecret, sealed, plaintext);
  return plaintext;
}

/** `unseal` with the scrypt derivation off the main thread (start-up checks it beside other work). */
export async function unsealAsync(masterSecret: Buffer, sealed: string): Promise<string> {
  const known = opened.get(memoKey(masterSecret, sealed));
  if (known !== undefined) return known;
  const parts = sealed.split('.');
  const salt = parts[0] === 'v2' && parts.length === 5 ? parts[1] : undefined;
  const derived =
    salt === undefined ? undefined : await deriveKeyAsync(masterSecret, Buffer.from(salt, 'base64'));
  const plaintext = openSealed(masterSecret, sealed, (s) => derived ?? deriveKey(masterSecret, s));
  remember(masterSecret, sealed, plaintext);
  return plaintext;
}

function openSealed(masterSecret: Buffer, sealed: string, derive: (salt: Buffer) => Buffer): string {
  const parts = sealed.split('.');
  if (parts[0] === 'v2' && parts.length === 5) {
    const [, salt, iv, tag, body] = parts as [string, string, string, string, string];
    return open(derive(Buffer.from(salt, 'base64')), iv, tag, body);
  }
  if (parts[0] === 'v1' && parts.length === 4) {
    const [, iv, tag, body] = parts as [string, string, string, string];
    let last: unknown;
    for (const key of legacyKeys(masterSecret)) {
      try {
        return open(key, iv, tag, body);
      } catch (error) {
        last = error;
      }
    }
    throw last instanceof Error ? last : new Error('Unable to unseal.');
  }
  throw new Error('Unknown sealed format.');
}

/** True for values sealed by an older version (plain SHA-256 key), which start-up re-seals. */
export const isLegacySealed = (sealed: string): boolean => sealed.startsWith('v1.');
