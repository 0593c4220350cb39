import { dearmorEnvelope } from '../../shared/license-file/armor';
import type { RevocationListPayload, RevocationState } from '../../shared/trust/revocation-list';
import type { SignedObject } from '../../shared/trust/signed-object';
import type { StoreState } from '../adapters/store-schema';
import type { AgentDeps } from './agent-deps';

/**
 * The revocation lists the agent keeps (highest serial per root), each verified again against the
 * roots, so a list edited into state.json counts for nothing and one for an unknown root is ignored.
 */
export const knownRevocations = async (deps: AgentDeps, state: StoreState): Promise<RevocationState> => {
  const known = new Map<string, RevocationListPayload>();
  for (const [rootKid, signed] of Object.entries(state.revocations)) {
    const list = await deps.chain.verifyRevocationList(signed);
    if (list.ok && list.value.rootKid === rootKid) known.set(rootKid, list.value);
  }
  return known;
};

/** The signed list a verified file carried, when it is newer than the one kept for its root. */
export const newerCarriedList = (
  fileText: string,
  carried: RevocationListPayload | undefined,
  known: RevocationState,
): { rootKid: string; signed: SignedObject } | undefined => {
  if (carried === undefined) return undefined;
  const kept = known.get(carried.rootKid);
  if (kept !== undefined && kept.serial >= carried.serial) return undefined;
  const envelope = dearmorEnvelope(fileText);
  const signed = envelope.ok ? envelope.value.crl : undefined;
  return signed === undefined ? undefined : { rootKid: carried.rootKid, signed };
};

/** Keeps a newer list in the state being updated (inside LicenseStore.update). */
export const keepRevocationList = (
  state: StoreState,
  newer: { rootKid: string; signed: SignedObject } | undefined,
): void => {
  if (newer !== undefined) state.revocations[newer.rootKid] = newer.signed;
};
