import type { Command } from 'commander';
import { loadCatalog } from '../server';
import { renewSubscription } from '../services/renewal-service';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';
import { printPlan } from './renewal-print';

/** `renew`: renews now (automatic, or `--manual` customer request) through a renewal order applied once. */
export function registerRenewCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command('renew')
    .description('renew a subscription now; legacy license types convert when the rules say so (R28–R30)')
    .requiredOption('--subscription <id>')
    .requiredOption('--end <iso>', 'new end of the subscription')
    .option('--quantity <n>', 'new number of licenses for the new term')
    .option('--manual', 'the customer asked to move to the new license model now')
    .option('--at <iso>', 'when the renewal happens (default: now)')
    .action((o: { subscription: string; end: string; quantity?: string; manual?: boolean; at?: string }) =>
      withDatabase(flags(), async (db, config) => {
        const result = await renewSubscription(db, loadCatalog(config.catalogPath), {
          subscriptionId: o.subscription,
          endsAt: new Date(o.end),
          quantity: o.quantity === undefined ? null : Number(o.quantity),
          trigger: o.manual === true ? 'manual' : 'renewal',
          at: o.at !== undefined ? Date.parse(o.at) : Date.now(),
        });
        if (!result.ok) return refuse(result.error);
        const { plan, subscriptionIds, orderId, alreadyApplied } = result.value;
        print({ order: orderId, alreadyApplied, subscriptions: subscriptionIds.join(',') });
        printPlan(plan);
      }),
    );
}
