import { fail, ok, type Result } from '../result';
import { decideOfflineRevocation, decideOfflineTransfer } from './offline';
import type { QuotaRoom } from './quota';
import { requireManager, type Role } from './roles';
import { decideSeatGrant } from './seat-grant';

/** What the server loads to move a license from one user to another (R24). */
export interface TransferInput {
  readonly actorRole: Role;
  readonly offline: boolean;
  readonly from: { readonly licensed: boolean };
  readonly to: { readonly isMember: boolean; readonly alreadyLicensed: boolean };
  readonly used: number;
  readonly quota: number;
}

/** R24: a transfer is a removal then a grant, never beyond the quota; offline licenses never move. */
export function decideTransfer(input: TransferInput): Result<QuotaRoom> {
  const manager = requireManager(input.actorRole, 'transfer licenses');
  if (!manager.ok) return manager;
  if (input.offline) return decideOfflineTransfer();
  if (!input.from.licensed)
    return fail('NOT_LICENSED', 'The user you transfer from holds no license for this product.');
  return decideSeatGrant({
    actorRole: input.actorRole,
    target: input.to,
    used: input.used - 1,
    quota: input.quota,
  });
}

/** The three things License Management can remove (R23). */
export type RemovalTarget =
  | { readonly kind: 'licensed-user'; readonly licensed: boolean }
  | { readonly kind: 'machine'; readonly registered: boolean; readonly offline: boolean }
  | { readonly kind: 'license-from-machine'; readonly activated: boolean; readonly offline: boolean };

/** What the server must do: free the license and end the sessions it carried. */
export interface RemovalDecision {
  readonly target: RemovalTarget['kind'];
  readonly freesLicense: true;
  readonly endSessions: true;
}

/** R23: remove a licensed user, a machine ID, or a license from a machine ID; offline ones stay (R5). */
export function decideRemoval(actorRole: Role, target: RemovalTarget): Result<RemovalDecision> {
  const manager = requireManager(actorRole, 'remove licenses');
  if (!manager.ok) return manager;
  const done = ok<RemovalDecision>({ target: target.kind, freesLicense: true, endSessions: true });
  switch (target.kind) {
    case 'licensed-user':
      return target.licensed ? done : fail('NOT_LICENSED', 'This user holds no license for this product.');
    case 'machine':
      if (target.offline) return decideOfflineRevocation();
      return target.registered
        ? done
        : fail('UNKNOWN_MACHINE', 'This machine ID is not registered for this product.');
    case 'license-from-machine':
      if (target.offline) return decideOfflineRevocation();
      return target.activated
        ? done
        : fail('NOT_LICENSED', 'This machine ID holds no license for this product.');
  }
}
