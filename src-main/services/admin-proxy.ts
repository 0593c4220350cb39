import { z } from 'zod';
import { ipcContract, type AgentApi, type IpcRequest, type IpcResponse } from '../../shared/contracts/ipc';
import { fail, ok, type Result } from '../../shared/result';
import type { AgentDeps } from './agent-deps';
import { ADMIN_ROUTES, type AdminChannel, type AdminRoute } from './admin-routes';
import { sendAdmin } from './admin-send';
import { addMember, reissueMemberKey } from './member-keys';
import { releaseSessions } from './session-release';

type AdminMethods = Pick<AgentApi, Extract<keyof AgentApi, `admin${string}`>>;

/** Forwards one admin operation with the stored API key; the key never leaves main, the answer is re-validated. */
const forward = async <C extends AdminChannel>(
  deps: AgentDeps,
  channel: C,
  payload: IpcRequest<C>,
): Promise<Result<IpcResponse<C>>> => {
  const route = ADMIN_ROUTES[channel] as AdminRoute<C> | undefined;
  if (!route)
    return fail(
      'NOT_FOUND',
      `This license server does not offer "${channel.slice(6)}" yet; use the server's operator CLI instead.`,
    );
  const { map, ...request } = route(payload);
  const schema = ipcContract[channel].response;
  const answer = await sendAdmin(
    deps,
    request,
    z.preprocess((body) => (map ? map(body) : body), schema),
  );
  return answer.ok ? ok(answer.value as IpcResponse<C>) : answer;
};

/** The `admin*` half of the AgentApi facade. */
export const createAdminProxy = (deps: AgentDeps): AdminMethods => {
  const method =
    <C extends AdminChannel>(channel: C) =>
    (payload: IpcRequest<C>) =>
      forward(deps, channel, payload);
  return {
    adminListSubscriptions: method('admin:list-subscriptions'),
    adminGetSubscription: method('admin:get-subscription'),
    adminListLicensedUsers: method('admin:list-licensed-users'),
    adminAddLicensedUser: method('admin:add-licensed-user'),
    adminRemoveLicensedUser: method('admin:remove-licensed-user'),
    adminListOnlineLicenses: method('admin:list-online-licenses'),
    adminListOfflineLicenses: method('admin:list-offline-licenses'),
    adminCreateOfflineLicense: method('admin:create-offline-license'),
    adminListMachines: method('admin:list-machines'),
    adminRemoveMachine: method('admin:remove-machine'),
    adminForceRelease: method('admin:force-release'),
    adminTransferLicense: method('admin:transfer-license'),
    adminListMembers: method('admin:list-members'),
    adminGetOrgTree: method('admin:get-org-tree'),
    adminDedicateLicenses: method('admin:dedicate-licenses'),
    adminGetUsage: method('admin:get-usage'),
    adminListAudit: method('admin:list-audit'),
    adminExportAuditCsv: method('admin:export-audit-csv'),
    adminPreviewMigration: method('admin:preview-migration'),
    adminApplyMigration: method('admin:apply-migration'),
    adminListRenewals: method('admin:list-renewals'),
    adminListLiveSessions: method('admin:list-live-sessions'),
    adminReleaseSessions: (payload) =>
      releaseSessions(
        {
          list: method('admin:list-live-sessions'),
          release: method('admin:force-release'),
        },
        payload,
      ),
    adminAddMember: (payload) => addMember(deps, payload),
    adminRemoveMember: method('admin:remove-member'),
    adminChangeMemberRole: method('admin:change-member-role'),
    adminReissueMemberKey: (payload) => reissueMemberKey(deps, payload),
    adminRevokeMemberKey: method('admin:revoke-member-key'),
    adminDownloadOfflineLicense: method('admin:download-offline-license'),
  };
};
