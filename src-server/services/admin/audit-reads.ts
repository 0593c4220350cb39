import { sql, type Kysely } from 'kysely';
import type { AuditFilter, AuditPage, CsvFile } from '../../../shared/contracts/http/admin-org';
import { ok, type Result } from '../../../shared/result';
import type { Database } from '../../db/schema';
import type { LicensingContext } from '../context';
import { requireManagerIn } from './access';
import { likePattern } from './like-pattern';
import { csvRow } from './csv';

/** The CSV must fit the IPC text-file limit (1 MiB); the newest events that fit are exported. */
const CSV_BUDGET = 1_000_000;
const CSV_BATCH = 1_000;
/**
 * The audit total is counted at most this far past the requested offset: exact for any filter that
 * matches fewer events, otherwise a lower bound that grows as the admin pages on (a million-event
 * count costs ~0.5 s; the first pages must not).
 */
export const COUNT_WINDOW = 10_000;

/** Users whose name or e-mail contains the text: the audit filter by person, not only by UUID. */
function usersMatching(db: Kysely<Database>, text: string) {
  const pattern = likePattern(text);
  return db
    .selectFrom('users')
    .select(sql<string>`id::text`.as('id'))
    .where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
}

/**
 * Which side of the user filter a query reads: either (the page), or one of two disjoint halves the
 * count sums — events the user made, and events about the user made by someone else — so each half
 * walks its own index (actor: org/actor/at, index-only; subject: the details->>'userId' index).
 */
type UserSide = 'either' | 'actor' | 'subject';

/** The organization's events matching every filter, all in SQL (indexes: org/at, machine/at, actor/at). */
function filtered(db: Kysely<Database>, orgId: string, f: AuditFilter, side: UserSide = 'either') {
  let q = db.selectFrom('audit_events as e').where('e.org_id', '=', orgId);
  if (f.action !== undefined) q = q.where('e.action', '=', f.action);
  if (f.productId !== undefined) q = q.where('e.product_id', '=', f.productId);
  if (f.machineId !== undefined) q = q.where('e.machine_id', '=', f.machineId);
  if (f.from !== undefined) q = q.where('e.at', '>=', new Date(f.from));
  if (f.to !== undefined) q = q.where('e.at', '<', new Date(f.to));
  const userId = f.userId;
  if (userId !== undefined && side === 'actor') q = q.where('e.actor_user_id', '=', userId);
  if (userId !== undefined && side === 'subject')
    q = q.where(sql`e.details->>'userId'`, '=', userId).where('e.actor_user_id', 'is distinct from', userId);
  if (userId !== undefined && side === 'either')
    q = q.where((eb) =>
      eb.or([eb('e.actor_user_id', '=', userId), eb(sql`e.details->>'userId'`, '=', userId)]),
    );
  const user = f.user?.trim() ?? '';
  if (user !== '') {
    const who = usersMatching(db, user);
    q = q.where((eb) =>
      eb.or([
        eb(sql`e.actor_user_id::text`, 'in', who),
        eb(sql`e.details->>'userId'`, 'in', usersMatching(db, user)),
      ]),
    );
  }
  return q;
}

/** The filtered events with their actor's e-mail, for the page and the CSV. */
const withActor = (db: Kysely<Database>, orgId: string, f: AuditFilter) =>
  filtered(db, orgId, f).leftJoin('users as u', 'u.id', 'e.actor_user_id');

/**
 * The statement counting the matching events no further than `cap`. It reads only indexed columns
 * (no join), so PostgreSQL can answer it from an index without visiting the wide, hash-chained rows;
 * with a user filter it sums the two disjoint halves (each capped: the sum capped again is the same).
 */
