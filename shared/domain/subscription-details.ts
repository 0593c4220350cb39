import type { EpochMs } from '../catalog/subscription-terms';

/** What the server loads for one product's License Management page (R16). */
export interface SubscriptionDetailsInput {
  readonly quota: number;
  readonly machineQuota: number;
  readonly endsAt: EpochMs;
  /** Licenses used, online and offline (R9): line-use.ts `licensesUsed`, one machine with both counted once. */
  readonly used: number;
  readonly licensedUserIds: readonly string[];
  /** Machine IDs active online (Online Licenses). */
  readonly onlineMachineIds: readonly string[];
  /** Machine IDs bound to offline licenses (Offline Licenses). */
  readonly offlineMachineIds: readonly string[];
}

/** The R16 page: Subscription Details plus its four sections. */
export interface SubscriptionDetails {
  readonly subscribedLicenses: number;
  /** Licenses in use (R9): the number the organization tree calls Assigned at the subscription holder. */
  readonly usedLicenses: number;
  readonly availableLicenses: number;
  readonly machineQuota: number;
  readonly expiresAt: EpochMs;
  readonly licensedUsers: readonly string[];
  readonly onlineLicenses: readonly string[];
  readonly offlineLicenses: readonly string[];
  readonly registeredMachines: readonly string[];
}

const sortedUnique = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

/** R16/R9: online and offline usage both subtract from the quota; Registered Machines is their union. */
export function subscriptionDetails(input: SubscriptionDetailsInput): SubscriptionDetails {
  return {
    subscribedLicenses: input.quota,
    usedLicenses: input.used,
    availableLicenses: Math.max(0, input.quota - input.used),
    machineQuota: input.machineQuota,
    expiresAt: input.endsAt,
    licensedUsers: sortedUnique(input.licensedUserIds),
    onlineLicenses: sortedUnique(input.onlineMachineIds),
    offlineLicenses: sortedUnique(input.offlineMachineIds),
    registeredMachines: sortedUnique([...input.onlineMachineIds, ...input.offlineMachineIds]),
  };
}
