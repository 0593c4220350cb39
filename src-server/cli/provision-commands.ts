import { Option, type Command } from 'commander';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { RoleSchema } from '../../shared/domain/roles';
import { BillingCycleSchema } from '../../shared/catalog/subscription-terms';
import {
  addMember,
  createAccount,
  createOrganization,
  createSubscription,
  createUser,
} from '../services/provisioning';
import { catalogPathFromEnv } from '../config';
import { loadCatalog } from '../server';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

const positive = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`"${v}" is not a whole number.`);
  return n;
};

/** Vendor operations: accounts, organizations, users (API key printed once), subscriptions; members: member-commands.ts. */
export function registerProvisionCommands(program: Command, flags: () => GlobalFlags): void {
  const account = program.command('account').description('manage customer accounts');
  account
    .command('create <name>')
    .action((name: string) =>
      withDatabase(flags(), async (db) => print({ accountId: await createAccount(db, name) })),
    );
  program
    .command('org')
    .description('manage organizations')
    .command('create')
    .requiredOption('--account <id>')
    .requiredOption('--name <name>')
    .option('--parent <orgId>', 'make it a sub-organization')
    .action((o: { account: string; name: string; parent?: string }) =>
      withDatabase(flags(), async (db) =>
        print({
          orgId: await createOrganization(db, {
            accountId: o.account,
            name: o.name,
            parentId: o.parent ?? null,
          }),
        }),
      ),
    );
  program
    .command('user')
    .description('manage users')
    .command('create')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .option('--org <orgId>')
    .addOption(new Option('--role <role>', 'role in --org').choices(RoleSchema.options).default('member'))
    .action((o: { email: string; name: string; org?: string; role: string }) =>
      withDatabase(flags(), async (db) => {
        const role = RoleSchema.parse(o.role);
        const user = await createUser(db, { email: o.email, name: o.name });
        if (o.org !== undefined) await addMember(db, { orgId: o.org, userId: user.userId, role });
        print({ userId: user.userId, apiKey: user.apiKey });
        process.stderr.write('The API key is shown only this once; store it now.\n');
      }),
    );
  program
    .command('subscription')
    .description('manage subscriptions')
    .command('create')
    .requiredOption('--org <orgId>')
    .addOption(
      new Option('--product <productId>', 'product from the catalog (TESSERA_CATALOG replaces it)')
        .choices(loadCatalog(catalogPathFromEnv()).products.map((p) => p.id))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--kind <kind>', 'license kind; the catalog says which kinds a product sells (R4)')
        .choices(LicenseKindSchema.options)
        .makeOptionMandatory(),
    )
    .requiredOption('--quota <n>', 'license quota', positive)
    .option('--machine-quota <n>', 'machine quota (default: 10 × quota)', positive)
    .addOption(
      new Option('--cycle <cycle>', 'billing cycle (R30)')
        .choices(BillingCycleSchema.options)
        .default('annual'),
    )
    .requiredOption('--start <iso>', 'e.g. 2026-01-01T00:00:00Z')
    .requiredOption('--end <iso>', 'e.g. 2027-01-01T00:00:00Z')
    .action(
      (o: {
        org: string;
        product: string;
        kind: string;
        quota: number;
        machineQuota?: number;
        cycle: string;
        start: string;
        end: string;
      }) =>
        withDatabase(flags(), async (db, config) => {
          const result = await createSubscription(db, loadCatalog(config.catalogPath), {
            orgId: o.org,
            productId: o.product,
            kind: o.kind,
            quota: o.quota,
            machineQuota: o.machineQuota ?? o.quota * 10,
            billingCycle: BillingCycleSchema.parse(o.cycle),
            startsAt: new Date(o.start),
            endsAt: new Date(o.end),
          });
          if (result.ok) print({ subscriptionId: result.value });
          else refuse(result.error);
        }),
    );
}
