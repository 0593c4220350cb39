import { ok, type Result } from '../../shared/result';
import type { StoredSession } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';
import { activateProduct } from './activation-service';
import { observeLocalTime } from './clock-guard';
import { recordContact } from './server-contact';
import { serverAccess } from './server-access';

/** Records a held session in the store (and clears the product's last note); a heartbeat's time is observed. */
export const saveSession = (deps: AgentDeps, session: StoredSession) =>
  deps.store.update((state) => {
    state.sessions[session.sessionId] = session;
    delete state.notes[session.productId];
    state.lastTrustedTime = observeLocalTime(deps.now(), state.lastTrustedTime);
    return ok({ state, value: session });
  });

/** Drops a session from the store, keeping the server's sentence as the product's note when given. */
export const forgetSession = (
  deps: AgentDeps,
  session: StoredSession,
  note?: { code: string; message: string },
) =>
  deps.store.update((state) => {
    delete state.sessions[session.sessionId];
    if (note) state.notes[session.productId] = { ...note, at: deps.now() };
    return ok({ state, value: undefined });
  });

/**
 * Checks out a session: activates first when the product has no lease (the server wants the machine
 * registered), or, for one-at-a-time models, takes the session the activation itself returned.
 */
export const checkOutSession = async (
  deps: AgentDeps,
  productId: string,
  viaActivation: boolean,
  applicationId?: string,
): Promise<Result<StoredSession>> => {
  if (viaActivation) {
    const activated = await activateProduct(deps, productId);
    if (!activated.ok) return activated;
    const loaded = await deps.store.load();
    const session = loaded.ok
      ? Object.values(loaded.value.sessions).find(
          (held) => held.productId === productId && held.ownerPid === undefined,
        )
      : undefined;
    if (session) return ok(session);
  }
  const loaded = await deps.store.load();
  if (loaded.ok && !loaded.value.leases[productId]) {
    const activated = await activateProduct(deps, productId);
    if (!activated.ok) return activated;
  }
  const access = await serverAccess(deps);
  if (!access.ok) return access;
  // Online, the server's session is the control (an ID sent is only this agent's claim): the cached
  // snapshot is enough here; offline use re-derives it from the hardware (offline-use.ts).
  const machine = await deps.probe.snapshot();
  if (!machine.ok) return machine;
  const answer = await access.value.client.checkout(access.value.apiKey, {
    productId,
    machineId: machine.value.machineId,
    ...(applicationId !== undefined ? { applicationId } : {}),
  });
  await recordContact(deps, answer);
  if (!answer.ok) return answer;
  const s = answer.value.session;
  return saveSession(deps, {
    sessionId: s.id,
    productId,
    serverOrigin: new URL(access.value.baseUrl).origin,
    heartbeatIntervalSeconds: s.heartbeatIntervalSeconds,
    startedAt: Date.parse(s.startedAt),
    lastHeartbeatAt: Date.parse(s.heartbeatAt),
    ownerPid: process.pid,
    ...(applicationId !== undefined ? { applicationId } : {}),
  });
};
