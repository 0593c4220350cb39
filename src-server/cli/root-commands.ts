import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { unseal, resolveMasterKey } from '../keys/master-key';
import { findRoot, trustRootsDocument } from '../keys/root-key';
import { ensureTrust } from '../keys/trust-setup';
import { audit } from '../repositories/audit';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

const NO_ROOT = {
  code: 'NOT_FOUND',
  message: 'This server has no root key yet; run `root create` (or start the server once).',
};

/**
 * The server's root key: create it (once), print the public trust roots document agents are built
 * with, and export the private half for offline safekeeping. The root never signs licenses.
 */
export function registerRootCommands(program: Command, flags: () => GlobalFlags): void {
  const root = program.command('root').description('the root key that certifies signing keys');
  root
    .command('create')
    .description('create the root key and certify the signing keys (refuses when one exists)')
    .option('--name <name>', 'issuer name written into every certificate (1-200 characters)')
    .action((o: { name?: string }) =>
      withDatabase(flags(), async (db, config) => {
        const existing = await findRoot(db);
        if (existing !== undefined) {
          refuse({
            code: 'CONFLICT',
            message: `This server already has its root key ${existing.kid}; nothing changed.`,
          });
          return;
        }
        if (o.name !== undefined && (o.name.trim().length === 0 || o.name.length > 200)) {
          refuse({ code: 'VALIDATION_FAILED', message: 'The root name must be 1 to 200 characters.' });
          return;
        }
        const masterKey = resolveMasterKey(config.masterKey, config.dataDir).key;
        const setup = await ensureTrust(db, masterKey, o.name === undefined ? {} : { name: o.name.trim() });
        if (!setup.rootCreated) {
          refuse({
            code: 'CONFLICT',
            message: `Another process created the root key ${setup.rootKid} first.`,
          });
          return;
        }
        print({ rootKid: setup.rootKid, activeKid: setup.activeKid, certified: setup.certified.join(',') });
        process.stderr.write(
          'Next: `root export-public` for the agent build, `root export-private --out <file>` for offline storage.\n',
        );
      }),
    );
  root
    .command('export-public')
    .description('print the trust roots document (resources/trust-roots.json or /etc/tessera/trust.json)')
    .action(() =>
      withDatabase(flags(), async (db) => {
        const found = await findRoot(db);
        if (found === undefined) return refuse(NO_ROOT);
        await audit(db, { action: 'trust.root_exported_public', details: { rootKid: found.kid } });
        process.stdout.write(`${JSON.stringify(trustRootsDocument(found), null, 2)}\n`);
      }),
    );
  root
    .command('export-private')
    .description('write the root private key to a new file (mode 0600) for offline storage')
    .requiredOption('--out <file>', 'file to create; an existing file is never overwritten')
    .action((o: { out: string }) =>
      withDatabase(flags(), async (db, config) => {
        const found = await findRoot(db);
        if (found === undefined) return refuse(NO_ROOT);
        const pkcs8 = unseal(resolveMasterKey(config.masterKey, config.dataDir).key, found.private_key_enc);
        const document = {
          v: 1,
          kid: found.kid,
          name: found.name,
          publicKey: found.public_key,
          privateKeyPkcs8: pkcs8,
        };
        try {
          writeFileSync(o.out, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
        } catch (error) {
          return refuse({ code: 'CONFLICT', message: `Cannot create ${o.out}: ${(error as Error).message}` });
        }
        await audit(db, { action: 'trust.root_exported_private', details: { rootKid: found.kid } });
        print({ rootKid: found.kid, file: o.out });
        process.stderr.write(
          `WARNING: ${o.out} holds the root private key in the clear. Anyone with it can certify keys your agents trust. Move it to offline storage and delete this copy.\n`,
        );
      }),
    );
}
