import type { IpcResponse } from '../../shared/contracts/ipc';
import type { VerifiedLicense } from '../../shared/license-file/verify-license';
import type { Failure, Result } from '../../shared/result';
import type { StoreState } from '../adapters/store-schema';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import { isErrorCode } from '../../shared/error-codes';
import { isRefreshDue } from './lease-refresher';

/** One product's standing as the status screen and `tessera status` show it. */
export type ProductStatus = IpcResponse<'license:get-status'>['products'][number];
type Warning = ProductStatus['warnings'][number];

const DAY_MS = 86_400_000;
/** Offline licenses closer than this to their end get an "expiring soon" warning. */
export const EXPIRING_SOON_DAYS = 14;

/** What the status function found for one product, already verified. */
export interface ProductEvidence {
  productId: string;
  productName: string;
  lease?: Result<VerifiedLicense>;
  offline?: Result<VerifiedLicense>;
  state: StoreState;
  machine: MachineSnapshot;
  now: number;
}

const toSession = (state: StoreState, productId: string): ProductStatus['session'] => {
  const held = Object.values(state.sessions).find((session) => session.productId === productId);
  if (!held) return null;
  return {
    sessionId: held.sessionId,
    productId,
    state: 'active',
    startedAt: new Date(held.startedAt).toISOString(),
    heartbeatIntervalSeconds: Math.max(1, Math.round(held.heartbeatIntervalSeconds)),
    endedReason: null,
  };
};

const refusal = (...results: (Result<VerifiedLicense> | undefined)[]): Failure | undefined =>
  results.find((result): result is Failure => result !== undefined && !result.ok);

/** Decides may-run, state, warnings and reason for one product from verified local evidence. */
export const productStatus = (e: ProductEvidence): ProductStatus => {
  const lease = e.lease?.ok ? e.lease.value : undefined;
  const offline = e.offline?.ok ? e.offline.value : undefined;
  const chosen = lease ?? offline;
  const warnings: Warning[] = [];
  const contact = e.state.serverContact;
  if (contact && !contact.reachable)
    warnings.push({
      code: 'server-unreachable',
      message: contact.message ?? 'The license server could not be reached.',
    });
  const stored = e.state.leases[e.productId];
  const inGrace =
    lease !== undefined &&
    stored !== undefined &&
    (contact?.reachable === false || isRefreshDue(stored.refreshedAt, Date.parse(stored.expiresAt), e.now));
  if (inGrace)
    warnings.push({
      code: 'lease-grace',
      message: `Running on the stored lease until ${stored.expiresAt}; connect to the license server to renew it.`,
    });
  const failure = refusal(e.lease, e.offline);
  if (failure?.error.code === 'CLOCK_ROLLED_BACK')
    warnings.push({ code: 'clock-rolled-back', message: failure.error.message });
  const expiresAt = chosen?.payload.expiresAt ?? null;
  const daysLeft = expiresAt === null ? null : Math.floor((Date.parse(expiresAt) - e.now) / DAY_MS);
  if (offline && !lease && daysLeft !== null && daysLeft <= EXPIRING_SOON_DAYS) {
    warnings.push({
      code: 'expiring-soon',
      message: `This offline license ends in ${daysLeft} day(s), on ${expiresAt?.slice(0, 10)}.`,
    });
  }
  const kind = chosen?.payload.licenseKind ?? null;
  if (
    (kind === 'node-locked' || kind === 'per-user') &&
    (e.machine.virtualization === 'virtual-machine' || e.machine.virtualization === 'container')
  ) {
    warnings.push({
      code: 'virtual-machine',
      message:
        'This license is meant for a fixed machine, but this one looks virtual; its machine ID may change.',
    });
  }
  const note = e.state.notes[e.productId];
  const reason = chosen
    ? null
    : failure
      ? { code: failure.error.code, message: failure.error.message }
      : note
        ? { code: isErrorCode(note.code) ? note.code : 'INTERNAL', message: note.message }
        : {
            code: 'NO_LICENSE' as const,
            message: `${e.productName} is not activated on this machine; activate it online or import an offline license.`,
          };
  const state: ProductStatus['state'] = chosen
    ? inGrace
      ? 'grace'
      : 'active'
    : failure?.error.code === 'EXPIRED'
      ? 'expired'
      : failure
        ? 'invalid'
        : 'not-activated';
  return {
    productId: e.productId,
    productName: e.productName,
    canRun: chosen !== undefined,
    state,
    source: lease ? 'lease' : offline ? 'offline' : null,
    licenseKind: kind,
    organizationId: chosen?.payload.organizationId ?? null,
    organizationName: chosen?.payload.organizationName ?? null,
    expiresAt,
    daysLeft,
    leaseEndsAt: lease ? lease.payload.expiresAt : null,
    session: toSession(e.state, e.productId),
    reason,
    warnings,
  };
};
