import type { LegacyPolicy, LicenseKind, Product } from '../catalog/product';
import { requireKind } from '../catalog/find-product';
import { fail, ok, type Result } from '../result';
import type { EpochMs } from '../catalog/subscription-terms';

/** R27: refuses a kind that the catalog says may not coexist with one the organization already holds. */
export function checkModelCoexistence(
  product: Product,
  existingKinds: readonly LicenseKind[],
  newKind: LicenseKind,
): Result<LicenseKind> {
  for (const [a, b] of product.exclusiveKinds) {
    const clash =
      (newKind === a && existingKinds.includes(b)) || (newKind === b && existingKinds.includes(a));
    if (clash) {
      const other = newKind === a ? b : a;
      return fail(
        'MODEL_CONFLICT',
        `${product.name} ${newKind} licenses cannot coexist with ${other} licenses in one organization; migrate the ${other} licenses first.`,
        { existing: other, requested: newKind },
      );
    }
  }
  return ok(newKind);
}

/** R29: a deprecated kind (e.g. KRE node-locked) can no longer be added from the configured date. */
export function decideKindAddition(
  product: Product,
  kind: LicenseKind,
  now: EpochMs,
  policy: LegacyPolicy,
): Result<LicenseKind> {
  const successor = product.deprecatedKinds[kind];
  if (successor !== undefined && now >= policy.deprecatedFrom) {
    return fail(
      'MODEL_DEPRECATED',
      `${product.name} ${kind} licenses are deprecated and can no longer be added; buy ${successor} licenses instead.`,
      { kind, successor },
    );
  }
  return ok(kind);
}

/** The server's one call before adding a subscription line: sold kind (R4), not deprecated (R29), no clash (R27). */
export function decideSubscriptionKind(
  product: Product,
  existingKinds: readonly LicenseKind[],
  kind: LicenseKind,
  now: EpochMs,
  policy: LegacyPolicy,
): Result<LicenseKind> {
  const sold = requireKind(product, kind);
  if (!sold.ok) return sold;
  const current = decideKindAddition(product, kind, now, policy);
  if (!current.ok) return current;
  return checkModelCoexistence(product, existingKinds, kind);
}
