import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { MemberResponse, NewKeyResponse } from '../../shared/contracts/http/admin-members';
import type { IpcRequest, IpcResponse } from '../../shared/contracts/ipc';
import { fail, ok, type Result } from '../../shared/result';
import { mainLog } from '../adapters/error-log';
import type { KeyHandover, NewMemberKey } from '../adapters/key-handover';
import type { AgentDeps } from './agent-deps';
import { sendAdmin } from './admin-send';

// R15: a member's new API key goes from the server to main to the admin's key window (deps.keyHandover),
// and nowhere else: the IPC answer only says it was handed over (test/main/electron/contract-coverage.test.ts).

const noHandover = () =>
  fail(
    'NOT_FOUND',
    'This agent has no window to show a new API key in; add members and reissue keys from the Tessera desktop app.',
  );

/** Hands the key over; a window that failed is said in a sentence (the server already issued the key). */
const handOver = async (handover: KeyHandover, key: NewMemberKey, lost: string): Promise<Result<true>> => {
  try {
    await handover.handOver(key);
    return ok(true);
  } catch (error) {
    mainLog().error({ err: error }, 'A new API key could not be shown');
    return fail('INTERNAL', lost);
  }
};

/** Adds a member; a person new to the server gets a first key, handed to the admin, not to the renderer. */
export const addMember = async (
  deps: AgentDeps,
  { orgId, ...body }: IpcRequest<'admin:add-member'>,
): Promise<Result<IpcResponse<'admin:add-member'>>> => {
  const handover = deps.keyHandover;
  if (!handover) return noHandover();
  const added = await sendAdmin(
    deps,
    { method: 'POST', path: ADMIN_PATHS.members(orgId), body },
    MemberResponse,
  );
  if (!added.ok) return added;
  const { apiKey, ...member } = added.value;
  if (apiKey === null) return ok({ ...member, keyHandedOver: false });
  const shown = await handOver(
    handover,
    { email: member.email, apiKey },
    `${member.email} was added, but their first API key could not be shown; reissue their key from the Members list.`,
  );
  return shown.ok ? ok({ ...member, keyHandedOver: true }) : shown;
};

/** Reissues a member's key (the old ones stop working); the new one is handed to the admin, not to the renderer. */
export const reissueMemberKey = async (
  deps: AgentDeps,
  { orgId, userId, email }: IpcRequest<'admin:reissue-member-key'>,
): Promise<Result<IpcResponse<'admin:reissue-member-key'>>> => {
  const handover = deps.keyHandover;
  if (!handover) return noHandover();
  const issued = await sendAdmin(
    deps,
    { method: 'POST', path: ADMIN_PATHS.memberKey(orgId, userId), body: {} },
    NewKeyResponse,
  );
  if (!issued.ok) return issued;
  const shown = await handOver(
    handover,
    { email, apiKey: issued.value.apiKey },
    `A new API key was issued to ${email} but could not be shown; reissue it again.`,
  );
  return shown.ok ? ok({ userId: issued.value.userId, keyHandedOver: true as const }) : shown;
};
