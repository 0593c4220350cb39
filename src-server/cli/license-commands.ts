import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { OfflineLicenseRequest } from '../../shared/contracts/http/offline-licenses';
import { SeatGrantRequest } from '../../shared/contracts/http/seats';
import type { ServerConfig } from '../config';
import type { Database } from '../db/schema';
import { resolveMasterKey } from '../keys/master-key';
import { createIssuerSigner } from '../keys/signing-keys';
import { OperatorError } from '../operator/explain-error';
import { ancestryOf } from '../repositories/subscriptions';
import { loadCatalog } from '../server';
import type { LicensingContext } from '../services/context';
import { createOfflineLicense } from '../services/offline-service';
import { removeSeat, grantSeat } from '../services/seat-service';
import { callerCwd, note, print, refuse, withDatabase, type GlobalFlags } from './operator-db';

/** The licensing services as the operator CLI calls them (same rules, same audit as the HTTP API). */
const operatorContext = (db: Kysely<Database>, config: ServerConfig): LicensingContext => ({
  db,
  catalog: loadCatalog(config.catalogPath),
  signer: createIssuerSigner(resolveMasterKey(config.masterKey, config.dataDir).key),
  config,
  now: Date.now,
});

/**
 * Who the operator acts as: `--as`, else the first owner of the organization or, for a
 * sub-organization without one, of its nearest ancestor that has one (R13–R15: owners administer
 * their subtree). Audited as that user.
 */
const actingUser = async (db: Kysely<Database>, orgId: string, as?: string): Promise<string> => {
  if (as !== undefined) return as;
  const up = await ancestryOf(db, orgId);
  const owners = up.size
    ? await db
        .selectFrom('memberships')
        .select(['user_id', 'org_id'])
        .where('org_id', 'in', [...up.keys()])
        .where('role', '=', 'owner')
        .orderBy('created_at')
        .execute()
    : [];
  const nearest = owners.sort((a, b) => (up.get(a.org_id) ?? 0) - (up.get(b.org_id) ?? 0))[0];
  if (nearest === undefined)
    throw new OperatorError(
      'NOT_A_MEMBER',
      'That organization and those above it have no owner to act as; give --as <userId> of an admin.',
    );
  return nearest.user_id;
};

interface SeatOptions {
  readonly org: string;
  readonly product: string;
  readonly user: string;
  readonly as?: string;
}

/** `seat grant|revoke` and `offline create`: what an owner does in License Management, from a terminal. */
export function registerLicenseCommands(program: Command, flags: () => GlobalFlags): void {
  const seat = program.command('seat').description('grant or revoke per-User/seat licenses (R1, R23)');
  for (const [name, description] of [
    ['grant', 'grant a member a license (never past the quota, R17)'],
    ['revoke', 'remove a licensed user; their sessions end (R23)'],
  ] as const) {
    seat
      .command(name)
      .description(description)
      .requiredOption('--org <orgId>', 'the organization the user is a member of')
      .requiredOption('--product <productId>', 'e.g. kse')
      .requiredOption('--user <userId>')
      .option('--as <userId>', "act as this owner/admin (default: the organization's first owner)")
      .action((o: SeatOptions) =>
        withDatabase(flags(), async (db, config) => {
          const ctx = operatorContext(db, config);
          const actor = await actingUser(db, o.org, o.as);
          const request = SeatGrantRequest.parse({ productId: o.product, userId: o.user });
          const result =
            name === 'grant'
              ? await grantSeat(ctx, actor, o.org, request)
              : await removeSeat(ctx, actor, o.org, request);
          if (!result.ok) return refuse(result.error);
          print({ [name === 'grant' ? 'granted' : 'revoked']: o.user, product: o.product });
        }),
      );
  }
  program
    .command('offline')
    .description('offline licenses (R5–R10)')
    .command('create')
    .description('create an offline license for a machine ID and write KSE_/KRE_<machineID>.lic')
    .requiredOption('--org <orgId>')
    .requiredOption('--product <productId>', 'kse or kre')
    .requiredOption('--machine <machineId>', 'the ID `tessera machine-id` prints on that machine')
    .option('--user <userId>', 'the member it is for')
    .option(
      '--expires <iso>',
      "earlier than the subscription end (R6; default: the subscription end, or the signing key's certificate end when that comes first)",
    )
    .option('--out <dir>', 'folder to write the file into', '.')
    .option('--as <userId>', "act as this owner/admin (default: the organization's first owner)")
    .action(
      (o: {
        org: string;
        product: string;
        machine: string;
        user?: string;
        expires?: string;
        out: string;
        as?: string;
      }) =>
        withDatabase(flags(), async (db, config) => {
          const request = OfflineLicenseRequest.parse({
            productId: o.product,
            machineId: o.machine,
            userId: o.user,
            expiresAt: o.expires,
          });
          const actor = await actingUser(db, o.org, o.as);
          const result = await createOfflineLicense(operatorContext(db, config), actor, o.org, request);
          if (!result.ok) return refuse(result.error);
          const path = join(resolve(callerCwd(), o.out), result.value.fileName);
          await writeFile(path, result.value.content, { mode: 0o644, flag: 'wx' }).catch(() => {
            throw new OperatorError(
              'ALREADY_EXISTS',
              `${path} exists already; move it away or pick --out.`,
              2,
            );
          });
          print({ file: path, machineId: result.value.machineId, expiresAt: result.value.expiresAt });
          if (result.value.expiryNote !== undefined) note(result.value.expiryNote);
          note('Send this file to the user; they import it with `tessera import <file>` (R8).');
        }),
    );
}
