import { verifyLicense } from '../../shared/license-file/verify-license';
import type { ActivationResponse } from '../../shared/contracts/http/activations';
import { fail, ok, type Result } from '../../shared/result';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import type { StoreState } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';
import { knownRevocations, newerCarriedList } from './revocations';
import { recordContact } from './server-contact';
import { serverAccess } from './server-access';
import { storeLease, type VerifiedActivation } from './store-lease';
import { NO_SIGNED_TIME, requestSignedTime, signedTimeDue, type PendingSignedTime } from './signed-time';

/**
 * The state as it stands, for checking before the one write. A file that was moved aside (tampered or
 * corrupt) is read again: an online activation is how the user recovers from that.
 */
const currentState = async (deps: AgentDeps): Promise<Result<StoreState>> => {
  const loaded = await deps.store.load();
  if (loaded.ok || (loaded.error.code !== 'STATE_TAMPERED' && loaded.error.code !== 'STORE_CORRUPT'))
    return loaded;
  return deps.store.load();
};

/** Checks a lease against this build's roots only: nothing the server sends (keys, roots) adds trust. */
const verifyLease = async (
  deps: AgentDeps,
  answer: ActivationResponse,
  machine: MachineSnapshot,
  state: StoreState,
) => {
  const known = await knownRevocations(deps, state);
  const verified = await verifyLicense(deps.chain, answer.lease, {
    expectedMachineId: machine.machineId,
    expectedProductId: answer.productId,
    now: deps.now(),
    lastTrustedTime: state.lastTrustedTime,
    revocations: known,
  });
  if (!verified.ok) return verified;
  return ok({ ...verified.value, known, keep: newerCarriedList(answer.lease, verified.value.crl, known) });
};

/** The lease checked against the roots and the signed time it came with: what the one state write records. */
const checkActivation = async (
  deps: AgentDeps,
  answer: ActivationResponse,
  machine: MachineSnapshot,
  state: StoreState,
  signedTime: PendingSignedTime,
): Promise<Result<VerifiedActivation>> => {
  const verified = await verifyLease(deps, answer, machine, state);
  if (!verified.ok) return verified;
  const serverNow = await signedTime.verified(verified.value.known);
  const issuedAt = Date.parse(verified.value.payload.issuedAt);
  return ok({
    answer,
    licenseId: verified.value.payload.licenseId,
    trustedAt: serverNow.ok ? Math.max(issuedAt, serverNow.value) : issuedAt,
    keep: verified.value.keep,
  });
};

/**
 * Activates (or refreshes) a product online: the activation and, when due, a signed-time request travel
 * together (one round trip of waiting), the agent verifies the signed lease and the time, then writes
 * the state once. A refusal or a lease that fails verification writes only whether the server answered.
 */
export const activateProduct = async (
  deps: AgentDeps,
  productId: string,
): Promise<Result<ActivationResponse>> => {
  // The complete snapshot (identity and details of this process's hardware read): an identity-only one
  // would replace the registered machine's disk and MAC hashes on the server. The key is read meanwhile.
  const [access, machine] = await Promise.all([serverAccess(deps), deps.probe.complete()]);
  if (!access.ok) return access;
  if (!machine.ok) return machine;
  const { machineId, componentHashes, osUserHash, virtualization } = machine.value;
  const { client, apiKey } = access.value;
  const signedTime = signedTimeDue(deps, client) ? requestSignedTime(deps, client) : NO_SIGNED_TIME;
  const [answer, state] = await Promise.all([
    client.activate(apiKey, {
      productId,
      machine: { machineId, componentHashes, osUserHash, virtualization },
    }),
    currentState(deps),
  ]);
  if (!answer.ok || !state.ok) {
    await recordContact(deps, answer);
    if (!answer.ok) return answer;
    if (!state.ok) return state;
  }
  // The lease and the time are checked while the state lock is taken (its file operations run beside
  // that CPU work); the write waits for the check and happens only when it holds.
  const check = checkActivation(deps, answer.value, machine.value, state.value, signedTime);
  // Handled here too: a store that fails before its change runs never waits for the check.
  check.catch(() => undefined);
  const stored = await storeLease(deps, access.value, check);
  const checked = await check;
  if (!checked.ok) {
    await recordContact(deps, answer);
    return checked;
  }
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
