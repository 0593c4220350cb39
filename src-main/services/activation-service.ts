import { verifyLicense } from '../../shared/license-file/verify-license';
import type { ActivationResponse } from '../../shared/contracts/http/activations';
import { fail, ok, type Result } from '../../shared/result';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import type { AgentDeps } from './agent-deps';
import { advanceTrustedTime, observeLocalTime } from './clock-guard';
import { knownRevocations, keepRevocationList, newerCarriedList } from './revocations';
import { recordContact } from './server-contact';
import { serverAccess, type ServerAccess } from './server-access';
import { syncSignedTime } from './signed-time';

/** Checks a lease against this build's roots only: nothing the server sends (keys, roots) adds trust. */
const verifyLease = async (deps: AgentDeps, answer: ActivationResponse, machine: MachineSnapshot) => {
  const loaded = await deps.store.load();
  if (!loaded.ok) return loaded;
  const known = await knownRevocations(deps, loaded.value);
  const verified = await verifyLicense(deps.chain, answer.lease, {
    expectedMachineId: machine.machineId,
    expectedProductId: answer.productId,
    now: deps.now(),
    lastTrustedTime: loaded.value.lastTrustedTime,
    revocations: known,
  });
  if (!verified.ok) return verified;
  return ok({ ...verified.value, keep: newerCarriedList(answer.lease, verified.value.crl, known) });
};

/** Stores a verified lease (and the one-at-a-time session it may carry) in one atomic update. */
const storeLease = (
  deps: AgentDeps,
  access: ServerAccess,
  answer: ActivationResponse,
  issuedAt: number,
  licenseId: string,
  keep: ReturnType<typeof newerCarriedList>,
) =>
  deps.store.update((state) => {
    keepRevocationList(state, keep);
    const serverOrigin = new URL(access.baseUrl).origin;
    state.leases[answer.productId] = {
      content: answer.lease,
      licenseId,
      expiresAt: answer.leaseExpiresAt,
      refreshedAt: deps.now(),
      serverOrigin,
    };
    state.lastTrustedTime = observeLocalTime(deps.now(), advanceTrustedTime(state.lastTrustedTime, issuedAt));
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

/** Activates (or refreshes) a product online: server decides, agent verifies the signed lease and stores it. */
export const activateProduct = async (
  deps: AgentDeps,
  productId: string,
): Promise<Result<ActivationResponse>> => {
  const access = await serverAccess(deps);
  if (!access.ok) return access;
  const machine = await deps.probe.snapshot();
  if (!machine.ok) return machine;
  const { machineId, componentHashes, osUserHash, virtualization } = machine.value;
  const answer = await access.value.client.activate(access.value.apiKey, {
    productId,
    machine: { machineId, componentHashes, osUserHash, virtualization },
  });
  await recordContact(deps, answer);
  if (!answer.ok) return answer;
  const verified = await verifyLease(deps, answer.value, machine.value);
  if (!verified.ok) return verified;
  await syncSignedTime(deps, access.value.baseUrl);
  const stored = await storeLease(
    deps,
    access.value,
    answer.value,
    Date.parse(verified.value.payload.issuedAt),
    verified.value.payload.licenseId,
    verified.value.keep,
  );
  deps.events.changed();
  return stored;
};

/** Gives the license back to the server (R22 frees it) and forgets the lease and session locally. */
export const deactivateProduct = async (
  deps: AgentDeps,
  productId: string,
): Promise<Result<{ deactivated: boolean }>> => {
  const access = await serverAccess(deps);
  if (!access.ok) return access;
  const machineId = await deps.probe.machineId();
  if (!machineId.ok) return machineId;
  const answer = await access.value.client.deactivate(access.value.apiKey, machineId.value, productId);
  await recordContact(deps, answer);
  if (!answer.ok && answer.error.code !== 'NOT_FOUND' && answer.error.code !== 'UNKNOWN_MACHINE')
    return answer;
  const result = await deps.store.update((state) => {
    const had = Boolean(state.leases[productId]);
    delete state.leases[productId];
    for (const session of Object.values(state.sessions))
      if (session.productId === productId) delete state.sessions[session.sessionId];
    delete state.notes[productId];
    return ok({ state, value: { deactivated: had || (answer.ok && answer.value.deactivated) } });
  });
  deps.events.changed();
  return result.ok ? result : fail(result.error.code, result.error.message);
};
