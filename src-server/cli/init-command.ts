import type { Command } from 'commander';
import { OperatorError } from '../operator/explain-error';
import { addMember, createAccount, createOrganization, createUser } from '../services/provisioning';
import { hasAccounts } from '../services/operator-listing';
import { note, print, withDatabase, type GlobalFlags } from './operator-db';

interface InitOptions {
  readonly account: string;
  readonly org?: string;
  readonly email: string;
  readonly name: string;
}

/** `init`: the first owner in one step (account, organization, owner, API key shown once). */
export function registerInitCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command('init')
    .description('first start: create the account, its organization and the owner (prints the API key once)')
    .requiredOption('--account <name>', 'the customer account, e.g. "Acme"')
    .option('--org <name>', 'the first organization (default: the account name)')
    .requiredOption('--email <email>', "the owner's email")
    .option('--name <name>', "the owner's name", 'Owner')
    .action((o: InitOptions) =>
      withDatabase(flags(), async (db) => {
        const made = await db.transaction().execute(async (trx) => {
          if (await hasAccounts(trx))
            throw new OperatorError(
              'ALREADY_INITIALIZED',
              'This server already has accounts; add people with `user create` or `member add` (see `account list`).',
            );
          const accountId = await createAccount(trx, o.account);
          const orgId = await createOrganization(trx, { accountId, name: o.org ?? o.account });
          const user = await createUser(trx, { email: o.email, name: o.name });
          await addMember(trx, { orgId, userId: user.userId, role: 'owner' });
          return { accountId, orgId, ...user };
        });
        print(made);
        note('The API key is shown only this once; store it now. Next: sign the agent in with it:');
        note('  echo "<apiKey>" | tessera login --server <this server URL>');
      }),
    );
}
