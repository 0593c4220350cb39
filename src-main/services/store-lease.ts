import type { ActivationResponse } from '../../shared/contracts/http/activations';
import { ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime, observeLocalTime } from './clock-guard';
import { keepRevocationList, type newerCarriedList } from './revocations';
import { noteContact } from './server-contact';
import type { ServerAccess } from './server-access';

/** What the one state write of an activation records, all of it checked before anything is written. */
export interface VerifiedActivation {
  readonly answer: ActivationResponse;
  readonly licenseId: string;
  /** The latest server-signed instant seen: the lease's issue time, or the signed time when newer. */
  readonly trustedAt: number;
  readonly keep: ReturnType<typeof newerCarriedList>;
}

/**
 * Stores contact, lease, kept revocation list, trusted time and the session it may carry in one atomic
 * update, once `checked` (running while the lock is taken) holds; a failed check writes nothing.
 */
export const storeLease = (
  deps: AgentDeps,
  access: ServerAccess,
  checked: Promise<Result<VerifiedActivation>>,
): Promise<Result<ActivationResponse>> =>
  deps.store.update(async (state) => {
    const activation = await checked;
    if (!activation.ok) return activation;
    const { answer } = activation.value;
    noteContact(state, ok(answer), deps.now());
    keepRevocationList(state, activation.value.keep);
    const serverOrigin = new URL(access.baseUrl).origin;
    state.leases[answer.productId] = {
      content: answer.lease,
      licenseId: activation.value.licenseId,
      expiresAt: answer.leaseExpiresAt,
      refreshedAt: deps.now(),
      serverOrigin,
    };
    state.lastTrustedTime = observeLocalTime(
      deps.now(),
      advanceTrustedTime(state.lastTrustedTime, activation.value.trustedAt),
    );
    delete state.notes[answer.productId];
    if (answer.session) {
      const s = answer.session;
      for (const held of Object.values(state.sessions)) {
        if (held.productId === answer.productId && held.ownerPid === undefined)
          delete state.sessions[held.sessionId];
      }
      state.sessions[s.id] = {
        sessionId: s.id,
        productId: s.productId,
        serverOrigin,
        heartbeatIntervalSeconds: s.heartbeatIntervalSeconds,
        startedAt: Date.parse(s.startedAt),
        lastHeartbeatAt: Date.parse(s.heartbeatAt),
      };
    }
    return ok({ state, value: answer });
  });
