import { randomUUID } from 'node:crypto';
import type {
  OfflineLicenseRequest,
  OfflineLicenseResponse,
} from '../../shared/contracts/http/offline-licenses';
import { LicenseKindSchema } from '../../shared/contracts/http/common';
import { decideOfflineCreation } from '../../shared/domain/offline';
import { requireManager } from '../../shared/domain/roles';
import { ok, type Result } from '../../shared/result';
import { audit } from '../repositories/audit';
import { asOrgActor } from './locked-work';
import type { LicensingContext } from './context';
import { canonicalMachineId } from '../repositories/machines';
import { requireMemberUser } from '../repositories/members';
import { heldOfflineLicense, ONE_PER_MACHINE_ADVICE } from './offline-files';
import { signFile } from './sign-file';
import { addsLicense } from '../../shared/domain/line-use';
import { usageLine } from '../repositories/line-units';
import { machineHolding, usedLicenses } from '../repositories/usage';

/**
 * R5–R10: an Owner/Admin creates a machine-bound offline license that counts against the quota and
 * never outlives the subscription; the signed file is stored (it can't be revoked) and returned.
 * One per machine and product: while the machine holds a valid one, that one is returned with advice.
 */
export async function createOfflineLicense(
  ctx: LicensingContext,
  actorId: string,
  orgId: string,
  req: OfflineLicenseRequest,
): Promise<Result<OfflineLicenseResponse>> {
  const machineId = canonicalMachineId(req.machineId);
  if (!machineId.ok) return machineId;
  const consumer = req.userId !== undefined ? { userId: req.userId } : { orgId };
  return asOrgActor<OfflineLicenseResponse>(
    ctx,
    { actorId, orgId, productId: req.productId, consumer },
    async (trx, sub, role, now) => {
      if (req.userId !== undefined) {
        const member = await requireMemberUser(trx, orgId, req.userId);
        if (!member.ok) return member;
      }
      const held = await heldOfflineLicense(trx, {
        orgId,
        productId: sub.product.id,
        machineId: machineId.value,
        now,
      });
      if (held !== undefined) {
        const manager = requireManager(role, 'create offline licenses');
        return manager.ok ? ok({ ...held, existing: true, advice: ONE_PER_MACHINE_ADVICE }) : manager;
      }
      const line = usageLine(sub, sub.product);
      const ttlSeconds = ctx.config.sessionTtlSeconds;
      const decision = decideOfflineCreation({
        actorRole: role,
        product: sub.product,
        machineId: machineId.value,
        subscription: {
          endsAt: sub.endsAt.getTime(),
          billingCycle: sub.billingCycle,
          kind: LicenseKindSchema.parse(sub.kind),
        },
        ...(req.expiresAt !== undefined ? { requestedExpiry: Date.parse(req.expiresAt) } : {}),
        signingKeyNotAfter: (await ctx.signer.active(trx)).notAfter.getTime(),
        now,
        used: await usedLicenses(trx, line, now, ttlSeconds),
        quota: sub.quota,
        addsLicense: addsLicense(
          await machineHolding(trx, line, machineId.value, { now, ttlSeconds }),
          'hold',
        ),
      });
      if (!decision.ok) return decision;
      const id = randomUUID();
      const content = await signFile(trx, ctx.signer, {
        kind: 'offline',
        licenseId: id,
        productId: sub.product.id,
        licenseKind: LicenseKindSchema.parse(sub.kind),
        organizationId: orgId,
        organizationName: sub.orgName,
        userId: req.userId,
        machineId: machineId.value,
        now,
        expiresAt: decision.value.expiresAt,
        subscriptionEndsAt: sub.endsAt.getTime(),
      });
      const { fileName, expiresAt } = decision.value;
      await trx
        .insertInto('offline_licenses')
        .values({
          id,
          subscription_id: sub.id,
          org_id: orgId,
          product_id: sub.product.id,
          machine_id: machineId.value,
          user_id: req.userId ?? null,
          created_by: actorId,
          file_name: fileName,
          content,
          expires_at: new Date(expiresAt),
        })
        .execute();
      await audit(trx, {
        action: 'offline.created',
        actorUserId: actorId,
        orgId,
        productId: sub.product.id,
        machineId: machineId.value,
        details: {
          offlineLicenseId: id,
          expiresAt: new Date(expiresAt).toISOString(),
          userId: req.userId ?? null,
        },
      });
      return ok({
        id,
        fileName,
        content,
        machineId: machineId.value,
        productId: sub.product.id,
        expiresAt: new Date(expiresAt).toISOString(),
        ...(decision.value.expiryNote !== undefined ? { expiryNote: decision.value.expiryNote } : {}),
      });
    },
  );
}
