import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { Id } from '../../shared/contracts/http/common';
import { renewalStatusSchema } from '../../shared/contracts/ipc-admin-renewals';
import { planRenewal } from '../../shared/migration/plan-renewal';
import { createBillingToken, listBillingTokens, revokeBillingToken } from '../auth/billing-tokens';
import type { Database } from '../db/schema';
import { catalogPathFromEnv } from '../config';
import { loadCatalog } from '../server';
import { renewalOrderView } from '../services/renewals/order-view';
import { planViewOf } from '../services/renewals/plan-view-of';
import { gatherRenewalFacts } from '../services/renewals/renewal-facts';
import {
  cancelRenewal,
  findRenewalOrder,
  listRenewalOrders,
  scheduleRenewal,
} from '../services/renewals/renewal-orders';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';
import { printOrder, printPlan } from './renewal-print';

const instant = (label: string, iso: string): Date => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()))
    throw new Error(`${label} must be an ISO instant such as 2027-01-01T00:00:00Z.`);
  return at;
};
const quantityOf = (q: string | undefined): number | null =>
  q === undefined ? null : z.coerce.number().int().min(0).parse(q);

/** `renewal schedule|list|preview|cancel` and `billing-token create|list|revoke`: the operator's side of renewal orders. */
export function registerRenewalCommands(program: Command, flags: () => GlobalFlags): void {
  const renewal = program
    .command('renewal')
    .description('renewal orders the server applies when due (R28–R30)');
  const catalog = () => loadCatalog(catalogPathFromEnv());
  // Bad flags (an id that is not a UUID, a date that is not ISO) are refused with a sentence, not a stack trace.
  const safely = (work: (db: Kysely<Database>) => Promise<void>) =>
    withDatabase(flags(), async (db) => {
      try {
        await work(db);
      } catch (error) {
        if (error instanceof z.ZodError)
          return refuse({
            code: 'VALIDATION_FAILED',
            message: error.issues[0]?.message ?? 'A flag is invalid.',
          });
        if (error instanceof Error && error.message.includes(' must be '))
          return refuse({ code: 'VALIDATION_FAILED', message: error.message });
        throw error;
      }
    });
  renewal
    .command('schedule')
    .requiredOption('--subscription <id>')
    .requiredOption('--end <iso>', 'new end of the subscription')
    .option('--quantity <n>', 'new number of licenses')
    .option('--due <iso>', 'when the server applies it (default: the current end)')
    .action((o: { subscription: string; end: string; quantity?: string; due?: string }) =>
      safely(async (db) => {
        const subscriptionId = Id.parse(o.subscription);
        const current = await db
          .selectFrom('subscriptions')
          .select('ends_at')
          .where('id', '=', subscriptionId)
          .executeTakeFirst();
        const r = await scheduleRenewal(db, {
          subscriptionId,
          endsAt: instant('--end', o.end),
          quantity: quantityOf(o.quantity),
          dueAt: o.due !== undefined ? instant('--due', o.due) : (current?.ends_at ?? new Date()),
          source: 'operator',
        });
        if (!r.ok) return refuse(r.error);
        if (!r.value.created) process.stderr.write('This term already had this order; nothing changed.\n');
        printOrder(await renewalOrderView(db, catalog(), r.value.order));
      }),
    );
  renewal
    .command('list')
    .option('--status <status>', renewalStatusSchema.options.join('|'))
    .option('--org <id>')
    .action((o: { status?: string; org?: string }) =>
      safely(async (db) => {
        const rows = await listRenewalOrders(db, {
          ...(o.status !== undefined ? { status: renewalStatusSchema.parse(o.status) } : {}),
          ...(o.org !== undefined ? { orgId: Id.parse(o.org) } : {}),
        });
        for (const row of rows) printOrder(await renewalOrderView(db, catalog(), row));
        if (rows.length === 0) print({ orders: 0 });
      }),
    );
  renewal
    .command('preview')
    .description('the plan an order (or a renewal) would apply, changing nothing')
    .option('--order <id>')
    .option('--subscription <id>')
    .option('--end <iso>')
    .option('--quantity <n>')
    .option('--at <iso>', 'date the renewal (default: the order due instant, else now)')
    .action((o: { order?: string; subscription?: string; end?: string; quantity?: string; at?: string }) =>
      safely(async (db) => {
        const order = o.order !== undefined ? await findRenewalOrder(db, Id.parse(o.order)) : undefined;
        if (o.order !== undefined && order === undefined)
          return refuse({ code: 'NOT_FOUND', message: 'There is no renewal order with that id.' });
        if (order === undefined && (o.subscription === undefined || o.end === undefined))
          return refuse({ code: 'VALIDATION_FAILED', message: 'Give --order, or --subscription and --end.' });
        const gathered = await gatherRenewalFacts(db, catalog(), {
          subscriptionId: order?.subscription_id ?? Id.parse(o.subscription),
          endsAt: order?.ends_at ?? instant('--end', o.end ?? ''),
          quantity: order !== undefined ? order.quantity : quantityOf(o.quantity),
          trigger: order?.trigger ?? 'renewal',
          at: o.at !== undefined ? instant('--at', o.at).getTime() : (order?.due_at.getTime() ?? Date.now()),
        });
        if (!gathered.ok) return refuse(gathered.error);
        const plan = planRenewal(gathered.value.facts);
        if (!plan.ok) return refuse(plan.error);
        printPlan(await planViewOf(db, plan.value));
      }),
    );
  renewal
    .command('cancel')
    .requiredOption('--order <id>')
    .action((o: { order: string }) =>
      safely(async (db) => {
        const r = await cancelRenewal(db, Id.parse(o.order));
        if (!r.ok) return refuse(r.error);
        print({ order: r.value.id, status: r.value.status });
      }),
    );
  const tokens = program.command('billing-token').description('credentials of the billing system (tsb_…)');
  tokens
    .command('create')
    .requiredOption('--name <name>')
    .action((o: { name: string }) =>
      safely(async (db) => {
        const t = await createBillingToken(db, o.name);
        print({ id: t.id, prefix: t.prefix, token: t.token });
        process.stderr.write('Store the token in the billing system now; it is not shown again.\n');
      }),
    );
  tokens.command('list').action(() =>
    safely(async (db) => {
      for (const t of await listBillingTokens(db))
        print({
          id: t.id,
          name: t.name,
          prefix: t.prefix,
          createdAt: t.created_at.toISOString(),
          revoked: t.revoked_at !== null,
        });
    }),
  );
  tokens
    .command('revoke')
    .requiredOption('--id <id>')
    .action((o: { id: string }) =>
      safely(async (db) => {
        const r = await revokeBillingToken(db, o.id);
        if (!r.ok) return refuse(r.error);
        print({ revoked: r.value });
      }),
    );
}
