import type { Command } from 'commander';
import { loadCatalog } from '../server';
import { renewSubscription } from '../services/renewal-service';
import { print, refuse, withDatabase, type GlobalFlags } from './operator-db';

/** `renew`: automatic renewal (default) or `--manual` customer request; runs the R28–R30 migration planner. */
export function registerRenewCommand(program: Command, flags: () => GlobalFlags): void {
  program
    .command('renew')
    .description('renew a subscription; legacy license types convert when the rules say so (R28–R30)')
    .requiredOption('--subscription <id>')
    .requiredOption('--end <iso>', 'new end of the subscription')
    .option('--manual', 'the customer asked to move to the new license model now')
    .option('--at <iso>', 'when the renewal happens (default: now)')
    .action((o: { subscription: string; end: string; manual?: boolean; at?: string }) =>
      withDatabase(flags(), async (db, config) => {
        const result = await renewSubscription(db, loadCatalog(config.catalogPath), {
          subscriptionId: o.subscription,
          endsAt: new Date(o.end),
          trigger: o.manual === true ? 'manual' : 'renewal',
          at: o.at !== undefined ? Date.parse(o.at) : Date.now(),
        });
        if (!result.ok) return refuse(result.error);
        const { plan, subscriptionIds } = result.value;
        print({
          action: plan.action,
          reason: plan.reason,
          subscriptions: subscriptionIds.join(','),
          holdings: plan.holdings.map((h) => `${h.count} ${h.kind}`).join(', '),
        });
        if (plan.action === 'convert')
          for (const g of plan.grants) print({ granted: g.userId, why: g.reason });
      }),
    );
}
