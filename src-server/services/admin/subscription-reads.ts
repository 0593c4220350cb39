import { findProduct } from '../../../shared/catalog/find-product';
import type { Product } from '../../../shared/catalog/product';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import type { SubscriptionDetailsView } from '../../../shared/contracts/http/admin-licenses';
import { subscriptionDetails } from '../../../shared/domain/subscription-details';
import { fail, ok, type Result } from '../../../shared/result';
import type { LicensingContext } from '../context';
import { usageLine } from '../../repositories/line-units';
import { lineUsage } from './license-counts';
import {
  currentLines,
  drawnLines,
  productScope,
  requireManagerIn,
  type CurrentLine,
  type LineHolder,
} from './access';
import { nodeShare } from './org-tree';

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

/**
 * R13/R14: a sub-organization without its own line shows the subscription it draws on, as its holder
 * sees it, naming the holder, plus its own node of the organization tree (dedicated, pool, assigned,
 * available) — the numbers the tree shows for it.
 */
async function inherited(
  ctx: LicensingContext,
  orgId: string,
  holder: LineHolder,
  view: SubscriptionDetailsView,
): Promise<SubscriptionDetailsView> {
  const share = await nodeShare(ctx, orgId, view.productId);
  return {
    ...view,
    inheritedFrom: { orgId: holder.id, name: holder.name },
    ...(share.ok ? { share: share.value } : {}),
  };
}

/**
 * Subscription Details of every running line of the organization, product by product (R16), and of
 * every product it draws on from an ancestor instead (R13).
 */
export async function listSubscriptions(
  ctx: LicensingContext,
  userId: string,
  orgId: string,
): Promise<Result<SubscriptionDetailsView[]>> {
  const role = await requireManagerIn(ctx.db, userId, orgId, 'see License Management');
  if (!role.ok) return role;
  const now = ctx.now();
  const lines = await currentLines(ctx.db, orgId, null, now);
  const own = new Set(lines.map((l) => l.productId));
  const views: SubscriptionDetailsView[] = [];
  for (const line of lines) {
    const product = findProduct(ctx.catalog, line.productId);
    if (product.ok) views.push(await detailsOf(ctx, orgId, product.value, line));
  }
  for (const product of ctx.catalog.products.filter((p) => !own.has(p.id))) {
    const drawn = await drawnLines(ctx.db, orgId, product.id, now);
    if (drawn.holder === null) continue;
    for (const line of drawn.lines)
      views.push(
        await inherited(ctx, orgId, drawn.holder, await detailsOf(ctx, drawn.holder.id, product, line)),
      );
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
  const { holder, product } = scope.value;
  const line = scope.value.lines[0];
  if (line === undefined) return fail('PRODUCT_NOT_SUBSCRIBED', 'There is no running subscription.');
  const view = await detailsOf(ctx, holder.id, product, line);
  return ok(holder.id === orgId ? view : await inherited(ctx, orgId, holder, view));
}
