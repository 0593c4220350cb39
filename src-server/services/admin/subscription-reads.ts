import type { Transaction } from 'kysely';
import { findProduct } from '../../../shared/catalog/find-product';
import type { Product } from '../../../shared/catalog/product';
import { LicenseKindSchema } from '../../../shared/contracts/http/common';
import type { SubscriptionDetailsView } from '../../../shared/contracts/http/admin-licenses';
import { subscriptionDetails } from '../../../shared/domain/subscription-details';
import { fail, ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import type { LicensingContext } from '../context';
import { liveActivations, offlineMachineIds, usedLicenses } from '../usage';
import { currentLines, productScope, requireManagerIn, type CurrentLine } from './access';

type Trx = Transaction<Database>;

/** R16/R9 for one line: the shared rule turns the loaded ids into subscribed/available/machines. */
async function detailsOf(
  trx: Trx,
  ctx: LicensingContext,
  orgId: string,
  product: Product,
  line: CurrentLine,
): Promise<SubscriptionDetailsView> {
  const now = ctx.now();
  const locked = { ...line, orgId, orgName: '', product, role: 'owner' as const };
  const offline = await offlineMachineIds(trx, line.id, now);
  const used = await usedLicenses(trx, locked, now, ctx.config.sessionTtlSeconds);
  const seats = await trx
    .selectFrom('seat_assignments')
    .select('user_id')
    .where('subscription_id', '=', line.id)
    .execute();
  const details = subscriptionDetails({
    quota: line.quota,
    machineQuota: line.machineQuota,
    endsAt: line.endsAt.getTime(),
    onlineUsed: used - offline.length,
    licensedUserIds: seats.map((s) => s.user_id),
    onlineMachineIds: (await liveActivations(trx, line.id)).map((a) => a.machine_id),
    offlineMachineIds: offline,
  });
  return {
    productId: product.id,
    productName: product.name,
    licenseKind: LicenseKindSchema.parse(line.kind),
    billingCycle: line.billingCycle,
    subscribed: details.subscribedLicenses,
    available: details.availableLicenses,
    machineQuota: details.machineQuota,
    machinesRegistered: details.registeredMachines.length,
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
  return ctx.db.transaction().execute(async (trx) => {
    const views: SubscriptionDetailsView[] = [];
    for (const line of lines) {
      const product = findProduct(ctx.catalog, line.productId);
      if (product.ok) views.push(await detailsOf(trx, ctx, orgId, product.value, line));
    }
    return ok(views);
  });
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
  return ok(
    await ctx.db.transaction().execute((trx) => detailsOf(trx, ctx, orgId, scope.value.product, line)),
  );
}
