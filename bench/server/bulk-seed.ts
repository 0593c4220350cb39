import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../src-server/db/schema';

// Bench data written by the database itself (INSERT … SELECT generate_series), never one request per row.
// Ids and API keys are derived from labels (md5) the same way in SQL and here, so nothing is read back.

/** A v4-shaped UUID from a label; `uuidOf` in SQL computes the same one. */
export function benchUuid(label: string): string {
  const h = createHash('md5').update(label).digest('hex');
  const v = `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17)}`;
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20)}`;
}

/** The API key of a label (`tsk_` + 52 base32-alphabet letters); the SQL stores its sha256 like the server. */
export function benchApiKey(label: string): string {
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  const raw = md5(`ka${label}`) + md5(`kb${label}`).slice(0, 20);
  return `tsk_${raw.replace(/[0189]/g, (c) => ({ '0': 'g', '1': 'h', '8': 'i', '9': 'j' })[c] ?? c)}`;
}

/** SQL: the uuid every seeded row of a label gets (tests address seeded rows by it). */
export const uuidOf = (label: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`overlay(overlay(md5(${label}) placing '4' from 13) placing '8' from 17)::uuid`;
const keyOf = (label: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`'tsk_' || translate(md5('ka' || ${label}) || substr(md5('kb' || ${label}), 1, 20), '0189', 'ghij')`;

/** Labels shared by SQL and TypeScript. */
export const labels = {
  org: (p: string, o: number) => `${p}:org:${o}`,
  user: (p: string, o: number, u: number) => `${p}:user:${o}:${u}`,
  sub: (p: string, o: number) => `${p}:sub:${o}`,
  machine: (p: string, g: number) => `${p}:machine:${g}`,
  session: (p: string, g: number) => `${p}:session:${g}`,
};

/** What a tenant seed asks for: organizations × users, one subscription each. */
export interface TenantSpec {
  readonly prefix: string;
  readonly orgs: number;
  readonly usersPerOrg: number;
  readonly productId: string;
  readonly kind: string;
  readonly quota: number;
  readonly machineQuota: number;
}

/** A seeded organization with its subscription and users (user 1 is the owner, the rest admins). */
export interface SeededTenant {
  readonly orgId: string;
  readonly subscriptionId: string;
  readonly users: { userId: string; apiKey: string }[];
}

/** Accounts, organizations, users, memberships, API keys and subscriptions in six statements. */
export async function seedTenants(db: Kysely<Database>, s: TenantSpec): Promise<SeededTenant[]> {
  const p = s.prefix;
  const orgs = sql`generate_series(1, ${s.orgs}::int) o`;
  const users = sql`generate_series(1, ${s.orgs}::int) o, generate_series(1, ${s.usersPerOrg}::int) u`;
  const org = uuidOf(sql`${p}::text || ':org:' || o`);
  const user = uuidOf(sql`${p}::text || ':user:' || o || ':' || u`);
  await sql`insert into accounts (id, name) select ${uuidOf(sql`${p}::text || ':acct:' || o`)}, 'Bench ' || o from ${orgs}`.execute(
    db,
  );
  await sql`insert into organizations (id, account_id, name)
    select ${org}, ${uuidOf(sql`${p}::text || ':acct:' || o`)}, 'Bench org ' || o from ${orgs}`.execute(db);
  await sql`insert into users (id, email, name)
    select ${user}, ${p}::text || '-' || o || '-' || u || '@bench.test', 'Bench user ' || u from ${users}`.execute(
    db,
  );
  await sql`insert into memberships (org_id, user_id, role)
    select ${org}, ${user}, case when u = 1 then 'owner' else 'admin' end from ${users}`.execute(db);
  await sql`insert into api_keys (user_id, prefix, key_hash)
    select ${user}, substr(k, 1, 10), encode(sha256(convert_to(k, 'UTF8')), 'hex')
    from (select o, u, ${keyOf(sql`${p}::text || ':user:' || o || ':' || u`)} as k from ${users}) t`.execute(
    db,
  );
  await sql`insert into subscriptions
      (id, org_id, product_id, license_kind, quota, machine_quota, billing_cycle, starts_at, ends_at)
    select ${uuidOf(sql`${p}::text || ':sub:' || o`)}, ${org}, ${s.productId}::text, ${s.kind}::text,
      ${s.quota}::int, ${s.machineQuota}::int, 'multi-year', '2021-01-01T00:00:00Z', now() + interval '365 days'
    from ${orgs}`.execute(db);
  return Array.from({ length: s.orgs }, (_, i) => ({
    orgId: benchUuid(labels.org(p, i + 1)),
    subscriptionId: benchUuid(labels.sub(p, i + 1)),
    users: Array.from({ length: s.usersPerOrg }, (_, j) => ({
      userId: benchUuid(labels.user(p, i + 1, j + 1)),
      apiKey: benchApiKey(labels.user(p, i + 1, j + 1)),
    })),
  }));
}

/** Machines `from..to` of an organization (ids `BENCH-<g>`), e.g. 100,000 for the admin reads. */
export async function seedMachines(
  db: Kysely<Database>,
  m: { prefix: string; orgId: string; from: number; to: number },
): Promise<void> {
  await sql`insert into machines (id, org_id, machine_id, virtualization, first_seen_at, last_seen_at)
    select ${uuidOf(sql`${m.prefix}::text || ':machine:' || g`)}, ${m.orgId}::uuid, 'BENCH-' || g, 'physical',
      now() - (g % 1000) * interval '1 hour', now() - (g % 100) * interval '1 minute'
    from generate_series(${m.from}::int, ${m.to}::int) g`.execute(db);
}

/** Live sessions `from..to`, session g on machine g, all of one user, heartbeat just now. */
export async function seedSessions(
  db: Kysely<Database>,
  s: { prefix: string; subscriptionId: string; userId: string; from: number; to: number },
): Promise<void> {
  await sql`insert into sessions (id, subscription_id, machine_ref, user_id, started_at, heartbeat_at)
    select ${uuidOf(sql`${s.prefix}::text || ':session:' || g`)}, ${s.subscriptionId}::uuid,
      ${uuidOf(sql`${s.prefix}::text || ':machine:' || g`)}, ${s.userId}::uuid, now(), now()
    from generate_series(${s.from}::int, ${s.to}::int) g`.execute(db);
}

const ACTIONS = [
  'activation.created',
  'activation.refreshed',
  'session.started',
  'session.ended',
  'offline.created',
];

/** Audit events `from..to` of one organization, one per 30 s going back in time, in one statement. */
export async function seedAuditEvents(
  db: Kysely<Database>,
  a: { orgId: string; actorUserId: string; from: number; to: number; machines: number },
): Promise<void> {
  await sql`insert into audit_events (at, actor_user_id, org_id, action, product_id, machine_id, details)
    select now() - g * interval '30 seconds', ${a.actorUserId}::uuid, ${a.orgId}::uuid,
      ${sql.raw(`(array[${ACTIONS.map((a) => `'${a}'`).join(', ')}])`)}[1 + g % ${ACTIONS.length}::int], 'kre', 'BENCH-' || (1 + g % ${a.machines}::int), '{}'::jsonb
    from generate_series(${a.from}::int, ${a.to}::int) g`.execute(db);
}

/** Live activations of machines `from..to` (registered machines of a subscription), one user. */
export async function seedActivations(
  db: Kysely<Database>,
  a: { prefix: string; subscriptionId: string; userId: string; from: number; to: number },
): Promise<void> {
  await sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
    select ${a.subscriptionId}::uuid, ${uuidOf(sql`${a.prefix}::text || ':machine:' || g`)}, ${a.userId}::uuid,
      now() + interval '7 days'
    from generate_series(${a.from}::int, ${a.to}::int) g`.execute(db);
}

/** The single KRE organization most suites use: one owner with an API key, quotas that never bind. */
export async function seedKreOrg(
  db: Kysely<Database>,
  prefix: string,
): Promise<{ orgId: string; subscriptionId: string; userId: string; apiKey: string }> {
  const [tenant] = await seedTenants(db, {
    prefix,
    orgs: 1,
    usersPerOrg: 1,
    productId: 'kre',
    kind: 'session',
    quota: 10_000_000,
    machineQuota: 10_000_000,
  });
  const owner = tenant?.users[0];
  if (tenant === undefined || owner === undefined) throw new Error(`${prefix}: organization not seeded`);
  return { orgId: tenant.orgId, subscriptionId: tenant.subscriptionId, ...owner };
}

/**
 * Runs a bulk load with the table's secondary indexes dropped and rebuilt afterwards (one sorted
 * build instead of a million incremental inserts); definitions are read from pg_indexes, so the
 * migrations stay the only place they are written.
 */
export async function withIndexesRebuilt(
  db: Kysely<Database>,
  table: string,
  load: () => Promise<void>,
): Promise<void> {
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.tablename = ${table} and not exists (
      select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(db);
  await load();
  for (const index of indexes.rows) await sql.raw(index.def).execute(db);
}
