import { expiryNotice } from '../../shared/domain/expiry-notice';
import type { VerifiedLicense } from '../../shared/license-file/verify-license';
import type { Failure } from '../../shared/result';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import type { StoreState } from '../adapters/store-schema';
import type { ProductStatus } from './product-status';

type Warning = ProductStatus['warnings'][number];

/** Facts the warnings are computed from. */
export interface WarningFacts {
  state: StoreState;
  machine: MachineSnapshot;
  lease?: VerifiedLicense;
  offline?: VerifiedLicense;
  failure?: Failure;
  inGrace: boolean;
  leaseEndsAt?: string;
  subscriptionEndsAt: string | null;
  offlineFileEndsAt: string | null;
  now: number;
}

/** What is close to going wrong even when the product may run (shown on the status screen). */
export const productWarnings = (f: WarningFacts): Warning[] => {
  const warnings: Warning[] = [];
  const contact = f.state.serverContact;
  if (contact && !contact.reachable) {
    warnings.push({
      code: 'server-unreachable',
      message: contact.message ?? 'The license server could not be reached.',
    });
  }
  if (f.inGrace) {
    warnings.push({
      code: 'lease-grace',
      message: `Running on the stored lease until ${f.leaseEndsAt ?? '?'}; connect to the license server to renew it.`,
    });
  }
  if (f.failure?.error.code === 'CLOCK_ROLLED_BACK')
    warnings.push({ code: 'clock-rolled-back', message: f.failure.error.message });
  // 30, 7 and 1 days before the subscription or the offline file ends: one shared decision.
  const ending = expiryNotice(f);
  if (ending) warnings.push({ code: ending.code, message: ending.message });
  const kind = (f.lease ?? f.offline)?.payload.licenseKind;
  const virtual = f.machine.virtualization === 'virtual-machine' || f.machine.virtualization === 'container';
  if ((kind === 'node-locked' || kind === 'per-user') && virtual) {
    warnings.push({
      code: 'virtual-machine',
      message:
        'This license is meant for a fixed machine, but this one looks virtual; its machine ID may change.',
    });
  }
  return warnings;
};
