import type { LicenseKind, Product } from '../catalog/product';
import { fail, ok, type Failure, type Result } from '../result';
import { takeOneLicense } from './quota';
import { requireManager, type Role } from './roles';
import type { BillingCycle, EpochMs } from '../catalog/subscription-terms';

/** What the server loads to create an offline license (R5, R6, R8, R9, R10). Instants in epoch ms. */
export interface OfflineCreationInput {
  readonly actorRole: Role;
  readonly product: Product;
  readonly machineId: string;
  readonly subscription: {
    readonly endsAt: EpochMs;
    readonly billingCycle: BillingCycle;
    readonly kind: LicenseKind;
  };
  /** An earlier expiry the admin picked; omitted = the subscription end or the signing key's end, the earlier (R6). */
  readonly requestedExpiry?: EpochMs;
  /** When the certificate of the key that will sign the file ends: no file can be valid past it. */
  readonly signingKeyNotAfter?: EpochMs;
  readonly now: EpochMs;
  /** Online + offline licenses already counted against the quota (R9). */
  readonly used: number;
  readonly quota: number;
  /** False when the machine's own reservation already holds a license the file shares (line-use.ts `addsLicense`). */
  readonly addsLicense?: boolean;
}

/** The expiry to sign, the file name to offer (R8), and the quota left afterwards (R9). */
export interface OfflineCreationDecision {
  readonly expiresAt: EpochMs;
  readonly fileName: string;
  readonly remaining: number;
  /** Set when no expiry was picked and the signing key ends before the subscription: a sentence saying so. */
  readonly expiryNote?: string;
}

/** R8: `KSE_<machineID>.lic` / `KRE_<machineID>.lic`, the prefix coming from the catalog (R4). */
export function offlineLicenseFileName(product: Product, machineId: string): Result<string> {
  if (product.offline === null) {
    return fail('OFFLINE_NOT_AVAILABLE', `${product.name} has no offline licenses; only KSE and KRE do.`);
  }
  return ok(`${product.offline.filePrefix}_${machineId}.lic`);
}

/** R5–R10: who may create an offline license, until when, and whether the quota allows it. */
export function decideOfflineCreation(input: OfflineCreationInput): Result<OfflineCreationDecision> {
  const { subscription, now } = input;
  const manager = requireManager(input.actorRole, 'create offline licenses');
  if (!manager.ok) return manager;
  const fileName = offlineLicenseFileName(input.product, input.machineId);
  if (!fileName.ok) return fileName;
  if (subscription.kind === 'node-locked' && subscription.billingCycle === 'monthly') {
    return fail(
      'MONTHLY_NOT_CONVERTIBLE',
      'Only annual node-locked subscriptions can be converted to offline licenses; this one is billed monthly.',
    );
  }
  if (subscription.endsAt <= now)
    return fail('SUBSCRIPTION_EXPIRED', 'The subscription has ended; renew it first.');
  const keyEndsFirst =
    input.requestedExpiry === undefined &&
    input.signingKeyNotAfter !== undefined &&
    input.signingKeyNotAfter < subscription.endsAt;
  const expiresAt =
    input.requestedExpiry ?? (keyEndsFirst ? (input.signingKeyNotAfter ?? 0) : subscription.endsAt);
  if (expiresAt > subscription.endsAt) {
    return fail(
      'OFFLINE_EXPIRY_TOO_LATE',
      `An offline license cannot outlive the subscription; pick an expiry on or before ${new Date(subscription.endsAt).toISOString()}.`,
      { maxExpiry: subscription.endsAt },
    );
  }
  if (expiresAt <= now)
    return fail('OFFLINE_EXPIRY_IN_PAST', 'The expiry date is in the past; pick a later date.');
  if (input.addsLicense === false)
    return ok({ expiresAt, fileName: fileName.value, remaining: Math.max(0, input.quota - input.used) });
  const room = takeOneLicense(input.used, input.quota);
  if (!room.ok) return room;
  const expiryNote = keyEndsFirst
    ? `The file expires ${new Date(expiresAt).toISOString()}, when the server's signing key certificate ends, before the subscription end ${new Date(subscription.endsAt).toISOString()}; make a new file after the operator runs \`keys rotate\`.`
    : undefined;
  return ok({
    expiresAt,
    fileName: fileName.value,
    remaining: room.value.remaining,
    ...(expiryNote !== undefined ? { expiryNote } : {}),
  });
}

/** R5: an offline license, once generated, can never be revoked; the refusal says so. */
export function decideOfflineRevocation(): Failure {
  return fail(
    'OFFLINE_NOT_REVOCABLE',
    'An offline license cannot be revoked; it stays bound to its machine until it expires.',
  );
}

/** R5/R24: an offline license can never move to another machine or user. */
export function decideOfflineTransfer(): Failure {
  return fail(
    'OFFLINE_NOT_TRANSFERABLE',
    'An offline license cannot be transferred; it stays bound to its machine until it expires.',
  );
}
