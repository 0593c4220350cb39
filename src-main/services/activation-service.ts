import { verifyLicense } from '../../shared/license-file/verify-license';
import type { ActivationResponse } from '../../shared/contracts/http/activations';
import { fail, ok, type Result } from '../../shared/result';
import type { MachineSnapshot } from '../adapters/hardware-probe';
import type { StoreState } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';
import { knownRevocations, newerCarriedList } from './revocations';
import { noteContact, recordContact } from './server-contact';
import { serverAccess } from './server-access';
import { applyLease } from './store-lease';
import { NO_SIGNED_TIME, requestSignedTime, signedTimeDue } from './signed-time';

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

/**
 * Activates (or refreshes) a product online and writes the state once, whatever the outcome.
 *
 * The machine sent is the complete snapshot (identity and details, `probe.complete()`), so the server
 * never replaces a registered machine's disk and MAC hashes with an identity-only set; the API key is
 * read from the keychain meanwhile. The activation and, when due, a signed-time request travel together.
 * Once both answered, the state is read once, under the store's lock, the lease (and the time) are
 * verified against this build's roots and that state, and one write stores contact, lease, kept list,
 * trusted time and session. A refusal, or a lease that fails
 * verification, writes only whether the server answered. The write is atomic and durable (file and
 * folder fsynced, `atomic-file.ts`) before this returns, so "activated" is never printed for a license
 * a crash could still lose.
 */
export const activateProduct = async (
  deps: AgentDeps,
  productId: string,
): Promise<Result<ActivationResponse>> => {
  const [access, machine] = await Promise.all([serverAccess(deps), deps.probe.complete()]);
  if (!access.ok) return access;
  if (!machine.ok) return machine;
  const { machineId, componentHashes, osUserHash, virtualization } = machine.value;
  const { client, apiKey } = access.value;
  const signedTime = signedTimeDue(deps, client) ? requestSignedTime(deps, client) : NO_SIGNED_TIME;
  const answer = client.activate(apiKey, {
    productId,
    machine: { machineId, componentHashes, osUserHash, virtualization },
  });
  // Both answers are in before the lock is taken: no other writer waits on the network.
  await Promise.all([answer, signedTime.received]);
  const stored = await deps.store.update(
    async (state): Promise<Result<{ state: StoreState; value: Result<ActivationResponse> }>> => {
      const received = await answer;
      const verified = received.ok ? await verifyLease(deps, received.value, machine.value, state) : received;
      if (!received.ok || !verified.ok) {
        noteContact(state, received, deps.now());
        return ok({ state, value: verified.ok ? received : verified });
      }
      const serverNow = await signedTime.verified(verified.value.known);
      const issuedAt = Date.parse(verified.value.payload.issuedAt);
      applyLease(deps, access.value, state, {
        answer: received.value,
        licenseId: verified.value.payload.licenseId,
        trustedAt: serverNow.ok ? Math.max(issuedAt, serverNow.value) : issuedAt,
        keep: verified.value.keep,
      });
      return ok({ state, value: received });
    },
    { recover: true },
  );
  if (!stored.ok) {
    // The state could not be read or written: a refusal the server sent is still the better answer.
    const received = await answer;
    return received.ok ? stored : received;
  }
  if (stored.value.ok) deps.events.changed();
  return stored.value;
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
