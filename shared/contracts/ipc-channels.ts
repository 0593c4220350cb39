// The IPC channel and event NAMES without their zod schemas: the sandboxed preload builds
// `window.agent` from these, so it carries no zod. test/main/electron/preload-channels.test.ts keeps
// them equal to the contract (ipc.ts), which stays the one place a channel is defined.

/** Every request/response channel of the contract, by name. */
export const IPC_CHANNEL_NAMES = [
  'license:activate',
  'license:deactivate',
  'license:import-offline',
  'license:get-status',
  'machine:get-info',
  'machine:save-request',
  'key:set',
  'key:has',
  'key:delete',
  'server:get-config',
  'server:set-config',
  'session:start',
  'session:stop',
  'account:get-me',
  'admin:list-subscriptions',
  'admin:get-subscription',
  'admin:list-licensed-users',
  'admin:add-licensed-user',
  'admin:remove-licensed-user',
  'admin:list-online-licenses',
  'admin:list-offline-licenses',
  'admin:create-offline-license',
  'admin:list-machines',
  'admin:remove-machine',
  'admin:force-release',
  'admin:transfer-license',
  'admin:list-members',
  'admin:get-org-tree',
  'admin:dedicate-licenses',
  'admin:get-usage',
  'admin:list-audit',
  'admin:export-audit-csv',
  'admin:preview-migration',
  'admin:apply-migration',
  'admin:list-renewals',
  'admin:list-live-sessions',
  'admin:release-sessions',
  'admin:add-member',
  'admin:remove-member',
  'admin:change-member-role',
  'admin:reissue-member-key',
  'admin:revoke-member-key',
  'admin:download-offline-license',
] as const;

/** Every push channel of the contract, by name. */
export const IPC_EVENT_NAMES = ['license:status-changed'] as const;

type KebabToCamel<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<KebabToCamel<T>>}`
  : S;
/** `license:import-offline` -> `licenseImportOffline`: the method name a channel gets on `window.agent`. */
export type MethodOf<C extends string> = C extends `${infer D}:${infer V}`
  ? `${D}${Capitalize<KebabToCamel<V>>}`
  : never;
/** `license:status-changed` -> `onLicenseStatusChanged`: the subscribe method an event gets. */
export type EventMethodOf<E extends string> = `on${Capitalize<MethodOf<E>>}`;

/** Runtime twin of MethodOf, so iteration builds the same names the type promises. */
export const methodOf = <C extends string>(channel: C): MethodOf<C> => {
  const [domain = '', verb = ''] = channel.split(':');
  const camel = verb.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return `${domain}${camel.charAt(0).toUpperCase()}${camel.slice(1)}` as MethodOf<C>;
};

/** Runtime twin of EventMethodOf. */
export const eventMethodOf = <E extends string>(event: E): EventMethodOf<E> => {
  const method = methodOf(event);
  return `on${method.charAt(0).toUpperCase()}${method.slice(1)}` as EventMethodOf<E>;
};
