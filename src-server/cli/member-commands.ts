import type { Command } from 'commander';
import { RoleSchema } from '../../shared/domain/roles';
import type { Result } from '../../shared/result';
import { revokeMemberKeys } from '../services/api-key-admin';
import { addMemberByEmail, changeMemberRole, type MemberActor } from '../services/member-admin';
import { removeMember } from '../services/member-removal';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

// The operator acts as an Owner of every organization (the same rules as the API otherwise: the last
// Owner stays, removal ends use); audit events carry no actor user.
const OPERATOR: MemberActor = { userId: null, role: 'owner' };

const report = <T>(
  result: Result<T>,
  show: (value: T) => Record<string, string | number | boolean | null>,
) => {
  if (result.ok) print(show(result.value));
  else refuse(result.error);
};

/** Member lifecycle (`member add|remove|role`) and member API keys (`api-key revoke|reissue`, alias `key`). */
export function registerMemberCommands(program: Command, flags: () => GlobalFlags): void {
  const member = program.command('member').description('manage memberships (audited)');
  member
    .command('add')
    .requiredOption('--org <orgId>')
    .option('--email <email>', 'an unknown email creates the user; their API key is printed once')
    .option('--user <userId>', 'an existing user, instead of --email')
    .option('--name <name>')
    .option('--role <role>', 'owner | admin | member', 'member')
    .action((o: { org: string; email?: string; user?: string; name?: string; role: string }) =>
      withDatabase(flags(), async (db) => {
        const byId = o.user
          ? await db.selectFrom('users').select('email').where('id', '=', o.user).executeTakeFirst()
          : undefined;
        const email = o.email ?? byId?.email;
        if (email === undefined)
          return refuse({ code: 'UNKNOWN_USER', message: 'Name a user: --email or --user.' });
        const role = RoleSchema.parse(o.role);
        const added = await addMemberByEmail(db, OPERATOR, o.org, {
          email,
          role,
          ...(o.name ? { name: o.name } : {}),
        });
        report(added, (m) => ({ userId: m.userId, role: m.role, apiKey: m.apiKey }));
        if (added.ok && added.value.apiKey !== null)
          process.stderr.write('The API key is shown only this once; store it now.\n');
      }),
    );
  member
    .command('remove')
    .requiredOption('--org <orgId>')
    .requiredOption('--user <userId>')
    .action((o: { org: string; user: string }) =>
      withDatabase(flags(), async (db) =>
        report(await removeMember(db, OPERATOR, { orgId: o.org, userId: o.user }, Date.now()), (r) => ({
          removed: r.removed,
          endedSessions: r.endedSessions,
          deactivated: r.deactivated,
        })),
      ),
    );
  member
    .command('role')
    .requiredOption('--org <orgId>')
    .requiredOption('--user <userId>')
    .requiredOption('--role <role>', 'owner | admin | member')
    .action((o: { org: string; user: string; role: string }) =>
      withDatabase(flags(), async (db) =>
        report(
          await changeMemberRole(db, OPERATOR, {
            orgId: o.org,
            userId: o.user,
            role: RoleSchema.parse(o.role),
          }),
          (m) => ({ userId: m.userId, role: m.role }),
        ),
      ),
    );
  const key = program.command('api-key').alias('key').description("a member's API keys (audited)");
  for (const reissue of [false, true]) {
    key
      .command(reissue ? 'reissue' : 'revoke')
      .requiredOption('--org <orgId>')
      .requiredOption('--user <userId>')
      .action((o: { org: string; user: string }) =>
        withDatabase(flags(), async (db) => {
          const done = await revokeMemberKeys(
            db,
            OPERATOR,
            { orgId: o.org, userId: o.user, reissue },
            Date.now(),
          );
          report(done, (r) => ({
            revoked: r.revoked,
            endedSessions: r.endedSessions,
            apiKey: r.newKey?.apiKey ?? null,
          }));
          if (done.ok && done.value.newKey)
            process.stderr.write('The API key is shown only this once; store it now.\n');
        }),
      );
  }
}
