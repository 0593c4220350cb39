import type { RenewalOrderView, RenewalPlanView } from '../../shared/contracts/ipc-admin-renewals';
import { print } from './operator-db';

/** Prints a renewal plan: action, R30's reason, each line with its rule, and who gets or loses per-User licenses. */
export function printPlan(plan: RenewalPlanView): void {
  print({
    action: plan.convert ? 'convert' : 'keep',
    reason: plan.reason,
    term: `${plan.termStartsAt} → ${plan.termEndsAt}`,
    holdings: plan.lines.map((l) => `${l.count} ${l.licenseKind}`).join(', '),
  });
  for (const l of plan.lines)
    print({
      line: `${l.count} ${l.licenseKind} ${l.mode} ${l.startsAt} → ${l.endsAt}`,
      rule: l.rule ?? '-',
      why: l.reason,
    });
  for (const g of plan.grants) print({ granted: g.userId, email: g.email, why: g.reason });
  for (const r of plan.released) print({ released: r.userId, email: r.email, why: r.reason });
  if (plan.unassigned > 0) print({ unassigned: plan.unassigned });
}

/** Prints one order and the plan it applied or would apply. */
export function printOrder(order: RenewalOrderView): void {
  print({
    order: order.id,
    status: order.status,
    subscription: order.subscriptionId,
    product: order.productId,
    due: order.dueAt,
    end: order.endsAt,
    quantity: order.quantity ?? 'unchanged',
    source: order.source,
  });
  if (order.failure !== null) print({ failure: `${order.failure.code}: ${order.failure.message}` });
  if (order.plan !== null) printPlan(order.plan);
  process.stdout.write('\n');
}
