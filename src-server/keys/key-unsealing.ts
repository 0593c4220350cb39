import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { isLegacySealed, seal, unseal, unsealAsync } from './master-key';

/** Thrown at start when this process's master secret cannot open the active signing key. */
export class MasterKeyMismatchError extends Error {
  constructor(kid: string) {
    super(
      `This server cannot unseal the active signing key ${kid} with its master key: every server process on one database must be started with the same TESSERA_MASTER_KEY.`,
    );
    this.name = 'MasterKeyMismatchError';
  }
}

/**
 * Re-seals signing keys an older version sealed with a plain SHA-256 of the master secret, using
 * the scrypt-derived format; a key this secret cannot open is left alone (the check below names it).
 * Returns the kids re-sealed.
 */
export async function resealLegacyKeys(db: Kysely<Database>, masterSecret: Buffer): Promise<string[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select(['kid', 'private_key_enc'])
    .where('private_key_enc', 'like', 'v1.%')
    .execute();
  const done: string[] = [];
  for (const row of rows) {
    if (!isLegacySealed(row.private_key_enc)) continue;
    let plain: string;
    try {
      plain = unseal(masterSecret, row.private_key_enc);
    } catch {
      continue;
    }
    await db
      .updateTable('signing_keys')
      .set({ private_key_enc: seal(masterSecret, plain) })
      .where('kid', '=', row.kid)
      .where('private_key_enc', '=', row.private_key_enc)
      .execute();
    done.push(row.kid);
  }
  return done;
}

/** The active key read at one moment, its check running: `done` holds the outcome and never rejects. */
export interface ActiveKeyCheck {
  readonly kid: string | undefined;
  readonly done: Promise<MasterKeyMismatchError | undefined>;
}

/**
 * Reads the active signing key and starts opening it with this master secret; the scrypt derivation
 * runs on the thread pool, so a start does its other work meanwhile and awaits `done` before listening.
 */
export async function beginActiveKeyCheck(
  db: Kysely<Database>,
  masterSecret: Buffer,
): Promise<ActiveKeyCheck> {
  const row = await db
    .selectFrom('signing_keys')
    .select(['kid', 'private_key_enc'])
    .where('active', '=', true)
    .executeTakeFirst();
  if (row === undefined) return { kid: undefined, done: Promise.resolve(undefined) };
  const done = unsealAsync(masterSecret, row.private_key_enc).then(
    () => undefined,
    () => new MasterKeyMismatchError(row.kid),
  );
  return { kid: row.kid, done };
}

/** Fails start-up (MasterKeyMismatchError) unless the active signing key opens with this master secret. */
export async function assertActiveKeyUnseals(db: Kysely<Database>, masterSecret: Buffer): Promise<void> {
  const failure = await (await beginActiveKeyCheck(db, masterSecret)).done;
  if (failure !== undefined) throw failure;
}
