import type { EpochMs } from '../catalog/subscription-terms';

/** What the server loads for one product's License Management page (R16). */
export interface SubscriptionDetailsInput {
  readonly quota: number;
  readonly machineQuota: number;
  readonly endsAt: EpochMs;
  /** Licenses attributed online: seats granted (seat products) or machines reserved (KRE). */
  readonly onlineUsed: number;
  readonly licensedUserIds: readonly string[];
  /** Machine IDs active online (Online Licenses). */
  readonly onlineMachineIds: readonly string[];
  /** Machine IDs bound to offline licenses (Offline Licenses); each offline license counts once. */
  readonly offlineMachineIds: readonly string[];
}

/** The R16 page: Subscription Details plus its four sections. */
export interface SubscriptionDetails {
  readonly subscribedLicenses: number;
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
  const used = input.onlineUsed + input.offlineMachineIds.length;
  return {
    subscribedLicenses: input.quota,
    availableLicenses: Math.max(0, input.quota - used),
    machineQuota: input.machineQuota,
    expiresAt: input.endsAt,
    licensedUsers: sortedUnique(input.licensedUserIds),
    onlineLicenses: sortedUnique(input.onlineMachineIds),
    offlineLicenses: sortedUnique(input.offlineMachineIds),
    registeredMachines: sortedUnique([...input.onlineMachineIds, ...input.offlineMachineIds]),
  };
}
