import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The 32-byte key that encrypts signing keys at rest. From TESSERA_MASTER_KEY (any secret text,
 * hashed to 32 bytes) or, when unset, a random key file `master.key` (mode 0600) in the data dir:
 * convenient, but anyone who can read the data dir can then read the signing key (see docs/server.md).
 */
export function resolveMasterKey(
  secret: string | undefined,
  dataDir: string,
): { key: Buffer; source: string } {
  if (secret !== undefined)
    return { key: createHash('sha256').update(secret, 'utf8').digest(), source: 'TESSERA_MASTER_KEY' };
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key.`);
  return { key, source: file };
}

/** AES-256-GCM seal: `v1.<iv>.<tag>.<ciphertext>` (base64), authenticated so tampering is detected. */
export function seal(masterKey: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(
    '.',
  );
}

/** Opens a sealed value; throws when the master key is wrong or the value was altered. */
export function unseal(masterKey: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined)
    throw new Error('Unknown sealed format.');
  const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}
