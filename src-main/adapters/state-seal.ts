import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { canonicalJson, type JsonValue } from '../../shared/license-file/canonical-json';
import { fail, ok, type Result } from '../../shared/result';
import type { SecretStore } from './secret-store';

/** Keychain origin of the local-state secrets (service `tessera:local-state`), apart from API keys. */
export const STATE_SEAL_ORIGIN = 'local-state';

/** The seal stored beside the state: an HMAC keyed from the keychain, or an honest "no keychain here". */
export const stateSealSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('keychain'), mac: z.string() }),
  z.object({ kind: z.literal('none') }),
]);
/** One stored seal. */
export type StateSealField = z.infer<typeof stateSealSchema>;

/** What a state read from disk turned out to be. */
export type SealVerdict = 'trusted' | 'tampered';

/** Makes the state file tamper-evident: every write is sealed, every read is checked. */
export interface StateSeal {
  /** Whether `body` (the file without its seal) carries a valid seal; KEYCHAIN_UNAVAILABLE when it cannot be told. */
  check(body: JsonValue, seal: unknown): Promise<Result<SealVerdict>>;
  /** The seal for `body` about to be written (creates the keychain secret on first use). */
  seal(body: JsonValue): Promise<StateSealField>;
}

const MAC_DOMAIN = 'tessera-state-v1\n';

/** Keychain account of one data folder's secret, so two data folders never share or race for one. */
export const stateSealAccount = (dataDir: string): string =>
  `state-seal:${createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 24)}`;

const macOf = (key: Buffer, body: JsonValue): string =>
  createHmac('sha256', key)
    .update(MAC_DOMAIN + canonicalJson(body))
    .digest('base64');

const sameMac = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const KEYCHAIN_NEEDED =
  "This machine's license state is sealed with a secret in the OS keychain, which is not available in this session; run Tessera where the keychain is unlocked (on Linux, inside a D-Bus session with a Secret Service such as gnome-keyring).";

/**
 * HMAC-SHA256 seal keyed by a random 32-byte secret in the OS keychain (one per data folder). Without a
 * keychain the state is written with `{kind: "none"}` and is not tamper-evident (SECURITY.md says what
 * still holds); once a data folder has a keychain secret, an unsealed or wrongly sealed file is tampered.
 */
export const createStateSeal = (secrets: SecretStore, dataDir: string): StateSeal => {
  const account = stateSealAccount(dataDir);
  let known: Buffer | undefined;
  /** Once the prefetched answer was used (or a secret was made), the keychain is asked again. */
  let warmed = false;
  /** The secret (undefined when none was made yet), or a failure when no keychain answers. */
  const readKey = async (): Promise<Result<Buffer | undefined>> => {
    if (known) return ok(known);
    const stored = await secrets.get(account);
    if (!stored.ok) return stored;
    if (stored.value === null) return ok(undefined);
    known = Buffer.from(stored.value, 'base64');
    return ok(known);
  };
  const makeKey = async (): Promise<Buffer | undefined> => {
    const saved = await secrets.set(account, randomBytes(32).toString('base64'));
    if (!saved.ok) return undefined;
    warmed = true;
    // Read back, so the secret in use is the one the keychain kept.
    const kept = await readKey();
    return kept.ok ? kept.value : undefined;
  };
  // Asked at once, so the keychain round trip overlaps reading the state file at start-up.
  const first = readKey();
  const initialKey = async () => {
    if (warmed) return readKey();
    warmed = true;
    return first;
  };
  return {
    check: async (body, seal) => {
      const parsed = stateSealSchema.safeParse(seal);
      const field = parsed.success ? parsed.data : undefined;
      const judge = (key: Result<Buffer | undefined>): Result<SealVerdict> => {
        if (!key.ok)
          return field?.kind === 'keychain' ? fail('KEYCHAIN_UNAVAILABLE', KEYCHAIN_NEEDED) : ok('trusted');
        if (key.value === undefined) return ok(field?.kind === 'keychain' ? 'tampered' : 'trusted');
        return ok(
          field?.kind === 'keychain' && sameMac(field.mac, macOf(key.value, body)) ? 'trusted' : 'tampered',
        );
      };
      const verdict = judge(await initialKey());
      if (verdict.ok && verdict.value === 'trusted') return verdict;
      // Before calling a file tampered, ask the keychain again: another process sharing this data folder
      // may have made the secret after this one first asked.
      known = undefined;
      return judge(await readKey());
    },
    seal: async (body) => {
      const key = await readKey();
      if (!key.ok) return { kind: 'none' };
      const secret = key.value ?? (await makeKey());
      return secret ? { kind: 'keychain', mac: macOf(secret, body) } : { kind: 'none' };
    },
  };
};
