import { sql } from 'kysely';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { MACHINES_MAX_OFFSET, registeredMachinesPageSchema } from '../../shared/contracts/ipc-admin-licenses';
import type { TestServer } from '../../test/support/test-server';
import type { BenchConfig } from '../lib/bench-config';
import type { Figures } from '../lib/figures';
import { medianOf, repeat } from '../lib/stats';
import { runLoad } from '../load/run-load';
import {
  seedActivations,
  seedAuditEvents,
  seedKreOrg,
  seedMachines,
  seedSessions,
  withIndexesRebuilt,
} from './bulk-seed';

const AUDIT_CHUNK = 250_000;
const DAY_MS = 86_400_000;

/** Where the Registered Machines reads start deep in the table: a jump instant and the cursor after it. */
interface DeepPoint {
  readonly seenAtOrBefore: string;
  readonly cursor: string;
}

/** The admin reads the issue names, as the desktop admin proxy calls them (shared ADMIN_PATHS). */
const reads = (orgId: string, userId: string, now: number, deep: DeepPoint): Record<string, string> => ({
  subscription: ADMIN_PATHS.subscription(orgId, 'kre'),
  'machines-page': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50`,
  'machines-page-offset-max': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=${MACHINES_MAX_OFFSET}&limit=50`,
  'machines-page-deep-keyset': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&after=${encodeURIComponent(deep.cursor)}`,
  'machines-page-jump': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&seenAtOrBefore=${encodeURIComponent(deep.seenAtOrBefore)}`,
  'audit-page-by-action': `${ADMIN_PATHS.audit(orgId)}?action=session.started&offset=0&limit=50`,
  'machines-search': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&query=BENCH-4242`,
  'audit-page-by-machine': `${ADMIN_PATHS.audit(orgId)}?machineId=BENCH-4242&offset=0&limit=50`,
  'audit-page-by-user-range': `${ADMIN_PATHS.audit(orgId)}?userId=${userId}&from=${new Date(now - 7 * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}&offset=0&limit=50`,
  'usage-30d-daily': `${ADMIN_PATHS.usage(orgId, 'kre')}?from=${new Date(now - 30 * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}&bucket=day`,
});

/**
 * The middle of the table (what dragging the scroll bar halfway used to ask by offset): the last-seen
 * instant of the row at `position`, read once from the database, and the cursor after the jump page there.
 */
async function deepPoint(server: TestServer, orgId: string, position: number, authorization: string) {
  const row = await sql<{ seen: Date }>`select last_seen_at as seen from machines where org_id = ${orgId}
    order by last_seen_at desc, machine_id offset ${position} limit 1`.execute(server.ctx.db);
  const seenAtOrBefore = new Date(row.rows[0]?.seen ?? Date.now()).toISOString();
  const path = `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&seenAtOrBefore=${encodeURIComponent(seenAtOrBefore)}`;
  const body: unknown = await (
    await fetch(`${server.url ?? ''}${path}`, { headers: { authorization } })
  ).json();
  const page = registeredMachinesPageSchema.safeParse(body);
  const cursor = page.success && typeof page.data.next === 'string' ? page.data.next : '';
  return { seenAtOrBefore, cursor };
}

/**
 * p95 of each admin read (one client, sequential) for an organization with 100,000 registered
 * machines and 1,000,000 audit events, vacuumed after the load (as autovacuum leaves a production
 * database). A read the server does not offer yet is reported as n/a.
 */
export async function benchAdminReads(
  server: TestServer,
  db: string,
  config: BenchConfig,
  figures: Figures,
): Promise<void> {
  if (server.url === null) throw new Error('The admin bench needs a listening server.');
  const url = server.url;
  const prefix = 'admin';
  const org = await seedKreOrg(server.ctx.db, prefix);
  const n = config.adminMachines;
  const whose = { prefix, subscriptionId: org.subscriptionId, userId: org.userId };
  await seedMachines(server.ctx.db, { prefix, orgId: org.orgId, from: 1, to: n });
  await seedActivations(server.ctx.db, { ...whose, from: 1, to: n });
  await seedSessions(server.ctx.db, { ...whose, from: 1, to: Math.min(n, 1000) });
  const seedStarted = performance.now();
  await withIndexesRebuilt(server.ctx.db, 'audit_events', async () => {
    for (let from = 1; from <= config.adminAuditEvents; from += AUDIT_CHUNK) {
      const to = Math.min(config.adminAuditEvents, from + AUDIT_CHUNK - 1);
      await seedAuditEvents(server.ctx.db, {
        orgId: org.orgId,
        actorUserId: org.userId,
        from,
        to,
        machines: n,
      });
    }
  });
  figures.add(`server.${db}.admin.seed-audit.duration`, performance.now() - seedStarted, 'ms', {
    note: `${config.adminAuditEvents} audit events, indexes rebuilt`,
  });
  // A production database is vacuumed by autovacuum; the reads run right after the bulk load, so the
  // seed ends with the vacuum autovacuum would do later. Without it the visibility map is empty and the
  // index-only scans (the audit total, the reservation probes) visit the heap for every row.
  await sql`vacuum analyze`.execute(server.ctx.db);
  const authorization = `Bearer ${org.apiKey}`;
  const deep = await deepPoint(server, org.orgId, Math.floor(n / 2), authorization);
  for (const [name, path] of Object.entries(reads(org.orgId, org.userId, Date.now(), deep))) {
    const key = `server.${db}.admin.${name}.p95`;
    const probe = await fetch(`${url}${path}`, { headers: { authorization } });
    if (probe.status === 404 && /There is no GET /.test(await probe.text())) {
      figures.add(key, null, 'ms', { note: 'endpoint not on the server yet' });
      continue;
    }
    const rounds = await repeat(config.repeats, () =>
      runLoad({
        url,
        method: 'GET',
        connections: 1,
        durationSeconds: config.adminReads.capSeconds,
        warmupSeconds: 0,
        maxRequests: config.adminReads.count,
        clients: [{ authorization, requests: [{ path }] }],
      }),
    );
    const failed = rounds.find((r) => r.non2xx + r.errors > 0);
    const counted = rounds.map((r) => r.completed).join('/');
    figures.add(
      key,
      medianOf(rounds, (r) => r.p95Ms),
      'ms',
      {
        ...(db === 'postgres' ? { target: { op: '<=' as const, value: 50 } } : {}),
        note: failed
          ? `non-2xx: ${failed.firstFailure ?? ''}`.slice(0, 200)
          : `${counted} responses per round`,
      },
    );
  }
}
