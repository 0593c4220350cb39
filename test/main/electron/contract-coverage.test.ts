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

  it('no response or event can carry a secret back to the renderer', () => {
    const secretish = /api.?key|secret|private|password|token|master/i;
    const schemas = [
      ...Object.values(ipcContract).map((entry) => entry.response),
      ...Object.values(ipcEvents),
    ];
    for (const schema of schemas)
      expect(propertyNames(schema).filter((name) => secretish.test(name))).toEqual([]);
  });

  it('the only request that carries the API key is key:set', () => {
    const carriers = IPC_CHANNELS.filter((channel) =>
      propertyNames(ipcContract[channel].request).some((name) => /api.?key/i.test(name)),
    );
    expect(carriers).toEqual(['key:set']);
  });
});