export function auditCountStatement(db: Kysely<Database>, orgId: string, f: AuditFilter, cap: number) {
  const capped = (side: UserSide) =>
    db
      .selectFrom(
        filtered(db, orgId, f, side)
          .select(sql<number>`1`.as('one'))
          .limit(cap)
          .as('w'),
      )
      .select(sql<number>`count(*)`.as('n'));
  const total =
    f.userId === undefined
      ? sql<number>`(${capped('either')})`
      : sql<number>`least(${cap}, (${capped('actor')}) + (${capped('subject')}))`;
  return sql<{ n: number }>`select (${total})::int as n`;
}

const columns = [
  'e.id',
  'e.at',
  'u.email',
  'e.actor_user_id',
  'e.action',
  'e.product_id',
  'e.machine_id',
  'e.reason',
  'e.details',
] as const;

type Row = Awaited<ReturnType<ReturnType<ReturnType<typeof withActor>['select']>['execute']>>[number];

const toEvent = (r: Row & { id: unknown; at: Date; email: string | null; actor_user_id: string | null }) => ({
  id: String(r.id),
  at: new Date(r.at).toISOString(),
  actor: r.email ?? r.actor_user_id,
  action: r.action,
  productId: r.product_id,
  machineId: r.machine_id,
  reason: r.reason,
  details: r.details,
});

/**
 * The statement reading one page of the matching events, newest first. Every read of the audit log
 * is of one organization: the indexes it walks all lead with org_id (migration 20261201T1910 dropped
 * the time-only index, which made the planner filter out every newer event of other organizations).
 */
export const auditPageStatement = (
  db: Kysely<Database>,
  q: { orgId: string; filter: AuditFilter; offset: number; limit: number },
) =>
  withActor(db, q.orgId, q.filter)
    .select([...columns])
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .offset(q.offset)
    .limit(q.limit);

/** The audit table (who, what, when, which machine, why), newest first, paged on the server. */
export async function auditPage(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; filter: AuditFilter; offset: number; limit: number },
): Promise<Result<AuditPage>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'read the audit log');
  if (!role.ok) return role;
  const rows = await auditPageStatement(ctx.db, q).execute();
  const total = await auditCountStatement(ctx.db, q.orgId, q.filter, q.offset + COUNT_WINDOW).execute(ctx.db);
  return ok({ total: total.rows[0]?.n ?? 0, items: rows.map(toEvent) });
}

/** The filtered audit log as CSV, read in keyset batches so no whole table is ever loaded. */
export async function auditCsv(
  ctx: LicensingContext,
  q: { userId: string; orgId: string; filter: AuditFilter },
): Promise<Result<CsvFile>> {
  const role = await requireManagerIn(ctx.db, q.userId, q.orgId, 'export the audit log');
  if (!role.ok) return role;
  let content = csvRow(['id', 'at', 'actor', 'action', 'product', 'machine', 'reason', 'details']);
  let count = 0;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let query = withActor(ctx.db, q.orgId, q.filter)
      .select([...columns])
      .select(sql<string>`e.at::text`.as('at_key'));
    if (after !== null) {
      const { at, id } = after;
      query = query.where(sql<boolean>`(e.at, e.id) < (${at}::timestamptz, ${id}::bigint)`);
    }
    const rows = await query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(CSV_BATCH).execute();
    for (const r of rows) {
      const e = toEvent(r);
      const line = csvRow([
        e.id,
        e.at,
        e.actor,
        e.action,
        e.productId,
        e.machineId,
        e.reason,
        JSON.stringify(e.details),
      ]);
      if (content.length + line.length > CSV_BUDGET)
        return ok(file(q.orgId, ctx.now(), content, count, true));
      content += line;
      count += 1;
    }
    const last = rows.at(-1);
    if (last === undefined || rows.length < CSV_BATCH) break;
    after = { at: last.at_key, id: String(last.id) };
  }
  return ok(file(q.orgId, ctx.now(), content, count, false));
}

const file = (orgId: string, now: number, content: string, rows: number, truncated: boolean): CsvFile => ({
  fileName: `audit-${orgId.slice(0, 8)}-${new Date(now).toISOString().slice(0, 10)}.csv`,
  content,
  rows,
  truncated,
});
