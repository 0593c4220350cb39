import type { LicenseKind, Product } from '../catalog/product';
import { checkModelCoexistence, decideKindAddition } from '../domain/legacy-models';
import { fail, ok, type Result } from '../result';
import { rankKeepers } from './per-user-keepers';
import { rankPerUserGrants } from './per-user-priority';
import type { KindCount } from './plan-migration';
import type { PlannedGrant, PlannedLine, RenewalFacts, RenewalPlan } from './renewal-plan-types';
import { renewalTiming } from './renewal-timing';

const iso = (at: number): string => new Date(at).toISOString();

/** The rule that decides a converted line: per-User from legacy KSE (R28), other legacy targets (R29). */
function ruleOf(product: Product, target: LicenseKind, from: readonly KindCount[]): PlannedLine['rule'] {
  const legacy = from.some((f) => product.deprecatedKinds[f.kind] !== undefined);
  if (!legacy) return null;
  return target === 'per-user' ? 'R28' : 'R29';
}

/** Kinds after conversion, counts adding up (R29), with the kinds each came from. */
function convertKinds(product: Product, lines: RenewalFacts['lines']): Map<LicenseKind, KindCount[]> {
  const byTarget = new Map<LicenseKind, KindCount[]>();
  for (const line of lines) {
    const target = product.deprecatedKinds[line.kind] ?? line.kind;
    byTarget.set(target, [...(byTarget.get(target) ?? []), { kind: line.kind, count: line.count }]);
  }
  return byTarget;
}

/** Applies an ordered quantity to the single line of the new term; several lines make it ambiguous. */
function withQuantity(lines: PlannedLine[], quantity: number | null): Result<PlannedLine[]> {
  if (quantity === null) return ok(lines);
  if (!Number.isInteger(quantity) || quantity < 0)
    return fail('VALIDATION_FAILED', 'A renewal quantity is a whole number of licenses, 0 or more.');
  const [only, ...rest] = lines;
  if (only === undefined || rest.length > 0)
    return fail(
      'CONFLICT',
      `The new term keeps ${lines.length} lines (${lines.map((l) => l.kind).join(', ')}); a quantity applies to one line only.`,
    );
  return ok([
    { ...only, count: quantity, reason: `${only.reason} Quantity ${only.count} → ${quantity} as ordered.` },
  ]);
}

/**
 * R28–R30 for one renewal: which lines the new term holds (extended or converted, and the rule that
 * decided each), who receives or keeps per-User licenses and why, and who loses one when the
 * quantity goes down. Pure: the server's preview and apply both call it on the same facts.
 */
export function planRenewal(facts: RenewalFacts): Result<RenewalPlan> {
  const { product, lines } = facts;
  const first = lines[0];
  if (first === undefined) return fail('NOT_FOUND', 'There is no subscription line to renew.');
  const contractEndsAt = Math.max(...lines.map((l) => l.endsAt));
  const legacy = lines.some((l) => product.deprecatedKinds[l.kind] !== undefined && l.count > 0);
  const timing = renewalTiming(facts.trigger, facts.at, contractEndsAt, facts.billingCycle, facts.policy);
  const convert = legacy && timing.convert;
  const reason = legacy
    ? timing.reason
    : `${product.name} holds no deprecated license types; the lines renew as they are.`;
  const termStartsAt = timing.termStartsAt;
  if (facts.newEndsAt <= termStartsAt)
    return fail(
      'VALIDATION_FAILED',
      `The new end ${iso(facts.newEndsAt)} must be after the new term starts (${iso(termStartsAt)}).`,
    );
  const planned: PlannedLine[] = convert
    ? [...convertKinds(product, lines)].map(([kind, from]) => ({
        kind,
        count: from.reduce((n, f) => n + f.count, 0),
        startsAt: termStartsAt,
        endsAt: facts.newEndsAt,
        mode: 'new' as const,
        sourceIds: lines.filter((l) => (product.deprecatedKinds[l.kind] ?? l.kind) === kind).map((l) => l.id),
        from,
        rule: ruleOf(product, kind, from),
        reason: `${from.map((f) => `${f.count} ${f.kind}`).join(' + ')} → ${kind}. ${timing.reason}`,
      }))
    : lines.map((l) => ({
        kind: l.kind,
        count: l.count,
        startsAt: l.startsAt,
        endsAt: facts.newEndsAt,
        mode: 'extend' as const,
        sourceIds: [l.id],
        from: [{ kind: l.kind, count: l.count }],
        rule: product.deprecatedKinds[l.kind] !== undefined ? ('R30' as const) : null,
        reason: `${l.count} ${l.kind} runs until ${iso(facts.newEndsAt)}. ${reason}`,
      }));
  const sized = withQuantity(planned, facts.quantity);
  if (!sized.ok) return sized;
  for (const line of sized.value) {
    const before = lines.filter((l) => l.kind === line.kind).reduce((n, l) => n + l.count, 0);
    if (line.count > before && !convert) {
      const allowed = decideKindAddition(product, line.kind, termStartsAt, facts.policy);
      if (!allowed.ok) return allowed;
    }
    const overlapping = facts.others.filter((o) => o.startsAt < line.endsAt && o.endsAt > line.startsAt);
    const clash = checkModelCoexistence(
      product,
      overlapping.map((o) => o.kind),
      line.kind,
    );
    if (!clash.ok) return clash;
  }
  const perUser = sized.value.find((l) => l.kind === 'per-user');
  let grants: PlannedGrant[] = [];
  let released: RenewalPlan['released'] = [];
  if (perUser !== undefined && convert) {
    grants = rankPerUserGrants(facts.users, perUser.count).map((g, i) => ({
      ...g,
      rank: i + 1,
      reason: `${g.reason} (R28 priority #${i + 1})`,
    }));
  } else if (perUser !== undefined) {
    ({ grants, released } = rankKeepers(facts.seatHolders, facts.users, perUser.count));
  }
  const retireNow = convert && (facts.trigger === 'manual' || facts.at >= contractEndsAt);
  return ok({
    trigger: facts.trigger,
    at: facts.at,
    contractEndsAt,
    termStartsAt,
    termEndsAt: facts.newEndsAt,
    convert,
    reason,
    lines: sized.value,
    retire: retireNow ? { ids: lines.map((l) => l.id), at: facts.at } : null,
    grants,
    released,
    unassigned: perUser === undefined ? 0 : Math.max(0, perUser.count - grants.length),
  });
}
