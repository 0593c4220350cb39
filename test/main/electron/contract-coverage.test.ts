import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IPC_CHANNELS, ipcContract, ipcEvents } from '../../../shared/contracts/ipc';

const propertyNames = (schema: z.ZodType): string[] => {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && value !== null && typeof value === 'object')
          names.push(...Object.keys(value));
        walk(value);
      }
    }
  };
  walk(z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }));
  return names;
};

describe('IPC contract coverage', () => {
  it.each([
    [
      'R16 subscription details and the Licensed/Online/Offline/Registered sections',
      [
        'admin:get-subscription',
        'admin:list-licensed-users',
        'admin:list-online-licenses',
        'admin:list-offline-licenses',
        'admin:list-machines',
      ],
    ],
    ['R8 creating an offline license from a machine ID', ['admin:create-offline-license']],
    [
      'R23 removing a licensed user, a machine ID, or its license',
      ['admin:remove-licensed-user', 'admin:remove-machine'],
    ],
    ['R24 transferring a license between users', ['admin:transfer-license']],
    [
      'R13/R14 the organization tree and dedicating to sub-organizations',
      ['admin:get-org-tree', 'admin:dedicate-licenses'],
    ],
    ['R18 members with the free-plan warning', ['admin:list-members']],
    ['R28/R29 migration preview and apply', ['admin:preview-migration', 'admin:apply-migration']],
    ['R28–R30 scheduled renewals and their plans', ['admin:list-renewals']],
    ['R21/R22 sessions and force-release', ['session:start', 'session:stop', 'admin:force-release']],
    ['R5 importing an offline license', ['license:import-offline']],
    ['R8 downloading a stored offline license file again', ['admin:download-offline-license']],
    [
      'R19/R21 live sessions, released per user and per machine',
      ['admin:list-live-sessions', 'admin:release-sessions'],
    ],
    [
      'R15/R23 member add, role, removal and API-key reissue/revoke',
      [
        'admin:add-member',
        'admin:change-member-role',
        'admin:remove-member',
        'admin:reissue-member-key',
        'admin:revoke-member-key',
      ],
    ],
  ])('%s', (_rule, channels) => {
    for (const channel of channels) expect(IPC_CHANNELS).toContain(channel);
  });

  it('R18 the members page carries the free-plan warning', () => {
    expect(propertyNames(ipcContract['admin:list-members'].response)).toContain('freePlanWarning');
  });

  it('imports an offline license by content and name, never by a path', () => {
    expect(Object.keys(ipcContract['license:import-offline'].request.shape).sort()).toEqual([
      'content',
      'fileName',
    ]);
  });

  it('no response or event can carry a secret back to the renderer, not even a member key an admin just issued', () => {
    const secretish = /api.?key|secret|private|password|token|master/i;
    // R15: a member's new key goes from main to the admin's key window (src-main/services/member-keys.ts).
    const schemas = [
      ...Object.values(ipcContract).map((entry) => entry.response),
      ...Object.values(ipcEvents),
    ];
    for (const schema of schemas)
      expect(propertyNames(schema).filter((name) => secretish.test(name))).toEqual([]);
  });

  it('R15 adding a member and reissuing a key answer only that the key was handed over', () => {
    expect(propertyNames(ipcContract['admin:add-member'].response).sort()).toEqual([
      'email',
      'keyHandedOver',
      'name',
      'role',
      'userId',
    ]);
    expect(propertyNames(ipcContract['admin:reissue-member-key'].response).sort()).toEqual([
      'keyHandedOver',
      'userId',
    ]);
  });

  it('the only request that carries the API key is key:set', () => {
    const carriers = IPC_CHANNELS.filter((channel) =>
      propertyNames(ipcContract[channel].request).some((name) => /api.?key/i.test(name)),
    );
    expect(carriers).toEqual(['key:set']);
  });
});
