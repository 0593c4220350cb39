import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fromBase64 } from '../../shared/crypto/bytes';
import { keyIdFor, ED25519_PUBLIC_KEY_LENGTH } from '../../shared/crypto/issuer-keys';
import { fail, ok, type Result } from '../../shared/result';

const fileSchema = z.object({
  keys: z.array(z.object({ kid: z.string(), publicKey: z.string(), note: z.string().optional() })),
});

/**
 * Reads the issuer keys shipped with the app (resources/trusted-issuers.json), so an air-gapped machine
 * that never reached a server can still verify offline licenses. A key whose kid does not match its bytes
 * is refused, so a typo cannot silently trust the wrong key.
 */
export const loadTrustedIssuers = async (path: string): Promise<Result<Map<string, string>>> => {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(new Map());
    return fail('VALIDATION_FAILED', `The trusted issuer file ${path} is not valid JSON; fix or remove it.`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success)
    return fail(
      'VALIDATION_FAILED',
      `The trusted issuer file ${path} does not list keys as {kid, publicKey}.`,
    );
  const keys = new Map<string, string>();
  for (const { kid, publicKey } of parsed.data.keys) {
    const raw = fromBase64(publicKey);
    if (raw?.length !== ED25519_PUBLIC_KEY_LENGTH || keyIdFor(raw) !== kid) {
      return fail(
        'VALIDATION_FAILED',
        `The trusted issuer key ${kid} in ${path} does not match its public key; copy both from \`keys list\` again.`,
      );
    }
    keys.set(kid, publicKey);
  }
  return ok(keys);
};
