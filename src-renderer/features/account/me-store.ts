import { create } from 'zustand';
import type { IpcResponse } from '../../../shared/contracts/ipc';
import { canManageLicenses } from '../../../shared/domain/roles';
import { call, type CallFailure } from '../../agent';

type Me = IpcResponse<'account:get-me'>;

/** Who is signed in, so the admin console is shown only to Owners and Admins (R15). */
export interface MeStore {
  me: Me | null;
  failure: CallFailure | null;
  load(): Promise<void>;
  clear(): void;
}

/** The account feature's store. */
export const useMeStore = create<MeStore>((set) => ({
  me: null,
  failure: null,
  async load() {
    const result = await call((a) => a.accountGetMe({}));
    set(result.ok ? { me: result.value, failure: null } : { me: null, failure: result.error });
  },
  clear() {
    set({ me: null, failure: null });
  },
}));

/** Organizations the user may manage (Owner or Admin), the admin console's org picker (R15). */
export function managedOrganizations(me: Me | null): Me['organizations'] {
  return me ? me.organizations.filter((org) => canManageLicenses(org.role)) : [];
}
