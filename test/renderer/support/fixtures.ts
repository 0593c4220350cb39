// Contract-shaped sample values, parsed through the real schemas so a contract change breaks these tests.
import {
  agentStatusSchema,
  machineInfoSchema,
  productStatusSchema,
} from '../../../shared/contracts/ipc-agent';
import { ipcContract } from '../../../shared/contracts/ipc';
import { subscriptionDetailsSchema } from '../../../shared/contracts/ipc-admin-licenses';
import { checkCharacter } from '../../../shared/machine-id/check-character';
import { formatMachineId } from '../../../shared/machine-id/machine-id-format';

/** Fixed ids in the contract's uuid shape. */
export const ORG_ID = '11111111-1111-4111-8111-111111111111';
/** The signed-in user's id. */
export const USER_ID = '22222222-2222-4222-8222-222222222222';
const ACCOUNT_ID = '33333333-3333-4333-8333-333333333333';

/** A valid machine ID (with its check character). */
export const MACHINE_ID = formatMachineId(`7K2MQX9D4TRWB8N${checkCharacter('7K2MQX9D4TRWB8N')}`);

/** One product's status with overrides. */
export const productStatus = (over: Partial<ReturnType<typeof productStatusSchema.parse>> = {}) =>
  productStatusSchema.parse({
    productId: 'kse',
    productName: 'Katalon Studio Enterprise',
    canRun: true,
    state: 'active',
    source: 'lease',
    licenseKind: 'per-user',
    organizationId: ORG_ID,
    organizationName: 'Acme QA',
    expiresAt: '2027-01-31T00:00:00.000Z',
    daysLeft: 12,
    leaseEndsAt: '2026-12-01T00:00:00.000Z',
    session: null,
    reason: null,
    warnings: [],
    trust: 'vendor',
    ...over,
  });

/** The agent status with the given products. */
export const agentStatus = (products = [productStatus()]) =>
  agentStatusSchema.parse({
    machineId: MACHINE_ID,
    serverMode: 'remote',
    serverReachable: true,
    checkedAt: '2026-11-23T10:00:00.000Z',
    trust: {
      evaluation: false,
      roots: [{ kid: '0123456789abcdef', name: 'Tessera', source: 'vendor' }],
      policy: { state: 'absent', path: '/etc/tessera/trust.json', message: null },
    },
    products,
  });

/** This machine. */
export const machineInfo = machineInfoSchema.parse({
  machineId: MACHINE_ID,
  virtualization: 'physical',
  components: [],
});

/** A signed-in user with one role in one organization. */
export const me = (role: 'owner' | 'admin' | 'member') =>
  ipcContract['account:get-me'].response.parse({
    user: { id: USER_ID, email: 'ada@acme.test', name: 'Ada' },
    organizations: [{ id: ORG_ID, name: 'Acme QA', parentId: null, accountId: ACCOUNT_ID, role }],
  });

/** KSE subscription details. */
export const kseSubscription = subscriptionDetailsSchema.parse({
  productId: 'kse',
  productName: 'Katalon Studio Enterprise',
  licenseKind: 'per-user',
  billingCycle: 'annual',
  subscribed: 2,
  used: 2,
  available: 0,
  machineQuota: 6,
  machinesRegistered: 1,
  offlineAllowed: true,
  expiresAt: '2027-01-31T00:00:00.000Z',
});
