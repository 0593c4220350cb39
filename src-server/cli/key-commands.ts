import type { Command } from 'commander';
import { resolveMasterKey } from '../keys/master-key';
import { listSigningKeys, rotateSigningKey } from '../keys/signing-keys';
import { print, withDatabase, type GlobalFlags } from './operator-db';

/** Signing-key operations: list (kid, active) and rotate (new active key; old ones stay for verification). */
export function registerKeyCommands(program: Command, flags: () => GlobalFlags): void {
  const keys = program.command('keys').description('issuer signing keys');
  keys.command('list').action(() =>
    withDatabase(flags(), async (db) => {
      for (const k of await listSigningKeys(db))
        print({ kid: k.kid, active: k.active, createdAt: k.createdAt.toISOString(), publicKey: k.publicKey });
    }),
  );
  keys.command('rotate').action(() =>
    withDatabase(flags(), async (db, config) => {
      const key = await rotateSigningKey(db, resolveMasterKey(config.masterKey, config.dataDir).key);
      print({ kid: key.kid, publicKey: key.publicKey });
      process.stderr.write(
        'Agents must trust the new key (GET /v1/issuer-keys) before files signed with it verify offline.\n',
      );
    }),
  );
}
