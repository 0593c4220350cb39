import type { Command } from 'commander';
import { resolveMasterKey } from '../keys/master-key';
import { revokeSigningKey } from '../keys/revoke-key';
import { findRoot } from '../keys/root-key';
import { listSigningKeys, rotateSigningKey } from '../keys/signing-keys';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

const iso = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());

/**
 * Signing-key operations: list (certificate validity, revocation), rotate (a new active key certified
 * by the root; old ones stay for verification) and revoke (a new root-signed revocation list).
 */
export function registerKeyCommands(program: Command, flags: () => GlobalFlags): void {
  const keys = program.command('keys').description('issuer signing keys');
  keys.command('list').action(() =>
    withDatabase(flags(), async (db) => {
      for (const k of await listSigningKeys(db))
        print({
          kid: k.kid,
          active: k.active,
          createdAt: k.createdAt.toISOString(),
          certified: k.certificate !== undefined,
          notBefore: iso(k.notBefore),
          notAfter: iso(k.notAfter),
          revokedAt: iso(k.revokedAt),
          revokeReason: k.revokeReason ?? null,
          publicKey: k.publicKey,
        });
    }),
  );
  keys.command('rotate').action(() =>
    withDatabase(flags(), async (db, config) => {
      if ((await findRoot(db)) === undefined) {
        refuse({ code: 'NOT_FOUND', message: 'This server has no root key yet; run `root create` first.' });
        return;
      }
      const key = await rotateSigningKey(db, resolveMasterKey(config.masterKey, config.dataDir).key);
      print({ kid: key.kid, publicKey: key.publicKey });
      process.stderr.write(
        'The root certified the new key; files it signs carry that certificate, so agents need no update.\n',
      );
    }),
  );
  keys
    .command('revoke <kid>')
    .description('withdraw a retired signing key (rotate first if it is the active one)')
    .option('--reason <text>', 'why, written into the revocation list (1-200 characters)')
    .action((kid: string, o: { reason?: string }) =>
      withDatabase(flags(), async (db, config) => {
        const reason = o.reason?.trim();
        if (reason !== undefined && (reason.length === 0 || reason.length > 200)) {
          refuse({ code: 'VALIDATION_FAILED', message: 'The reason must be 1 to 200 characters.' });
          return;
        }
        const masterKey = resolveMasterKey(config.masterKey, config.dataDir).key;
        const revoked = await revokeSigningKey(db, masterKey, kid, reason);
        if (!revoked.ok) return refuse(revoked.error);
        print({ kid: revoked.value.kid, revocationSerial: revoked.value.serial });
        process.stderr.write('Agents learn of it from the next lease or GET /v1/trust/revocations.\n');
      }),
    );
}
