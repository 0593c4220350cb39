import { findProduct } from '../../../shared/catalog/find-product';
import type { Product } from '../../../shared/catalog/product';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import type { SubscriptionDetailsView } from '../../../shared/contracts/http/admin-licenses';
import { subscriptionDetails } from '../../../shared/domain/subscription-details';
import { fail, ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { usageLine } from '../../repositories/line-units';
import { lineUsage } from './license-counts';
import { currentLines, productScope, requireManagerIn, type CurrentLine } from './access';

/**
 * R16/R9 for one line: usage is counted in SQL (license-counts.ts) and the shared rule turns it into
 * subscribed/available; machine IDs are not loaded, so Registered Machines is the SQL union count.
 */
async function detailsOf(
  ctx: LicensingContext,
  orgId: string,
  product: Product,
  line: CurrentLine,
): Promise<SubscriptionDetailsView> {
  const usage = await lineUsage(
    ctx.db,
    usageLine(line, product),
    orgId,
    ctx.now(),
    ctx.config.sessionTtlSeconds,
  );
  const details = subscriptionDetails({
    quota: line.quota,
    machineQuota: line.machineQuota,
    endsAt: line.endsAt.getTime(),
    used: usage.used,
    licensedUserIds: [],
    onlineMachineIds: [],
    offlineMachineIds: usage.offlineMachineIds,
  });
  return {
    productId: product.id,
    productName: product.name,
    licenseKind: LicenseKindSchema.parse(line.kind),
    billingCycle: line.billingCycle,
    subscribed: details.subscribedLicenses,
    used: details.usedLicenses,
    available: details.availableLicenses,
    machineQuota: details.machineQuota,
    machinesRegistered: usage.registered,
    offlineAllowed: product.offline !== null,
    expiresAt: new Date(details.expiresAt).toISOString(),
  };
}

/** Subscription Details of every running line of the organization, product by product (R16). */
export async function listSubscriptions(
  ctx: LicensingContext,
  userId: string,
  orgId: string,
): Promise<Result<SubscriptionDetailsView[]>> {
  const role = await requireManagerIn(ctx.db, userId, orgId, 'see License Management');
  if (!role.ok) return role;
  const lines = await currentLines(ctx.db, orgId, null, ctx.now());
  const views: SubscriptionDetailsView[] = [];
  for (const line of lines) {
    const product = findProduct(ctx.catalog, line.productId);
    if (product.ok) views.push(await detailsOf(ctx, orgId, product.value, line));
  }
  return ok(views);
}

/** Subscription Details of one product: its newest running line, the one activations draw from (R16). */
export async function getSubscription(
  ctx: LicensingContext,
  userId: string,
  orgId: string,
  productId: string,
): Promise<Result<SubscriptionDetailsView>> {
  const scope = await productScope(ctx.db, ctx.catalog, {
    userId,
    orgId,
    productId,
    now: ctx.now(),
    action: 'see License Management',
  });
  if (!scope.ok) return scope;
  const line = scope.value.lines[0];
  if (line === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  return ok(await detailsOf(ctx, orgId, scope.value.product, line));
}
