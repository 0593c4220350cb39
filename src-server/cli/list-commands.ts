import type { Command } from 'commander';
import {
  listAccounts,
  listOfflineLicenses,
  listOrganizations,
  listSubscriptions,
  listUsers,
} from '../services/operator-listing';
import { printJson, print, withDatabase, type GlobalFlags } from './operator-db';

type Row = Record<string, unknown>;

const cell = (value: unknown): string | number | boolean | null =>
  value instanceof Date
    ? value.toISOString()
    : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : value === null || value === undefined
        ? null
        : JSON.stringify(value);

/** Prints rows as JSON, or as `key: value` blocks separated by blank lines; says so when there are none. */
const show = (rows: readonly Row[], json: boolean | undefined, what: string): void => {
  if (json) return printJson(rows);
  if (rows.length === 0) return print({ [what]: 'none' });
  for (const row of rows) print(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cell(v)])));
};

/** The group command `name` (created by another register function, or here). */
const group = (program: Command, name: string, description: string): Command =>
  program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);

/** `… list` commands: accounts, organizations, users, subscriptions and offline licenses, with `--json`. */
export function registerListCommands(program: Command, flags: () => GlobalFlags): void {
  group(program, 'account', 'manage customer accounts')
    .command('list')
    .description('list accounts')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) =>
      withDatabase(flags(), async (db) => show(await listAccounts(db), o.json, 'accounts')),
    );
  group(program, 'org', 'manage organizations')
    .command('list')
    .description('list organizations (with their parent)')
    .option('--account <id>', 'only this account')
    .option('--json', 'print JSON')
    .action((o: { account?: string; json?: boolean }) =>
      withDatabase(flags(), async (db) =>
        show(await listOrganizations(db, o.account), o.json, 'organizations'),
      ),
    );
  group(program, 'user', 'manage users')
    .command('list')
    .description('list users, or the members of one organization with their role')
    .option('--org <id>', 'only members of this organization')
    .option('--json', 'print JSON')
    .action((o: { org?: string; json?: boolean }) =>
      withDatabase(flags(), async (db) => show(await listUsers(db, o.org), o.json, 'users')),
    );
  group(program, 'subscription', 'manage subscriptions')
    .command('list')
    .description('list current subscription lines')
    .option('--org <id>', 'only this organization')
    .option('--json', 'print JSON')
    .action((o: { org?: string; json?: boolean }) =>
      withDatabase(flags(), async (db) => show(await listSubscriptions(db, o.org), o.json, 'subscriptions')),
    );
  group(program, 'offline', 'offline licenses')
    .command('list')
    .description('list the offline licenses an organization made (R8)')
    .requiredOption('--org <id>')
    .option('--json', 'print JSON')
    .action((o: { org: string; json?: boolean }) =>
      withDatabase(flags(), async (db) =>
        show(await listOfflineLicenses(db, o.org), o.json, 'offlineLicenses'),
      ),
    );
}
