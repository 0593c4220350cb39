import type { MachineInfo } from '../../../shared/contracts/http/common';
import { addMember, createOrganization } from '../../../src-server/services/provisioning';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription, type SeededUser } from '../../support/seed';
import type { TestServer } from '../../support/test-server';

// The fixed cast of one model run: an organization with one sub-organization, three users who use
// licenses, their machines, and one KSE per-User and one KRE session line (R13, R19, R21).

/** The users who use licenses; `c` belongs to the sub-organization too, so it is charged there (R13). */
export const USERS = ['a', 'b', 'c'] as const;
/** A user name of the run. */
export type UserName = (typeof USERS)[number];

/** The products of the run: one seat-like (per-User) line and one session line. */
export const PRODUCTS = ['kse', 'kre'] as const;
/** A product of the run. */
export type ProductName = (typeof PRODUCTS)[number];

/** Machines each user activates on (R11: one machine ID per OS user and hardware). */
export const MACHINES_PER_USER = 2;
/** Machine IDs only offline licenses are made for (never activated online). */
export const OFFLINE_MACHINES = 2;

/** Quotas of the two lines: small, so random runs hit every limit. */
export const TERMS = {
  kse: { kind: 'per-user', quota: 2, machineQuota: 3 },
  kre: { kind: 'session', quota: 2, machineQuota: 3 },
} as const;

/** Session TTL of the model server, in seconds. */
export const TTL_SECONDS = 120;

/** Everything a command needs to talk to the server as the cast. */
export interface World {
  readonly server: TestServer;
  readonly rootOrgId: string;
  readonly subOrgId: string;
  readonly ownerKey: string;
  readonly users: Readonly<Record<UserName, SeededUser>>;
  /** Each user's current API key (a reissue replaces it). */
  readonly keys: Record<UserName, string>;
  readonly machines: Readonly<Record<UserName, readonly MachineInfo[]>>;
  readonly offlineMachineIds: readonly string[];
  /** Epoch ms the run started at: the first instant of the usage chart it checks. */
  readonly startedAt: number;
  /** The server's clock. */
  now(): number;
  /** Moves the server's clock (the model moves its own). */
  advance(ms: number): void;
  /** The real machine ID of a model machine name (`a/0`, `off/1`). */
  machineId(name: string): string;
  /** The machine a user activates (model name `a/0`). */
  machineInfo(name: string): MachineInfo;
}

/** Seeds a fresh organization on the shared server for one run. */
export async function createWorld(
  server: TestServer,
  clock: { now(): number; advance(ms: number): void },
  endsAt: Date,
): Promise<World> {
  const ctx = server.ctx;
  const org = await seedOrg(ctx, 'Model');
  const subOrgId = await createOrganization(ctx.db, {
    accountId: org.accountId,
    name: 'Model sub',
    parentId: org.orgId,
  });
  const a = await org.addUser('member', 'a');
  const b = await org.addUser('member', 'b');
  const c = await org.addUser('member', 'c');
  await addMember(ctx.db, { orgId: subOrgId, userId: c.userId, role: 'member' });
  for (const product of PRODUCTS) {
    const t = TERMS[product];
    await seedSubscription(ctx, org.orgId, { productId: product, ...t, endsAt });
  }
  const machinesOf = () => Array.from({ length: MACHINES_PER_USER }, () => fakeMachine());
  const machines = { a: machinesOf(), b: machinesOf(), c: machinesOf() };
  const offlineMachineIds = Array.from({ length: OFFLINE_MACHINES }, () => fakeMachine().machineId);
  const machineInfo = (name: string): MachineInfo => {
    const [who, index] = name.split('/');
    const info = (machines as Record<string, MachineInfo[] | undefined>)[who ?? '']?.[Number(index)];
    if (info === undefined) throw new Error(`no machine ${name}`);
    return info;
  };
  return {
    server,
    rootOrgId: org.orgId,
    subOrgId,
    ownerKey: org.owner.apiKey,
    users: { a, b, c },
    keys: { a: a.apiKey, b: b.apiKey, c: c.apiKey },
    machines,
    offlineMachineIds,
    startedAt: clock.now(),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    machineInfo,
    machineId: (name) =>
      name.startsWith('off/')
        ? (offlineMachineIds[Number(name.slice(4))] ?? name)
        : machineInfo(name).machineId,
  };
}
