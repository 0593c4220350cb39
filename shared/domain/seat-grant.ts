import { fail, ok, type Result } from '../result';
import { takeOneLicense, type QuotaRoom } from './quota';
import { requireManager, type Role } from './roles';

/** What the server loads to decide a seat grant (R1, R15, R17); `used` counts online + offline (R9). */
export interface SeatGrantInput {
  readonly actorRole: Role;
  readonly target: { readonly isMember: boolean; readonly alreadyLicensed: boolean };
  readonly used: number;
  readonly quota: number;
}

/** R1/R15/R17: an owner or admin grants an exclusive license to a member, within the license quota. */
export function decideSeatGrant(input: SeatGrantInput): Result<QuotaRoom> {
  const manager = requireManager(input.actorRole, 'grant licenses');
  if (!manager.ok) return manager;
  if (!input.target.isMember) {
    return fail(
      'NOT_A_MEMBER',
      'A license can be granted only to a member of the organization; invite the user first.',
    );
  }
  if (input.target.alreadyLicensed)
    return fail('ALREADY_LICENSED', 'This user already holds a license for this product.');
  return takeOneLicense(input.used, input.quota);
}

/** R1: using a seat-based product needs the user's own granted license; nothing is shared. */
export function decideSeatUse(productName: string, licensed: boolean): Result<{ readonly licensed: true }> {
  return licensed
    ? ok({ licensed: true })
    : fail(
        'NOT_LICENSED',
        `You have no ${productName} license; ask an Owner or Admin of your organization to grant one.`,
      );
}
