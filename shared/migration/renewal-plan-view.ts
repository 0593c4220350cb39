import type { RenewalPlanView } from '../contracts/ipc-admin-renewals';
import type { RenewalPlan } from './renewal-plan-types';

const iso = (at: number): string => new Date(at).toISOString();

/** The plan in its wire form (ISO instants, e-mails beside user ids) for HTTP, IPC, CLI and audit. */
export function renewalPlanView(plan: RenewalPlan, emails: ReadonlyMap<string, string>): RenewalPlanView {
  return {
    trigger: plan.trigger,
    at: iso(plan.at),
    contractEndsAt: iso(plan.contractEndsAt),
    termStartsAt: iso(plan.termStartsAt),
    termEndsAt: iso(plan.termEndsAt),
    convert: plan.convert,
    reason: plan.reason,
    lines: plan.lines.map((l) => ({
      licenseKind: l.kind,
      count: l.count,
      startsAt: iso(l.startsAt),
      endsAt: iso(l.endsAt),
      mode: l.mode,
      sourceIds: [...l.sourceIds],
      from: l.from.map((f) => ({ licenseKind: f.kind, count: f.count })),
      rule: l.rule,
      reason: l.reason,
    })),
    retire: plan.retire === null ? null : { ids: [...plan.retire.ids], at: iso(plan.retire.at) },
    grants: plan.grants.map((g) => ({ ...g, email: emails.get(g.userId) ?? '' })),
    released: plan.released.map((r) => ({ ...r, email: emails.get(r.userId) ?? '' })),
    unassigned: plan.unassigned,
  };
}
