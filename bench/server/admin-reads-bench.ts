import { sql } from 'kysely';
import { ADMIN_PATHS } from '../../shared/contracts/http/admin-paths';
import { registeredMachinesPageSchema } from '../../shared/contracts/ipc-admin-licenses';
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

/** The admin reads the issue names, as the desktop admin proxy calls them (shared ADMIN_PATHS). */
const reads = (orgId: string, userId: string, now: number, deepCursor: string): Record<string, string> => ({
  subscription: ADMIN_PATHS.subscription(orgId, 'kre'),
  'machines-page': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50`,
  'machines-page-deep': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=50000&limit=50`,
  'machines-page-deep-keyset': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&after=${encodeURIComponent(deepCursor)}`,
  'audit-page-by-action': `${ADMIN_PATHS.audit(orgId)}?action=session.started&offset=0&limit=50`,
  'machines-search': `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=0&limit=50&query=BENCH-4242`,
  'audit-page-by-machine': `${ADMIN_PATHS.audit(orgId)}?machineId=BENCH-4242&offset=0&limit=50`,
  'audit-page-by-user-range': `${ADMIN_PATHS.audit(orgId)}?userId=${userId}&from=${new Date(now - 7 * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}&offset=0&limit=50`,
  'usage-30d-daily': `${ADMIN_PATHS.usage(orgId, 'kre')}?from=${new Date(now - 30 * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}&bucket=day`,
});

/** The keyset cursor of the Registered Machines row just before `position` (what scrolling on hands over). */
async function cursorAt(
  url: string,
  authorization: string,
  orgId: string,
  position: number,
): Promise<string> {
  const path = `${ADMIN_PATHS.machines(orgId, 'kre')}?offset=${Math.max(0, position - 50)}&limit=50`;
  const body: unknown = await (await fetch(`${url}${path}`, { headers: { authorization } })).json();
  const next = registeredMachinesPageSchema.safeParse(body);
  return next.success && typeof next.data.next === 'string' ? next.data.next : '';
}

/**
 * p95 of each admin read (one client, sequential) for an organization with 100,000 registered
 * machines and 1,000,000 audit events. A read the server does not offer yet is reported as n/a.
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
  await sql`analyze`.execute(server.ctx.db);
  const authorization = `Bearer ${org.apiKey}`;
  const deepCursor = await cursorAt(url, authorization, org.orgId, Math.floor(n / 2));
  for (const [name, path] of Object.entries(reads(org.orgId, org.userId, Date.now(), deepCursor))) {
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
