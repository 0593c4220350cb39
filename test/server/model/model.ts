import { TTL_SECONDS, USERS, type ProductName, type UserName } from './world';

// The reference state of one run and the numbers it implies, computed only with shared/ rules:
// R9 (offline counts), R13/R14 (charged tree), R16 (License Management), R21/R22 (reservations).

/** A session as the model knows it; `serverId` is the id the server answered. */
export interface ModelSession {
  readonly serverId: string;
  readonly product: ProductName;
  readonly user: UserName;
  readonly machine: string;
  readonly startedAt: number;
  heartbeatAt: number;
  endedAt: number | null;
  /** Why an Owner/Admin action ended it (SEAT_REMOVED …, R23), null otherwise. */
  endCode: string | null;
}

/** One activation row of a user's machine: refreshed by activating again, ended by a deactivation or removal. */
export interface ActivationRow {
  refreshedAt: number;
  endedAt: number | null;
  code: string | null;
}

/** An offline license: bound to a machine, made for a user or for the organization (R5, R8). */
export interface ModelOffline {
  readonly product: ProductName;
  readonly machine: string;
  readonly user: UserName | null;
}

/** Everything the model tracks; machines are named `a/0`, `off/1` (see world.ts). */
export interface Model {
  now: number;
  readonly seats: Set<UserName>;
  /** Live activations as `product|user|machine`. */
  readonly activations: Set<string>;
  /** Every activation row per key, newest last: the refusal after a removal names it (R23). */
  readonly history: Map<string, ActivationRow[]>;
  /** Direct members of the root organization (c also belongs to the sub-organization). */
  readonly members: Set<UserName>;
  /** Users whose API keys are revoked with no new one issued. */
  readonly revoked: Set<UserName>;
  readonly sessions: ModelSession[];
  readonly offline: ModelOffline[];
  readonly dedicated: Record<ProductName, number>;
}

/** A fresh model at the run's start instant. */
export const emptyModel = (now: number): Model => ({
  now,
  seats: new Set(),
  activations: new Set(),
  history: new Map(),
  members: new Set(USERS),
  revoked: new Set(),
  sessions: [],
  offline: [],
  dedicated: { kse: 0, kre: 0 },
});

/** Key of one activation. */
export const activationKey = (p: ProductName, u: UserName, machine: string) => `${p}|${u}|${machine}`;

/** Node ids of the model's allocation tree. */
export const ROOT = 'root';
/** The sub-organization node. */
export const SUB = 'sub';

/** R13: each user's deepest organization; `c` belongs to the sub-organization. */
export const homeOf = (u: UserName | null): string => (u === 'c' ? SUB : ROOT);

/** The user owning a machine name (`a/0` → a); offline-only machines have none. */
export const ownerOf = (machine: string): UserName | null => {
  const u = machine.split('/')[0];
  return u === 'a' || u === 'b' || u === 'c' ? u : null;
};

/** R19/R21: a session holds a license while not ended and heard from within the TTL. */
export const isLive = (m: Model, s: ModelSession) =>
  s.endedAt === null && s.heartbeatAt + TTL_SECONDS * 1000 > m.now;

/** Live sessions of a product. */
export const liveSessions = (m: Model, p: ProductName) =>
  m.sessions.filter((s) => s.product === p && isLive(m, s));

/** Machines holding a live activation of a product (R16 Online Licenses, R22 reservations). */
export function activatedMachines(m: Model, p: ProductName): string[] {
  const machines = [...m.activations].filter((k) => k.startsWith(`${p}|`)).map((k) => k.split('|')[2] ?? '');
  return [...new Set(machines)];
}

/** Machines bound to offline licenses of a product, one entry per license (R9). */
export const offlineMachines = (m: Model, p: ProductName) =>
  m.offline.filter((o) => o.product === p).map((o) => o.machine);

/** Ends sessions matching `which` that have not ended, at the model's now, with a removal code; how many. */
export function endSessions(
  m: Model,
  which: (s: ModelSession) => boolean,
  code: string | null = null,
): number {
  let n = 0;
  for (const s of m.sessions) {
    if (s.endedAt === null && which(s)) {
      s.endedAt = m.now;
      s.endCode = code;
      n += 1;
    }
  }
  return n;
}

/** Activates (a new row) or refreshes the live row of a key. */
export function activateKey(m: Model, key: string): void {
  const rows = m.history.get(key) ?? [];
  const live = m.activations.has(key) ? rows[rows.length - 1] : undefined;
  if (live) live.refreshedAt = m.now;
  else rows.push({ refreshedAt: m.now, endedAt: null, code: null });
  m.history.set(key, rows);
  m.activations.add(key);
}

/** Deactivates the live activations whose key matches, with the removal code (null: the user's own). */
export function deactivateKeys(m: Model, which: (key: string) => boolean, code: string | null): number {
  let n = 0;
  for (const key of [...m.activations].filter(which)) {
    const row = m.history.get(key)?.at(-1);
    if (row) Object.assign(row, { endedAt: m.now, code });
    m.activations.delete(key);
    n += 1;
  }
  return n;
}

/** R13: whether the user still reaches the root's lines (c does through the sub-organization). */
export const reaches = (m: Model, u: UserName) => m.members.has(u) || u === 'c';
