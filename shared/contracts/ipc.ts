// The one IPC contract: channel -> {request, response} zod schemas. The preload, the main-process
// handlers, the agent facade and the renderer all derive their types and channel lists from here.
import { z } from 'zod';
import type { Result } from '../result';
import { MeResponse } from './http/me';
import { doneSchema, emptyPayloadSchema, textFileSchema } from './ipc-common';
import * as agent from './ipc-agent';
import * as lic from './ipc-admin-licenses';
import * as org from './ipc-admin-org';
import * as people from './ipc-admin-people';
import * as renewals from './ipc-admin-renewals';
import type { EventMethodOf, MethodOf } from './ipc-channels';

const channel = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res) => ({
  request,
  response,
});

/** Every request/response channel, named `domain:verb-noun`, one payload object each. */
export const ipcContract = {
  'license:activate': channel(agent.productPayloadSchema, agent.productStatusSchema),
  'license:deactivate': channel(agent.productPayloadSchema, agent.productStatusSchema),
  'license:import-offline': channel(textFileSchema.strict(), agent.productStatusSchema),
  'license:get-status': channel(emptyPayloadSchema, agent.agentStatusSchema),
  'machine:get-info': channel(emptyPayloadSchema, agent.machineInfoSchema),
  'machine:save-request': channel(emptyPayloadSchema, textFileSchema),
  'key:set': channel(agent.keySetPayloadSchema, agent.keyStateSchema),
  'key:has': channel(emptyPayloadSchema, agent.keyStateSchema),
  'key:delete': channel(emptyPayloadSchema, agent.keyStateSchema),
  'server:get-config': channel(emptyPayloadSchema, agent.serverStateSchema),
  'server:set-config': channel(agent.serverConfigSchema, agent.serverStateSchema),
  'session:start': channel(agent.sessionStartPayloadSchema, agent.sessionInfoSchema),
  'session:stop': channel(agent.productPayloadSchema, doneSchema),
  'account:get-me': channel(emptyPayloadSchema, MeResponse),
  'admin:list-subscriptions': channel(lic.orgPayloadSchema, z.array(lic.subscriptionDetailsSchema)),
  'admin:get-subscription': channel(lic.orgProductPayloadSchema, lic.subscriptionDetailsSchema),
  'admin:list-licensed-users': channel(lic.orgProductPagePayloadSchema, lic.licensedUsersPageSchema),
  'admin:add-licensed-user': channel(lic.licensedUserPayloadSchema, lic.licensedUserSchema),
  'admin:remove-licensed-user': channel(lic.licensedUserPayloadSchema, doneSchema),
  'admin:list-online-licenses': channel(lic.orgProductPagePayloadSchema, lic.onlineLicensesPageSchema),
  'admin:list-offline-licenses': channel(lic.orgProductPagePayloadSchema, lic.offlineLicensesPageSchema),
  'admin:create-offline-license': channel(lic.createOfflineLicensePayloadSchema, textFileSchema),
  'admin:list-machines': channel(lic.machinesPagePayloadSchema, lic.registeredMachinesPageSchema),
  'admin:remove-machine': channel(lic.machinePayloadSchema, doneSchema),
  'admin:force-release': channel(lic.forceReleasePayloadSchema, doneSchema),
  'admin:transfer-license': channel(lic.transferPayloadSchema, doneSchema),
  'admin:list-members': channel(org.membersPayloadSchema, org.membersPageSchema),
  'admin:get-org-tree': channel(org.orgTreePayloadSchema, org.orgTreeSchema),
  'admin:dedicate-licenses': channel(org.dedicatePayloadSchema, org.orgTreeSchema),
  'admin:get-usage': channel(org.usagePayloadSchema, org.usageSeriesSchema),
  'admin:list-audit': channel(org.auditPagePayloadSchema, org.auditPageSchema),
  'admin:export-audit-csv': channel(org.auditExportPayloadSchema, org.auditCsvSchema),
  'admin:preview-migration': channel(org.migrationPayloadSchema, org.migrationPlanSchema),
  'admin:apply-migration': channel(org.migrationPayloadSchema, org.migrationPlanSchema),
  'admin:list-renewals': channel(renewals.renewalsPayloadSchema, renewals.renewalOrderListSchema),
  'admin:list-live-sessions': channel(people.liveSessionsPayloadSchema, people.liveSessionsPageSchema),
  'admin:release-sessions': channel(people.releaseSessionsPayloadSchema, people.releasedSessionsSchema),
  'admin:add-member': channel(people.addMemberPayloadSchema, people.memberAddedSchema),
  'admin:remove-member': channel(people.memberPayloadSchema, people.memberRemovalSchema),
  'admin:change-member-role': channel(people.memberRolePayloadSchema, people.memberRoleChangeSchema),
  'admin:reissue-member-key': channel(people.reissueKeyPayloadSchema, people.reissuedKeySchema),
  'admin:revoke-member-key': channel(people.memberPayloadSchema, people.keyRevocationSchema),
  'admin:download-offline-license': channel(people.offlineFilePayloadSchema, textFileSchema),
} as const;

/** Push channels from main to the renderer: channel -> payload schema. */
export const ipcEvents = {
  'license:status-changed': agent.agentStatusSchema,
} as const;

/** A request/response channel name. */
export type IpcChannel = keyof typeof ipcContract;
/** A push channel name. */
export type IpcEvent = keyof typeof ipcEvents;
/** What the renderer sends on a channel (input = output: the schemas have no defaults or transforms). */
export type IpcRequest<C extends IpcChannel> = z.input<(typeof ipcContract)[C]['request']>;
/** The value inside a successful result on a channel. */
export type IpcResponse<C extends IpcChannel> = z.output<(typeof ipcContract)[C]['response']>;
/** The payload pushed on an event channel. */
export type IpcEventPayload<E extends IpcEvent> = z.output<(typeof ipcEvents)[E]>;

/** The request/response half of `window.agent`; createAgentApi (src-main/services/agent-api.ts) implements it in main. */
export type AgentApi = {
  [C in IpcChannel as MethodOf<C>]: (payload: IpcRequest<C>) => Promise<Result<IpcResponse<C>>>;
};
/** Event subscriptions: each returns an unsubscribe function. */
export type AgentEvents = {
  [E in IpcEvent as EventMethodOf<E>]: (listener: (payload: IpcEventPayload<E>) => void) => () => void;
};
/** Exactly what the preload exposes as `window.agent` (and what the e2e binding rebuilds). */
export type AgentBridge = AgentApi & AgentEvents;

export { eventMethodOf, methodOf, type EventMethodOf, type MethodOf } from './ipc-channels';

/** Channel list for iteration (handler registration, preload, drift test). */
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];
/** Event list for iteration. */
export const IPC_EVENTS = Object.keys(ipcEvents) as IpcEvent[];
