import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIssuerKey } from '../../../shared/crypto/issuer-keys';
import { loadTrustedIssuers } from '../../../src-main/adapters/trusted-issuers';
import { useTempDirs } from '../support-temp-dir';

const tempDir = useTempDirs();

describe('shipped trusted issuers', () => {
  it('reads the repository file (valid, possibly empty)', async () => {
    expect((await loadTrustedIssuers('resources/trusted-issuers.json')).ok).toBe(true);
  });

  it('loads keys whose kid matches the key, and treats a missing file as no keys', async () => {
    const dir = await tempDir();
    const key = await createIssuerKey(globalThis.crypto.subtle);
    const path = join(dir, 'trusted-issuers.json');
    await writeFile(path, JSON.stringify({ keys: [{ kid: key.kid, publicKey: key.publicKeyBase64 }] }));
    expect(await loadTrustedIssuers(path)).toEqual({
      ok: true,
      value: new Map([[key.kid, key.publicKeyBase64]]),
    });
    expect(await loadTrustedIssuers(join(dir, 'absent.json'))).toEqual({ ok: true, value: new Map() });
  });

  it('refuses a key whose kid does not match, so a typo cannot trust the wrong key', async () => {
    const dir = await tempDir();
    const [a, b] = [
      await createIssuerKey(globalThis.crypto.subtle),
      await createIssuerKey(globalThis.crypto.subtle),
    ];
    const path = join(dir, 'trusted-issuers.json');
    await writeFile(path, JSON.stringify({ keys: [{ kid: a.kid, publicKey: b.publicKeyBase64 }] }));
    expect(await loadTrustedIssuers(path)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await writeFile(path, '{ not json');
    expect(await loadTrustedIssuers(path)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
