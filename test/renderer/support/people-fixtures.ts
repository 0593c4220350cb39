// Members and live sessions shaped by the real IPC schemas, for the admin console's people sections.
import { ipcContract } from '../../../shared/contracts/ipc';
import { MACHINE_ID, USER_ID } from './fixtures';

/** A second member's id. */
export const BOB = '44444444-4444-4444-8444-444444444444';

/** A members page holding Ada (owner, KSE licensed) and Bob (member, no license). */
export const membersPage = (items = [ADA_MEMBER, BOB_MEMBER]) =>
  ipcContract['admin:list-members'].response.parse({ items, total: items.length, freePlanWarning: null });

/** Ada as a member row. */
export const ADA_MEMBER = {
  userId: USER_ID,
  email: 'ada@acme.test',
  name: 'Ada',
  role: 'owner' as const,
  licensedProducts: ['kse'],
};

/** Bob as a member row. */
export const BOB_MEMBER = {
  userId: BOB,
  email: 'bob@acme.test',
  name: 'Bob',
  role: 'member' as const,
  licensedProducts: [] as string[],
};

/** One live session of Bob's on MACHINE_ID. */
export const bobSession = ipcContract['admin:list-live-sessions'].response.parse({
  total: 1,
  items: [
    {
      sessionId: '55555555-5555-4555-8555-555555555555',
      userId: BOB,
      userEmail: 'bob@acme.test',
      userName: 'Bob',
      machineId: MACHINE_ID,
      startedAt: '2026-11-30T08:00:00.000Z',
      lastHeartbeatAt: '2026-11-30T08:05:00.000Z',
    },
  ],
});
