import type { Kysely } from 'kysely';
import type { OfflineLicenseResponse } from '../../shared/contracts/http/offline-licenses';
import { requireManager } from '../../shared/domain/roles';
import { fail, ok, type Result } from '../../shared/result';
import { roleIn } from '../auth/authorize';
import type { Database } from '../db/schema';
import type { LicensingContext } from './context';

/** What the admin is told when a machine already holds a valid offline license for the product. */
export const ONE_PER_MACHINE_ADVICE =
  'This machine already holds a valid offline license for this product; here is that file again. No other license was used.';

const COLUMNS = ['id', 'file_name', 'content', 'machine_id', 'product_id', 'expires_at'] as const;

const asResponse = (r: {
  id: string;
  file_name: string;
  content: string;
  machine_id: string;
  product_id: string;
  expires_at: Date;
}): OfflineLicenseResponse => ({
  id: r.id,
  fileName: r.file_name,
  content: r.content,
  machineId: r.machine_id,
  productId: r.product_id,
  expiresAt: r.expires_at.toISOString(),
});

/** R5/R9: the unexpired offline license a machine already holds for a product in the organization, if any. */
export async function heldOfflineLicense(
  db: Kysely<Database>,
  q: { orgId: string; productId: string; machineId: string; now: number },
): Promise<OfflineLicenseResponse | undefined> {
  const row = await db
    .selectFrom('offline_licenses')
    .select(COLUMNS)
    .where('org_id', '=', q.orgId)
    .where('product_id', '=', q.productId)
    .where('machine_id', '=', q.machineId)
    .where('expires_at', '>', new Date(q.now))
    .orderBy('expires_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && asResponse(row);
}

/** R8: an Owner/Admin downloads any stored offline license file again, expired ones included (the exact signed text). */
export async function offlineLicenseFile(
  ctx: LicensingContext,
  actorId: string,
  q: { orgId: string; licenseId: string },
): Promise<Result<OfflineLicenseResponse>> {
  const role = await roleIn(ctx.db, actorId, q.orgId);
  if (!role.ok) return role;
  const manager = requireManager(role.value, 'download offline licenses');
  if (!manager.ok) return manager;
  const row = await ctx.db
    .selectFrom('offline_licenses')
    .select(COLUMNS)
    .where('org_id', '=', q.orgId)
    .where('id', '=', q.licenseId)
    .executeTakeFirst();
  return row
    ? ok(asResponse(row))
    : fail('NOT_FOUND', 'There is no such offline license in this organization.');
}
