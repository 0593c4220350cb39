import type { IpcResponse } from '../../shared/contracts/ipc';
import type { VerifiedLicense } from '../../shared/license-file/verify-license';
import type { Failure, Result } from '../../shared/result';
import type { StoreState } from '../adapters/store-schema';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import { isErrorCode } from '../../shared/error-codes';
import { isRefreshDue } from './lease-refresher';
import { productWarnings } from './product-warnings';

/** One product's standing as the status screen and `tessera status` show it. */
export type ProductStatus = IpcResponse<'license:get-status'>['products'][number];

const DAY_MS = 86_400_000;

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
  const stored = e.state.leases[e.productId];
  const inGrace =
    lease !== undefined &&
    stored !== undefined &&
    (e.state.serverContact?.reachable === false ||
      isRefreshDue(stored.refreshedAt, Date.parse(stored.expiresAt), e.now));
  const failure = refusal(e.lease, e.offline);
  const subscriptionEndsAt = lease?.payload.subscriptionEndsAt ?? offline?.payload.subscriptionEndsAt ?? null;
  const offlineFileEndsAt = offline?.payload.expiresAt ?? null;
  // The license's end is the subscription's; a lease's 7-day end is only how long it works offline.
  const expiresAt = subscriptionEndsAt ?? offlineFileEndsAt ?? chosen?.payload.expiresAt ?? null;
  const daysLeft = expiresAt === null ? null : Math.floor((Date.parse(expiresAt) - e.now) / DAY_MS);
  const warnings = productWarnings({
    state: e.state,
    machine: e.machine,
    lease,
    offline,
    failure,
    inGrace,
    leaseEndsAt: stored?.expiresAt,
    subscriptionEndsAt,
    offlineFileEndsAt,
    now: e.now,
  });
  const kind = chosen?.payload.licenseKind ?? null;
  const note = e.state.notes[e.productId];
  const session = toSession(e.state, e.productId);
  // R19/R25: one session at a time; when the server ended ours (another machine took it), we may not run.
  const sessionLost =
    lease !== undefined &&
    !offline &&
    (kind === 'per-user' || kind === 'node-locked') &&
    !session &&
    note?.code === 'SESSION_ENDED';
  const noteReason = note && {
    code: isErrorCode(note.code) ? note.code : ('INTERNAL' as const),
    message: note.message,
  };
  const notActivated = {
    code: 'NO_LICENSE' as const,
    message: `${e.productName} is not activated on this machine; activate it online or import an offline license.`,
  };
  let reason: ProductStatus['reason'] = null;
  if (sessionLost)
    reason = {
      code: 'SESSION_ENDED',
      message: `${note.message} Activate again to use ${e.productName} here.`,
    };
  else if (!chosen)
    reason = failure
      ? { code: failure.error.code, message: failure.error.message }
      : (noteReason ?? notActivated);
  let state: ProductStatus['state'] = inGrace ? 'grace' : 'active';
  if (sessionLost || (!chosen && !failure)) state = 'not-activated';
  else if (!chosen) state = failure?.error.code === 'EXPIRED' ? 'expired' : 'invalid';
  return {
    productId: e.productId,
    productName: e.productName,
    canRun: chosen !== undefined && !sessionLost,
    state,
    source: lease ? 'lease' : offline ? 'offline' : null,
    licenseKind: kind,
    organizationId: chosen?.payload.organizationId ?? null,
    organizationName: chosen?.payload.organizationName ?? null,
    expiresAt,
    daysLeft,
    subscriptionEndsAt,
    offlineFileEndsAt,
    leaseEndsAt: lease ? lease.payload.expiresAt : null,
    session,
    reason,
    warnings,
    trust: chosen?.root.source ?? null,
  };
};
